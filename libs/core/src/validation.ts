import type { RequestContext } from './context/request-context.js';
import { BadUserInputError } from './errors/app-errors.js';

/**
 * Small input checks with messages in the caller's locale. GraphQL already
 * checked the types; these check content. Each names the field it refuses.
 */
export function requiredText(ctx: RequestContext, value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(ctx.t('field.required', { field }), { field });
  if (trimmed.length > max) throw new BadUserInputError(ctx.t('field.tooLong', { field, max }), { field });
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(trimmed)) {
    throw new BadUserInputError(ctx.t('error.badInput', { detail: field }), { field });
  }
  return trimmed;
}

export function optionalText(ctx: RequestContext, value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requiredText(ctx, value, field, max);
}

// Deliberately simple (RFC 5322 is not what users type); one @, a dot in the domain, no spaces.
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{2,63}$/;

/** A trimmed, lower-cased e-mail address: addresses are unique regardless of case. */
export function normalizeEmail(ctx: RequestContext, value: string, field = 'email'): string {
  const email = value.trim().toLowerCase();
  if (email.length > 320 || !EMAIL_PATTERN.test(email)) {
    throw new BadUserInputError(ctx.t('email.invalid'), { field });
  }
  return email;
}

export function intInRange(ctx: RequestContext, value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(ctx.t('field.range', { field, min, max }), { field });
  }
  return value;
}

/** PostgreSQL error codes we translate into contract errors. */
export const PG_UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === PG_UNIQUE_VIOLATION && (constraint === undefined || name === constraint);
}
