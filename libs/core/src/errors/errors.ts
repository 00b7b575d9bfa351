import type { RequestContext } from '../context/request-context.js';
import type { MessageKey } from '../i18n/messages.js';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, ValidationFailedError, type Violation } from './app-errors.js';

type EntityKey = Extract<MessageKey, `entity.${string}`>;

/**
 * Error factories that word the message in the caller's locale. A missing
 * object and another tenant's object produce the very same error.
 */
export const Errors = {
  notFound(ctx: RequestContext, entity: EntityKey): NotFoundError {
    return new NotFoundError(ctx.t('error.notFound', { entity }));
  },
  forbidden(ctx: RequestContext): ForbiddenError {
    return new ForbiddenError(ctx.t('error.forbidden'));
  },
  badInput(ctx: RequestContext, key: MessageKey, params: Record<string, string | number> = {}, field?: string): BadUserInputError {
    return new BadUserInputError(ctx.t(key, params), field ? { field } : {});
  },
  conflict(ctx: RequestContext, key: MessageKey, params: Record<string, string | number> = {}): ConflictError {
    return new ConflictError(ctx.t(key, params));
  },
  validationFailed(ctx: RequestContext, violations: Violation[]): ValidationFailedError {
    return new ValidationFailedError(ctx.t('error.validationFailed'), violations);
  },
};
