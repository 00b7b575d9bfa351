import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { DEFAULT_LOCALE, ErrorCode, t } from '@anchorlink/core';
import { bodyRefusal, sendJson } from './body-refusals.js';

/** A connect-style middleware (the access log, the security headers, cors). */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface GraphQLHttpOptions {
  /** Where GraphQL is served: only this exact path, without a query string, takes the direct route. */
  path: string;
  /** The largest body taken (the JSON body parser's limit on the Express route). */
  limitBytes: number;
  server: ApolloServer<BaseContext>;
  /** The GraphQL context for a request, as the Express integration would build it. */
  context: (args: { req: IncomingMessage; res: ServerResponse }) => Promise<BaseContext>;
  /** The middleware every request passes first on the Express route, in the same order. */
  before: readonly Middleware[];
  /** The client's address as Express works it out (`req.ip`, `trust proxy`). */
  clientIp: (req: IncomingMessage) => string | undefined;
  /** Where a failure outside GraphQL's own error handling is reported. */
  onError: (error: unknown, req: IncomingMessage) => void;
}

type LaneRequest = IncomingMessage & { ip?: string; body?: unknown };

const JSON_TYPE = /^application\/json(?:;\s*charset=(?:utf-8|"utf-8"))?$/i;

/**
 * The GraphQL operations of ordinary clients, POSTed as UTF-8 JSON of a
 * declared length to exactly `path`, answered without Express. Express ran
 * a dozen per-request layers for them (router, body parser with its content
 * type and charset checks, Apollo's Express integration copying every header
 * a second time) and gave each request and response its own prototypes:
 * more than half the CPU of a request that reads nothing, and a third of a
 * simple query's (docs/benchmarks.md, sixth round).
 * Everything else that reaches `path` (GET, another spelling of the path, a
 * compressed, chunked or oversized body, another content type or charset)
 * returns `false` untouched and takes the Express route, which answers it as
 * before. The request passes the same middleware as on that route and gets the
 * same GraphQL context; Apollo Server does the rest as it always did.
 */
export function graphqlHttp(options: GraphQLHttpOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { path, limitBytes, server, context, before, clientIp, onError } = options;
  return function serveGraphQL(req: LaneRequest, res: ServerResponse): boolean {
    if (req.method !== 'POST' || req.url !== path) return false;
    const headers = req.headers;
    const type = headers['content-type'];
    if (type === undefined || !JSON_TYPE.test(type) || headers['content-encoding'] !== undefined) return false;
    // Without a declared length (chunked) the limit would have to be checked while reading: the Express route does that.
    // (Node's parser refuses a request that declares both; the check does not rely on it.)
    if (headers['transfer-encoding'] !== undefined) return false;
    const length = headers['content-length'] === undefined ? NaN : Number(headers['content-length']);
    if (!(length > 0 && length <= limitBytes)) return false;

    try {
      req.ip = clientIp(req);
      runFrom(0, req, res);
    } catch (error) {
      fail(res, error, req);
    }
    return true;
  };

  /** The middleware from `index` on, as Express's router would run them (a middleware may pass on later), then the body. */
  function runFrom(index: number, req: LaneRequest, res: ServerResponse): void {
    const middleware = before[index];
    if (!middleware) {
      readBody(req, res);
      return;
    }
    // A middleware that never calls `next` has answered the request itself.
    middleware(req, res, (error?: unknown) => {
      if (error !== undefined) {
        fail(res, error, req);
        return;
      }
      try {
        runFrom(index + 1, req, res);
      } catch (thrown) {
        fail(res, thrown, req);
      }
    });
  }

  function readBody(req: LaneRequest, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      } catch (error) {
        answerBadJson(res, (error as Error).message);
        return;
      }
      if (typeof body !== 'object' || body === null) {
        answerBadJson(res, 'the body must be a JSON object');
        return;
      }
      req.body = body;
      execute(req, res).catch((error: unknown) => fail(res, error, req));
    });
  }

  async function execute(req: LaneRequest, res: ServerResponse): Promise<void> {
    const headerMap = new HeaderMap();
    const given = req.headers;
    for (const key in given) {
      const value = given[key];
      if (value !== undefined) headerMap.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: headerMap, search: '', body: req.body },
      context: () => context({ req, res }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /**
   * Anything that fails outside Apollo Server's own error handling (which answers GraphQL errors itself):
   * masked, with the request id to quote, as every unexpected error is.
   */
  function fail(res: ServerResponse, error: unknown, req: IncomingMessage & { id?: unknown }): void {
    try {
      onError(error, req);
    } catch {
      // Reporting must not take the process down with it.
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const requestId = String(req.id ?? '');
    sendJson(res, 500, {
      errors: [{ message: t(DEFAULT_LOCALE, 'error.internal', { requestId }), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } }],
    });
  }
}

/** A body that is not a JSON object, answered as Apollo answers other malformed requests. */
function answerBadJson(res: ServerResponse, reason: string): void {
  answer(res, 400, `The request body is not a JSON object: ${reason}`);
}

/**
 * The body parser's refusals on the Express route to GraphQL (a body that is
 * not JSON, too large, in another charset or encoding), answered as GraphQL
 * errors with the parser's status, as on the direct route. Mounted on the
 * GraphQL path after the body parser; other errors pass on.
 */
export function graphqlBodyErrors(error: unknown, _req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  const refusal = bodyRefusal(error);
  if (!refusal || res.headersSent) {
    next(error);
    return;
  }
  if (refusal.unparsable) answerBadJson(res, refusal.message);
  else answer(res, refusal.status, `The request body was refused: ${refusal.message}`);
}

/** A request GraphQL never saw, refused as Apollo refuses malformed ones: one BAD_USER_INPUT error. */
function answer(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
}
