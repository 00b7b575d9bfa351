import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's response headers, worked out once at start-up and set on every
 * response. With these options none depends on the request (no CSP nonces),
 * and helmet would otherwise run a dozen chained middleware per request to
 * set the same dozen values. Throws at start-up for options that are
 * functions, or if helmet ever reads the request or answers asynchronously,
 * so the shortcut cannot go stale quietly.
 */
export function securityHeaders(options: HelmetOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  // A function among the options (a CSP nonce, say) is meant to run per response, even one that ignores the request.
  const hasFunction = (value: unknown): boolean =>
    typeof value === 'function' || (typeof value === 'object' && value !== null && Object.values(value).some(hasFunction));
  if (hasFunction(options)) throw new Error('securityHeaders: an option is a function; its headers cannot be worked out once');
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
    if (error) throw error instanceof Error ? error : new Error('securityHeaders: helmet failed', { cause: error });
    done = true;
  });
  if (!done) throw new Error('securityHeaders: helmet did not finish synchronously');
  return function setSecurityHeaders(_req, res, next) {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
