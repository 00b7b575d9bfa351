import { randomUUID } from 'node:crypto';
import type { Context } from 'graphql-ws';
import { type DatabaseGate, type Principal, REQUEST_CONTEXT_KEY, RequestContext } from '@anchorlink/core';
import type { AuthService } from '@anchorlink/identity';

interface SocketExtra {
  principal?: Principal;
}

type SubscriptionContext = { [REQUEST_CONTEXT_KEY]?: RequestContext };

/**
 * GraphQL subscriptions over graphql-ws at /graphql. `connection_init` carries
 * the access token (`{ "authorization": "Bearer …" }`); a connection without a
 * valid one is refused. Each subscription gets its own RequestContext, and each
 * event it delivers runs its field resolvers in a transaction of its own,
 * committed (and its per-event caches dropped) once the event is sent.
 */
export function graphqlWsOptions(auth: AuthService, gate: DatabaseGate) {
  const finish = async (contextValue: unknown) => {
    const ctx = (contextValue as SubscriptionContext | undefined)?.[REQUEST_CONTEXT_KEY];
    if (!ctx) return;
    ctx.loaders.clear();
    await gate.finish(ctx, true).catch(() => undefined);
  };
  return {
    path: '/graphql',
    onConnect: async (socket: Context<Record<string, unknown> | undefined, SocketExtra>) => {
      const header = socket.connectionParams?.authorization ?? socket.connectionParams?.Authorization;
      const token = typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : '';
      const principal = token ? await auth.principalFromAccessToken(token) : null;
      if (!principal) return false;
      socket.extra.principal = principal;
      return true;
    },
    context: (socket: Context<Record<string, unknown> | undefined, SocketExtra>): SubscriptionContext => ({
      [REQUEST_CONTEXT_KEY]: new RequestContext(randomUUID(), socket.extra.principal ?? null),
    }),
    onNext: async (_socket: unknown, _message: unknown, args: { contextValue?: unknown }) => {
      await finish(args.contextValue);
    },
    onComplete: async (_socket: unknown, _message: unknown) => undefined,
  };
}
