import type { RequestContext } from './context/request-context.js';
import { Errors } from './errors/errors.js';
import type { MessageKey } from './i18n/messages.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/**
 * Checks an id from the caller before it reaches a query. TypeORM's
 * `findOneBy({ id: undefined })` returns an arbitrary row, so a missing id is
 * a programming error here; a malformed id is just "not found", exactly as an
 * unknown or foreign one.
 */
export function requireId(ctx: RequestContext, id: unknown, entity: Extract<MessageKey, `entity.${string}`>): string {
  if (id === undefined || id === null) throw new Error(`requireId: no id given for ${entity}`);
  if (!isUuid(id)) throw Errors.notFound(ctx, entity);
  return id.toLowerCase();
}
