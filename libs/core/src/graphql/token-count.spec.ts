import { describe, expect, it } from '@jest/globals';
import { countTokens } from './token-count.js';

describe('countTokens', () => {
  it('counts what the lexer reads, comments aside', () => {
    expect(countTokens('{ order(id: 1) { id } } # a comment')).toBe(11);
    expect(countTokens('')).toBe(0);
  });

  it('stops once past the limit', () => {
    expect(countTokens('{ a b c d e f }', 3)).toBe(4);
  });

  it('refuses a text that does not lex', () => {
    expect(() => countTokens('{ "unterminated }')).toThrow(/Syntax Error/);
  });
});
