import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { Params } from 'nestjs-pino';
import { isProbeRequest } from '@anchorlink/core';

const REQUEST_ID_PATTERN = /^[\w.-]{1,64}$/;

type LoggedRequest = IncomingMessage & { id?: unknown; ip?: string; originalUrl?: string };

const serializers = { err: pino.stdSerializers.errWithCause };

/** The API's one pino logger: access lines, and every NestJS log through nestjs-pino. An error's cause is logged as an object of its own. */
export function apiLogger(level: string, destination: DestinationStream): Logger {
  return pino({ level, serializers }, destination);
}

/**
 * nestjs-pino's parameters: NestJS logs through `logger`. Its per-request
 * middleware is not mounted (no routes; `accessLog` does that work), and the
 * pino-http instance it builds around the logger keeps our serializers
 * (left to itself, it would put its own error serializer in their place).
 */
export function nestLoggerParams(logger: Logger): Params {
  return { pinoHttp: { logger, wrapSerializers: false, serializers }, forRoutes: [] };
}

/**
 * One access line per request (health and metrics scrapes aside) saying which
 * request, from where, how it ended and how long it took. Headers are left
 * out: they carry credentials and cookies. The request id ties the line to the
 * caller's own logs and to error lines, which carry it too.
 *
 * This replaces pino-http behind nestjs-pino, whose lines it keeps. pino-http
 * built a child logger per request, and nestjs-pino ran every request inside
 * an AsyncLocalStorage store for it: on Node 20 an entered store makes a hook
 * run for every promise of the process, a fifth of the CPU of a simple query
 * (docs/benchmarks.md, fifth round). Error lines name their request id
 * themselves instead.
 */
export function accessLog(logger: Logger) {
  return function logAccess(req: LoggedRequest, res: ServerResponse, next: () => void): void {
    const started = Date.now();
    // A caller's (or proxy's) request id is kept when it looks like one.
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    if (!isProbeRequest(req.url)) {
      // 'close' comes after 'finish' when the answer was sent, and alone when the client went away first.
      res.once('close', () => {
        const answered = res.writableEnded;
        // A server failure stands out among the access lines (a GraphQL error is a 200 and is logged where
        // it happens); a request abandoned before its answer was sent is a warning, with no status (not
        // the 200 Node starts with).
        const level = res.statusCode >= 500 ? 'error' : answered ? 'info' : 'warn';
        if (!logger.isLevelEnabled(level)) return;
        logger[level](
          {
            req: { id, method: req.method, url: req.originalUrl ?? req.url, remoteAddress: req.ip ?? req.socket?.remoteAddress },
            res: { statusCode: res.headersSent ? res.statusCode : null },
            responseTime: Date.now() - started,
          },
          !answered ? 'request aborted' : level === 'error' ? 'request errored' : 'request completed',
        );
      });
    }
    next();
  };
}
