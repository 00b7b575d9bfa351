import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { accessLog, apiLogger, nestLoggerParams } from './access-log.js';

/** A request to `url` and its response, answered 200, without a server (the response emits 'close' when told). */
function answeredExchange(url: string) {
  const res = Object.assign(new EventEmitter(), { writableEnded: true, headersSent: true, statusCode: 200, setHeader: () => undefined });
  return { req: { headers: {}, method: 'GET', url, socket: {} } as unknown as IncomingMessage, res: res as typeof res & ServerResponse };
}

/** A line of the JSON access log, as far as these tests read it. */
interface LogLine {
  level: number;
  msg?: string;
  req: { id: string; method?: string; url?: string };
  res?: { statusCode: number | null };
  responseTime?: number;
  err?: unknown;
}

describe('the access log', () => {
  let server: Server;
  let url: string;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    const middleware = accessLog(apiLogger('info', sink));
    server = createServer((req, res) => {
      middleware(req, res, () => {
        if (req.url === '/never-answers') return; // until the client gives up
        res.statusCode = req.url === '/fails' ? 503 : 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const lineFor = async (path: string, headers: Record<string, string>) => {
    lines.length = 0;
    const res = await fetch(url + path, { headers });
    await res.text();
    for (let i = 0; i < 50 && !lines.length; i++) await new Promise((r) => setTimeout(r, 10));
    return { line: lines[0], requestId: res.headers.get('x-request-id') };
  };

  it('says which request, from where, how it ended and how long it took; never its headers', async () => {
    const { line, requestId } = await lineFor('/graphql?x=1', {
      authorization: 'Bearer secret.token.here',
      cookie: 'sid=secret',
      'x-api-key': 'ak_secret',
    });
    expect(line.req).toEqual({ id: requestId, method: 'GET', url: '/graphql?x=1', remoteAddress: '127.0.0.1' });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(typeof line.responseTime).toBe('number');
    expect(line).toMatchObject({ level: 30, msg: 'request completed' });
    expect(JSON.stringify(line)).not.toMatch(/secret/);
  });

  it('keeps a request id the caller gave when it looks like one, and makes one otherwise', async () => {
    expect((await lineFor('/', { 'x-request-id': 'edge-proxy-123' })).line.req.id).toBe('edge-proxy-123');
    const { line, requestId } = await lineFor('/', { 'x-request-id': 'no spaces allowed' });
    expect(line.req.id).toBe(requestId);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a request the client abandoned as a warning, with no status', async () => {
    lines.length = 0;
    const aborted = new AbortController();
    const pending = fetch(`${url}/never-answers`, { signal: aborted.signal }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    aborted.abort();
    await pending;
    for (let i = 0; i < 50 && !lines.length; i++) await new Promise((r) => setTimeout(r, 10));
    expect(lines[0]).toMatchObject({ level: 40, req: { url: '/never-answers' }, res: { statusCode: null }, msg: 'request aborted' });
  });

  it('logs a failed response at error level, and health checks not at all', async () => {
    expect((await lineFor('/fails', {})).line).toMatchObject({ level: 50, res: { statusCode: 503 }, msg: 'request errored' });
    expect((await lineFor('/health', {})).line).toBeUndefined();
  });

  it("logs NestJS's errors through nestjs-pino with their cause as an object of its own, and mounts no middleware", async () => {
    const written: LogLine[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (written.push(JSON.parse(chunk.toString()) as LogLine), done()) });
    const params = nestLoggerParams(apiLogger('info', sink));
    expect(params.forRoutes).toEqual([]);
    // What nestjs-pino builds from its parameters, and logs NestJS's lines through.
    const { logger } = pinoHttp(params.pinoHttp as never);
    logger.error({ err: new Error('commit failed', { cause: new Error('connection reset') }) }, 'x');
    await new Promise((r) => setTimeout(r, 20));
    expect(written[0].err).toMatchObject({ message: 'commit failed', cause: { message: 'connection reset' } });
  });

  it('logs nothing below its level', async () => {
    const quiet: unknown[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (quiet.push(chunk.toString()), done()) });
    const { req, res } = answeredExchange('/graphql');
    let called = false;
    accessLog(apiLogger('warn', sink))(req, res, () => (called = true));
    res.emit('close');
    await new Promise((r) => setTimeout(r, 20));
    expect(called).toBe(true);
    expect(quiet).toEqual([]);
  });
});
