import argon2 from 'argon2';
import { BadUserInputError, type RequestContext } from '@anchorlink/core';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;

// OWASP's argon2id baseline (19 MiB, t=2, p=1) is the floor; a little more memory costs ~40 ms here.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

// Verified when the e-mail is unknown, so both answers take as long as a real check.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  const target = hash ?? (await (dummyHash ??= hashPassword('anchorlink-timing-equaliser')));
  try {
    const ok = await argon2.verify(target, password);
    return ok && hash !== null;
  } catch {
    return false;
  }
}

/** Refuses short and common passwords with a message in the caller's locale. */
export function checkPasswordPolicy(ctx: RequestContext, password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new BadUserInputError(ctx.t('auth.passwordTooShort', { min: MIN_PASSWORD_LENGTH }), { field: 'password' });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new BadUserInputError(ctx.t('field.tooLong', { field: 'password', max: MAX_PASSWORD_LENGTH }), {
      field: 'password',
    });
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    throw new BadUserInputError(ctx.t('auth.passwordTooCommon'), { field: 'password' });
  }
}
