import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '@anchorlink/core';

/** What the body parser refused, and why. */
export interface BodyRefusal {
  status: number;
  message: string;
  /** The body arrived but is not valid JSON (rather than too large, in another charset or encoding). */
  unparsable: boolean;
}

/** body-parser's refusal of a request body (its errors carry a `type` and a 4xx status); undefined for any other error. */
export function bodyRefusal(error: unknown): BodyRefusal | undefined {
  const { status, type, message } = (error ?? {}) as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return { status, message: String(message), unparsable: type === 'entity.parse.failed' };
}

/**
 * The body parser's refusals on the REST routes, answered in their error
 * shape (`{ "error": { "code", "message" } }`, as RestExceptionFilter does)
 * with the parser's status, instead of NestJS's default shape. Mounted on
 * `/api` after the body parsers; other errors pass on.
 */
export function restBodyErrors(error: unknown, _req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  const refusal = bodyRefusal(error);
  if (!refusal || res.headersSent) {
    next(error);
    return;
  }
  sendJson(res, refusal.status, { error: { code: ErrorCode.BAD_USER_INPUT, message: `The request body was refused: ${refusal.message}` } });
}

/** Answers with `value` as JSON (body-parser errors arrive before Express's response helpers are of use). */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * The body parser's refusals on the GraphQL route (a body that is not JSON,
 * too large, in another charset or encoding), answered as GraphQL errors with
 * the parser's status, as Apollo answers other malformed requests. Mounted on
 * the GraphQL path after the body parser; other errors pass on.
 */
export function graphqlBodyErrors(error: unknown, _req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  const refusal = bodyRefusal(error);
  if (!refusal || res.headersSent) {
    next(error);
    return;
  }
  const message = refusal.unparsable
    ? `The request body is not a JSON object: ${refusal.message}`
    : `The request body was refused: ${refusal.message}`;
  // A document over the size limit is a limit like the others (tokens, depth, cost): 400, as they answer.
  const status = refusal.unparsable || refusal.status === 413 ? 400 : refusal.status;
  sendJson(res, status, { errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
}
