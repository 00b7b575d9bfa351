import { authExchange } from '@urql/exchange-auth';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { graphql } from './gql/index.js';
import { currentLocale } from './i18n.js';
import { getSession, setSession } from './session.js';

export const REFRESH = graphql(`
  mutation Refresh($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      accessToken
      accessTokenExpiresAt
      refreshToken
      user { id email displayName roles organization { id name kind } }
    }
  }
`);

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

/** Subscriptions: one socket, authenticated with the access token current when it (re)connects. */
function connect() {
  return createWsClient({
    url: wsUrl,
    lazy: true,
    retryAttempts: Infinity,
    connectionParams: () => {
      const session = getSession();
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
  });
}
let ws = connect();

/**
 * The GraphQL client. The access token goes on every request; shortly before
 * it expires, or when the API answers UNAUTHENTICATED, the refresh token gets
 * a new one and the request is retried, so the page stays as it is. When the
 * refresh fails the session ends and the sign-in page shows.
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
          return session ? utils.appendHeaders(operation, { authorization: `Bearer ${session.accessToken}` }) : operation;
        },
        didAuthError(error) {
          return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
        },
        willAuthError() {
          const session = getSession();
          return !!session && Date.parse(session.accessTokenExpiresAt) - Date.now() < 15_000;
        },
        async refreshAuth() {
          const session = getSession();
          if (!session) return;
          const result = await utils.mutate(REFRESH, { refreshToken: session.refreshToken });
          const payload = result.data?.refreshToken;
          setSession(payload ? { ...payload, user: { ...payload.user, roles: [...payload.user.roles] } } : null);
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
