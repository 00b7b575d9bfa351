import { describe, expect, it } from '@jest/globals';
import { RequestContext } from '@anchorlink/core';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.js';

const ctx = RequestContext.anonymous('t', 'en');

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Correct-Horse-42');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Correct-Horse-42')).toBe(true);
    expect(await verifyPassword(hash, 'correct-horse-42')).toBe(false);
  });

  it('never verifies without a stored hash (unknown user), after doing the same work', async () => {
    expect(await verifyPassword(null, 'anchorlink-timing-equaliser')).toBe(false);
  });

  it('refuses short and common passwords', () => {
    expect(() => checkPasswordPolicy(ctx, 'short')).toThrow('at least 10');
    expect(() => checkPasswordPolicy(ctx, 'Password123')).toThrow('too common');
    expect(() => checkPasswordPolicy(ctx, 'qwertyuiop')).toThrow('too common');
    expect(() => checkPasswordPolicy(ctx, 'Stamping-Works-2026')).not.toThrow();
  });
});
