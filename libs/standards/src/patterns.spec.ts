import { describe, expect, it } from '@jest/globals';
import { compilePattern, patternStates } from './patterns.js';

describe('record schema patterns', () => {
  it('compiles what RE2 runs in linear time and refuses lookaround and backreferences', () => {
    expect(compilePattern('^[A-Z0-9][A-Z0-9-]{2,39}$').ok).toBe(true);
    expect(compilePattern('^(a+)+$').ok).toBe(true);
    expect(compilePattern('^\\p{Script=Han}{2,20}$').ok).toBe(true);
    for (const pattern of ['^(?=.*\\d)\\w+$', '(?<!x)y', '(a)\\1', '(']) {
      const compiled = compilePattern(pattern);
      expect({ pattern, ok: compiled.ok }).toEqual({ pattern, ok: false });
      if (!compiled.ok) expect(compiled.reason.length).toBeGreaterThan(0);
    }
  });

  it('estimates the states a pattern needs: counted repetitions multiply, alternatives add up', () => {
    expect(patternStates('^[A-Z0-9][A-Z0-9-]{2,39}$')).toBe(1 + 1 + 39 + 1);
    expect(patternStates('abc')).toBe(3);
    expect(patternStates('a|bc')).toBe(3);
    expect(patternStates('(?:ab){3}')).toBe(6);
    expect(patternStates('(.{0,90}a){10}b')).toBe((90 + 1) * 10 + 1);
    expect(patternStates('(?:(?:.{0,9}){9}){9}')).toBe(729);
    expect(patternStates('x{5,}')).toBe(6);
    expect(patternStates('a*b+c?')).toBe(3);
    // Escapes, classes and named groups are one position each, whatever their spelling.
    expect(patternStates('\\d\\p{L}[a-z\\]]\\u{1F600}\\x41(?<year>\\d{4})')).toBe(5 + 4);
    // A brace that is not a repetition is a literal.
    expect(patternStates('a{b')).toBe(3);
  });
});
