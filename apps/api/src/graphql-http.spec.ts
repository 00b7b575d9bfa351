import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_LOCALE, t } from '@anchorlink/core';
import { graphqlBodyErrors, graphqlHttp, type Middleware } from './graphql-http.js';

/**
 * The direct route in front of a stand-in for Express (it answers 418 with
 * "express") and for Apollo Server (it echoes what it was given). What the
 * route does with real Express and Apollo is in test/graphql-http.e2e-spec.ts.
 */
describe('the direct GraphQL route', () => {
  let server: Server;
  let port: number;
  const seen: { request?: HTTPGraphQLRequest; context?: BaseContext; calls: number; middleware: string[]; errors: unknown[] } = { calls: 0, middleware: [], errors: [] };
  let answerWith: (request: HTTPGraphQLRequest) => Promise<unknown> = async () => ({});
  const before: Middleware[] = [];
  const runFirst = (...middleware: Middleware[]) => before.splice(0, before.length, ...middleware);

  const apollo = {
    async executeHTTPGraphQLRequest({ httpGraphQLRequest, context }: { httpGraphQLRequest: HTTPGraphQLRequest; context: () => Promise<BaseContext> }) {
      seen.calls++;
      seen.request = httpGraphQLRequest;
      seen.context = await context();
      const headers = new HeaderMap([['content-type', 'application/json; charset=utf-8']]);
      return { status: 200, headers, body: { kind: 'complete', string: JSON.stringify(await answerWith(httpGraphQLRequest)) } };
    },
  } as unknown as ApolloServer<BaseContext>;

  beforeAll(async () => {
    const serve = graphqlHttp({
      path: '/graphql',
      limitBytes: 100,
      server: apollo,
      context: async ({ req }) => ({ ip: (req as IncomingMessage & { ip?: string }).ip }),
      before,
      clientIp: () => '203.0.113.9',
      onError: (error) => seen.errors.push(error),
    });
    server = createServer((req, res) => {
      if (serve(req, res)) return;
      res.statusCode = 418;
      res.end('express');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    seen.request = seen.context = undefined;
    seen.calls = 0;
    seen.middleware = [];
    seen.errors = [];
    answerWith = async () => ({ data: { ok: true } });
    runFirst();
  });

  /** A raw request, so that headers (a missing length, chunked bodies, encodings) are exactly as given. */
  interface Sent {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    chunked?: boolean;
  }

  function send(options: Sent) {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const body = options.method === 'GET' ? '' : (options.body ?? '{"query":"{ ok }"}');
      const length: Record<string, string> = options.chunked || options.method === 'GET' ? {} : { 'content-length': String(Buffer.byteLength(body)) };
      const headers: Record<string, string> = { 'content-type': 'application/json', ...length, ...options.headers };
      const req = httpRequest({ port, host: '127.0.0.1', method: options.method ?? 'POST', path: options.path ?? '/graphql', headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body || undefined);
    });
  }

  it('answers a JSON POST to the GraphQL path through Apollo Server, with the request as the Express route gives it', async () => {
    const res = await send({ headers: { 'x-custom': 'yes', 'accept-language': 'en' } });
    expect(res).toMatchObject({ status: 200, body: '{"data":{"ok":true}}' });
    expect(res.headers['content-length']).toBe('20');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(seen.request).toMatchObject({ method: 'POST', search: '', body: { query: '{ ok }' } });
    expect(seen.request!.headers.get('x-custom')).toBe('yes');
    expect(seen.request!.headers.get('accept-language')).toBe('en');
    // req.ip is what Express would have worked out, before the context is built.
    expect(seen.context).toEqual({ ip: '203.0.113.9' });
  });

  it('takes UTF-8 JSON with or without its charset, and a body that starts with a byte order mark', async () => {
    expect((await send({ headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(200);
    expect((await send({ headers: { 'content-type': 'Application/JSON; charset="UTF-8"' } })).status).toBe(200);
    expect((await send({ body: '\uFEFF{"query":"{ ok }"}' })).status).toBe(200);
    expect(seen.request!.body).toEqual({ query: '{ ok }' });
    const chinese = await send({ body: '{"query":"{ ok }","variables":{"name":"锚链"}}' });
    expect(chinese.status).toBe(200);
    expect(seen.request!.body).toEqual({ query: '{ ok }', variables: { name: '锚链' } });
  });

  it('leaves everything else to Express untouched', async () => {
    const leftToExpress: Sent[] = [
      { method: 'GET', path: '/graphql?query=%7Bok%7D' },
      { path: '/graphql?x=1' },
      { path: '/graphql/' },
      { path: '/GraphQL' },
      { path: '/api/graphql' },
      { headers: { 'content-type': 'text/plain' } },
      { headers: { 'content-type': 'application/json; charset=latin1' } },
      { headers: { 'content-type': 'application/graphql+json' } },
      { headers: { 'content-type': 'application/json; charset="utf-8' } },
      { headers: { 'content-encoding': 'gzip' } },
      { headers: { 'content-encoding': 'identity' } },
      { chunked: true, headers: { 'transfer-encoding': 'chunked' } },
      { body: 'x'.repeat(101) },
      { body: '' },
    ];
    let middlewareRan = false;
    runFirst((_req, _res, next) => ((middlewareRan = true), next()));
    for (const request of leftToExpress) {
      const res = await send(request);
      expect({ request, status: res.status, body: res.body }).toEqual({ request, status: 418, body: 'express' });
    }
    expect(middlewareRan).toBe(false);
    expect(seen.request).toBeUndefined();
  });

  it('takes a body of exactly the limit', async () => {
    const body = JSON.stringify({ query: '{ ok }', variables: { pad: '' } });
    const exact = JSON.stringify({ query: '{ ok }', variables: { pad: 'x'.repeat(100 - body.length) } });
    expect(Buffer.byteLength(exact)).toBe(100);
    expect((await send({ body: exact })).status).toBe(200);
  });

  it('runs the Express route’s first middleware, in order, before reading the body', async () => {
    runFirst(
      (_req, res, next) => (seen.middleware.push('log'), res.setHeader('x-request-id', 'r1'), next()),
      (_req, res, next) => (seen.middleware.push('headers'), res.setHeader('x-frame-options', 'SAMEORIGIN'), next()),
    );
    const res = await send({});
    expect(seen.middleware).toEqual(['log', 'headers']);
    expect(res.headers['x-request-id']).toBe('r1');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('stops where a middleware answers itself, and answers a middleware’s error with a masked 500', async () => {
    runFirst((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    expect((await send({})).status).toBe(204);
    runFirst(
      (req, _res, next) => ((req as IncomingMessage & { id?: string }).id = 'req-42', next()), // as the access log does
      (_req, _res, next) => next(new Error('boom')),
    );
    const failed = await send({});
    expect(failed.status).toBe(500);
    // Masked as every unexpected error is: the request id to quote, nothing of the cause.
    expect(JSON.parse(failed.body)).toEqual({
      errors: [{ message: t(DEFAULT_LOCALE, 'error.internal', { requestId: 'req-42' }), extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' } }],
    });
    expect(seen.errors).toEqual([new Error('boom')]);
    expect(seen.request).toBeUndefined();
  });

  it('goes on when a middleware passes on later, as Express would', async () => {
    runFirst(
      (_req, _res, next) => void setTimeout(() => (seen.middleware.push('late'), next()), 10),
      (_req, _res, next) => (seen.middleware.push('after'), next()),
    );
    expect((await send({})).status).toBe(200);
    expect(seen.middleware).toEqual(['late', 'after']);
    expect(seen.calls).toBe(1);
  });

  it('answers a middleware that throws, at once or after passing on late, with a masked 500 and stays up', async () => {
    runFirst(() => {
      throw new Error('thrown in a middleware');
    });
    const thrown = await send({});
    expect(thrown.status).toBe(500);
    expect(JSON.parse(thrown.body).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    runFirst(
      (_req, _res, next) => void setTimeout(next, 5),
      () => {
        throw new Error('thrown after a late next');
      },
    );
    expect((await send({})).status).toBe(500);
    expect(seen.errors).toEqual([new Error('thrown in a middleware'), new Error('thrown after a late next')]);
    expect(seen.calls).toBe(0);
    runFirst();
    expect((await send({})).status).toBe(200);
  });

  it('refuses a body that is not a JSON object as a GraphQL BAD_USER_INPUT, without running anything', async () => {
    for (const body of ['{"query":', '"a string"', 'null', '42']) {
      const res = await send({ body });
      expect(res.status).toBe(400);
      const [error] = JSON.parse(res.body).errors;
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      expect(error.message).toMatch(/^The request body is not a JSON object/);
    }
    expect(seen.request).toBeUndefined();
  });

  it('drops a request whose client goes away before its body is complete, running nothing', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': '50' } });
      req.on('error', () => resolve());
      req.write('{"query":', () => setTimeout(() => req.destroy(), 20));
    });
    // The server is still there and serves the next request.
    expect((await send({})).status).toBe(200);
    expect(seen.errors).toEqual([]);
    expect(seen.calls).toBe(1);
  });

  it('writes an answer Apollo Server sends in parts as it comes', async () => {
    const original = apollo.executeHTTPGraphQLRequest;
    (apollo as { executeHTTPGraphQLRequest: unknown }).executeHTTPGraphQLRequest = async () => ({
      status: 200,
      headers: new HeaderMap([['content-type', 'multipart/mixed; boundary="-"']]),
      body: {
        kind: 'chunked',
        asyncIterator: (async function* () {
          yield 'first ';
          yield 'second';
        })(),
      },
    });
    try {
      const res = await send({});
      expect(res).toMatchObject({ status: 200, body: 'first second' });
      expect(res.headers['content-type']).toBe('multipart/mixed; boundary="-"');
    } finally {
      (apollo as { executeHTTPGraphQLRequest: unknown }).executeHTTPGraphQLRequest = original;
    }
  });

  // Apollo Server answers its own failures (a throwing context function included) as GraphQL errors; this is the net below.
  it('answers an unexpected failure of Apollo Server with a masked 500 and reports it', async () => {
    answerWith = async () => {
      throw new Error('the database is on fire');
    };
    const res = await send({});
    expect(res.status).toBe(500);
    expect(res.body).not.toMatch(/fire/);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(seen.errors).toEqual([new Error('the database is on fire')]);
  });
});

describe('the body parser’s refusals on the Express route to GraphQL', () => {
  function refuse(error: unknown) {
    const res = { headersSent: false, statusCode: 0, headers: {} as Record<string, unknown>, body: '' };
    const response = Object.assign(res, {
      setHeader: (name: string, value: unknown) => void (res.headers[name] = value),
      end: (body: string) => void (res.body = body),
    });
    let passed: unknown = 'not called';
    graphqlBodyErrors(error, {} as IncomingMessage, response as unknown as ServerResponse, (e) => (passed = e));
    return { res, passed };
  }

  it('answers them as GraphQL errors with the parser’s status', () => {
    const parse = refuse(Object.assign(new Error('Unexpected end of JSON input'), { status: 400, type: 'entity.parse.failed' }));
    expect(parse.res.statusCode).toBe(400);
    expect(JSON.parse(parse.res.body)).toEqual({
      errors: [{ message: 'The request body is not a JSON object: Unexpected end of JSON input', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const large = refuse(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }));
    expect(large.res.statusCode).toBe(413);
    expect(JSON.parse(large.res.body).errors[0]).toEqual({ message: 'The request body was refused: request entity too large', extensions: { code: 'BAD_USER_INPUT' } });
    expect(large.res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('passes on every other error', () => {
    const other = new Error('something else');
    expect(refuse(other).passed).toBe(other);
    const serverSide = Object.assign(new Error('stream not readable'), { status: 500, type: 'stream.not.readable' });
    expect(refuse(serverSide).passed).toBe(serverSide);
  });
});
