import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from './request-context.js';

/**
 * Carries the RequestContext to code that cannot take it as an argument
 * (log lines, subscription filters). Services still receive it explicitly.
 */
export const requestContextStorage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return requestContextStorage.getStore();
}
