import { describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet, { type HelmetOptions } from 'helmet';
import { securityHeaders } from './security-headers.js';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The headers a response gets through the middleware, X-Powered-By set first as Express does. */
async function headersThrough(middleware: Middleware): Promise<Record<string, string>> {
  const server = createServer((req, res) => {
    res.setHeader('X-Powered-By', 'Express');
    middleware(req, res, () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
    await res.text();
    const headers = Object.fromEntries(res.headers);
    for (const name of ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']) delete headers[name];
    return headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('security headers', () => {
  const production: HelmetOptions = { crossOriginEmbedderPolicy: false };
  const development: HelmetOptions = { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false };

  it.each([
    ['production', production],
    ['development', development],
  ])('are exactly what helmet sends, in %s', async (_name, options) => {
    const expected = await headersThrough(helmet(options));
    expect(expected['strict-transport-security']).toContain('max-age=');
    expect(expected['x-powered-by']).toBeUndefined();
    expect(await headersThrough(securityHeaders(options))).toEqual(expected);
  });

  it('carries the Content-Security-Policy in production only', async () => {
    expect((await headersThrough(securityHeaders(production)))['content-security-policy']).toContain("default-src 'self'");
    expect((await headersThrough(securityHeaders(development)))['content-security-policy']).toBeUndefined();
  });

  it('refuses, at start-up, options whose headers would depend on the request', () => {
    const perRequest: HelmetOptions = {
      contentSecurityPolicy: { directives: { scriptSrc: ["'self'", (req) => `'nonce-${String(req.headers['x-nonce'])}'`] } },
    };
    expect(() => securityHeaders(perRequest)).toThrow(/is a function/);
    const randomNonce: HelmetOptions = {
      contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => `'nonce-${Math.random()}'`] } },
    };
    expect(() => securityHeaders(randomNonce)).toThrow(/is a function/);
  });
});
