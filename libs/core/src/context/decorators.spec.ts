import { describe, expect, it } from '@jest/globals';
import { requestContextOf } from './decorators.js';
import { REQUEST_CONTEXT_KEY } from './http-request.js';
import { RequestContext } from './request-context.js';

describe('requestContextOf', () => {
  const ctx = RequestContext.anonymous('request-1', 'en');

  it("finds the context on the HTTP request of a field resolver's GraphQL context", () => {
    expect(requestContextOf({ req: { [REQUEST_CONTEXT_KEY]: ctx }, res: {} })).toBe(ctx);
  });

  it('finds it on the connection context over graphql-ws, where there is no request', () => {
    expect(requestContextOf({ [REQUEST_CONTEXT_KEY]: ctx })).toBe(ctx);
  });

  it('refuses to go on without one rather than run unscoped', () => {
    expect(() => requestContextOf({ req: {} })).toThrow(/No RequestContext/);
    expect(() => requestContextOf({})).toThrow(/No RequestContext/);
  });
});
