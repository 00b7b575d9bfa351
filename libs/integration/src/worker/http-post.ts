import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface PostResult {
  /** The HTTP status, when a response arrived. */
  status: number | null;
  /** Why it failed, when it did (network error, timeout, non-2xx). */
  error: string | null;
}

/**
 * POSTs `body` and waits for the response headers, at most `timeoutMs` in all.
 * Redirects are not followed (a receiver that moved must be re-registered).
 * Never throws.
 */
export function postJson(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  lookup?: LookupFunction,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers },
      ...(lookup ? { lookup } : {}),
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: null, error: `no response within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      // The body is not used; drain it so the socket is released.
      res.resume();
      res.on('error', () => undefined);
      finish(status >= 200 && status < 300 ? { status, error: null } : { status, error: `HTTP ${status}` });
    });
    req.on('error', (error) => finish({ status: null, error: error.message.slice(0, 400) }));
    req.end(body);
  });
}
