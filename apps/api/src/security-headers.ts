import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's response headers, worked out once at start-up and set on every
 * response. With these options none depends on the request (no CSP nonces),
 * and helmet would otherwise run a dozen chained middleware per request to
 * set the same dozen values. Throws at start-up if helmet ever needs the
 * request or answers asynchronously, so the shortcut cannot go stale quietly.
 */
export function securityHeaders(options: HelmetOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  };
  const request = new Proxy({} as IncomingMessage, {
    get: (_target, property) => {
      throw new Error(`securityHeaders: helmet read the request (${String(property)}); its headers cannot be worked out once`);
    },
  });
  let done = false;
  helmet(options)(request, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('securityHeaders: helmet did not finish synchronously');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
