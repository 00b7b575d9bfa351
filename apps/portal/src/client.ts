import { stringifyDocument } from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import type { SessionFieldsFragment } from './gql/graphql.js';
import { currentLocale } from './i18n.js';
import { nearExpiry, REFRESH, type RefreshCall, refreshSession } from './refresh.js';
import { getSession } from './session.js';

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

/** The access token sent last, to tell "ours was refused" from "another tab has refreshed since". */
let lastSent: string | null = null;

const refused = (errors: readonly { extensions?: { code?: unknown } }[] | undefined) =>
  !!errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');

/** Refreshing outside the exchanges (for the socket), with a plain fetch. */
const fetchRefresh: RefreshCall = async (refreshToken) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': currentLocale() },
    body: JSON.stringify({ query: stringifyDocument(REFRESH), variables: { refreshToken } }),
  });
  const body = (await response.json()) as {
    data?: { refreshToken: SessionFieldsFragment } | null;
    errors?: { extensions?: { code?: unknown } }[];
  };
  return { payload: body.data?.refreshToken ?? null, refused: refused(body.errors) };
};

/**
 * Subscriptions: one socket, authenticated when it (re)connects. A socket that
 * reconnects after a long idle time first refreshes an access token about to
 * expire; waits between attempts grow but stop at 30 s.
 */
function connect() {
  return createWsClient({
    url: wsUrl,
    lazy: true,
    retryAttempts: Infinity,
    retryWait: (retries) =>
      new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 30_000) * (0.5 + Math.random() / 2))),
    connectionParams: async () => {
      if (nearExpiry()) await refreshSession(fetchRefresh, null).catch(() => undefined);
      const session = getSession();
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
  });
}
let ws = connect();

/**
 * The GraphQL client. The access token goes on every request; shortly before
 * it expires, or when the API answers UNAUTHENTICATED, the refresh token gets
 * a new one (once across all tabs, see refresh.ts) and the request is retried,
 * so the page stays as it is.
 */
export function createClient(): Client {
  return new Client({
    url: '/graphql',
    // POST only: the API refuses GET queries without a preflight header (Apollo's CSRF prevention).
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { 'accept-language': currentLocale() } }),
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const session = getSession();
          if (!session) return operation;
          lastSent = session.accessToken;
          return utils.appendHeaders(operation, { authorization: `Bearer ${session.accessToken}` });
        },
        didAuthError(error) {
          return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
        },
        willAuthError() {
          return nearExpiry();
        },
        async refreshAuth() {
          await refreshSession(async (refreshToken) => {
            const result = await utils.mutate(REFRESH, { refreshToken });
            return { payload: result.data?.refreshToken ?? null, refused: refused(result.error?.graphQLErrors) };
          }, lastSent);
        },
      })),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}

/** Signing out closes the socket, so the next user's subscriptions carry their own token. */
export function closeSubscriptions(): void {
  void ws.dispose();
  ws = connect();
}
