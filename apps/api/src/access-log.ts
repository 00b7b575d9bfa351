import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino } from 'pino';
import type { Options } from 'pino-http';
import { isProbeRequest } from '@anchorlink/core';

const REQUEST_ID_PATTERN = /^[\w.-]{1,64}$/;

type LoggedRequest = IncomingMessage & { id?: unknown; ip?: string; originalUrl?: string };

/**
 * pino-http's options for the API: one access line per request (health and
 * metrics scrapes aside) saying which request, from where, how it ended and
 * how long it took. Headers are left out: they carry credentials and cookies,
 * and serializing every header of every request (then redacting some) was a
 * twentieth of a simple query's CPU. The request id ties the line to the
 * caller's own logs and to error lines.
 */
export function accessLogOptions(level: string): Options<IncomingMessage, ServerResponse> {
  return {
    level,
    // A caller's (or proxy's) request id is kept when it looks like one.
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    // The serializers get Express's own request and response, not pino-http's full copies of them.
    wrapSerializers: false,
    serializers: {
      req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: req.originalUrl ?? req.url, remoteAddress: req.ip ?? req.socket?.remoteAddress }),
      // No status when nothing was sent (the client went away first): not the 200 Node starts with.
      res: (res: ServerResponse) => ({ statusCode: res.headersSent ? res.statusCode : null }),
      err: pino.stdSerializers.errWithCause,
    },
    // A server failure stands out among the access lines (a GraphQL error is a 200 and is logged where it
    // happens); a request abandoned before its answer was sent is a warning.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.writableEnded ? 'info' : 'warn'),
    autoLogging: { ignore: (req: IncomingMessage) => isProbeRequest(req.url) },
  };
}
