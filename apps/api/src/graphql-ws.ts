import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  type GraphQLFormattedError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import {
  type DatabaseGate,
  DEFAULT_LOCALE,
  ErrorCode,
  formatGraphQLError,
  type MessageKey,
  nulCharacterError,
  type Principal,
  REQUEST_CONTEXT_KEY,
  RequestContext,
  t,
  unexpectedCause,
  wordInternalError,
} from '@anchorlink/core';
import type { AuthService } from '@anchorlink/identity';
import { GRAPHQL_LIMITS, GRAPHQL_PARSE_OPTIONS, productionMessage } from './graphql-armor.js';

interface SocketExtra extends Extra {
  principal?: Principal;
  /** When the access token that opened the socket expires (none for an API key). */
  expiresAt?: number;
  expiry?: NodeJS.Timeout;
}

type Socket = Context<Record<string, unknown> | undefined, SocketExtra>;

/**
 * The close code for credentials that no longer hold (an access token
 * expired, an API key revoked): Forbidden, as for a connection refused at
 * `connection_init`. graphql-ws clients retry it with fresh connection
 * parameters (the portal refreshes its token first), where they take 4401
 * Unauthorized as final and drop every subscription.
 */
export const CREDENTIALS_ENDED = 4403;

/** Closes the socket, and with it every subscription on it, saying why in the caller's language. */
function endSession(socket: Socket, reason: MessageKey): void {
  clearTimeout(socket.extra.expiry);
  socket.extra.socket.close(CREDENTIALS_ENDED, t(socket.extra.principal?.locale ?? DEFAULT_LOCALE, reason));
}

const expired = (socket: Socket) => socket.extra.expiresAt !== undefined && Date.now() >= socket.extra.expiresAt;

/** setTimeout's longest delay (about 24.8 days); an access token lives 15 minutes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type SubscriptionContext = { [REQUEST_CONTEXT_KEY]?: RequestContext };

const logger = new Logger('GraphQLWs');

/** A refusal of what the client sent (syntax, validation, variables, operation): BAD_USER_INPUT, never logged. */
function requestError(error: GraphQLError, message: (text: string) => string): GraphQLFormattedError {
  return { message: message(error.message), locations: error.locations, extensions: { code: ErrorCode.BAD_USER_INPUT } };
}

/**
 * Errors as HTTP answers them: contract codes only, anything unexpected
 * masked, and logged here with the subscription's request id (Apollo's
 * plugins, which do both for HTTP, do not run over the socket). An error
 * without a path is about the operation as a whole, which graphql-js reports
 * before running anything (its variables): the caller's, as over HTTP.
 */
function formatErrors(
  ctx: RequestContext | undefined,
  errors: readonly GraphQLError[],
  message: (text: string) => string,
): GraphQLFormattedError[] {
  const requestId = ctx?.requestId ?? '';
  return errors.map((error) => {
    if (!error.path) return requestError(error, message);
    const cause = unexpectedCause(error);
    if (cause) logger.error({ requestId, err: cause, path: error.path }, 'internal error');
    const formatted = wordInternalError(formatGraphQLError(error.toJSON(), error), ctx?.locale ?? DEFAULT_LOCALE, requestId);
    return { ...formatted, message: message(formatted.message) };
  });
}

/**
 * The size of a subscription's payload as JSON, or more than `limit` when its
 * text alone is (without serializing it). The socket itself takes up to ws's
 * `maxPayload` (100 MiB), which @nestjs/graphql does not set.
 */
function payloadBytes(payload: SubscribePayload, limit: number): number {
  if (payload.query.length > limit) return payload.query.length;
  return Buffer.byteLength(JSON.stringify(payload));
}

/**
 * GraphQL subscriptions over graphql-ws at /graphql. `connection_init` carries
 * an access token (`{ "authorization": "Bearer …" }`) or an API key
 * (`{ "x-api-key": "alk_…" }`); a connection without a valid one is refused.
 * A socket lives no longer than its credentials: it is closed
 * (CREDENTIALS_ENDED) when its access token expires, and when its API key,
 * read again as each subscription starts and before each event, has been
 * revoked, before that event is sent. Each subscription gets its own RequestContext, and each
 * event it delivers runs its field resolvers in a transaction of its own,
 * committed (and its per-event caches dropped) once the event is sent.
 *
 * Only subscriptions: queries and mutations go over HTTP, where the
 * read-only transaction of a query and the savepoint of each mutation are
 * applied, by Apollo's plugins and NestJS, which do not run here. A
 * subscription is held to the same limits as over HTTP: its payload's size
 * (the body limit), its document's tokens, and `validationRules` (depth,
 * aliases, directives, cost). Past one, that subscription gets an error
 * message (BAD_USER_INPUT); the socket and its other subscriptions go on.
 */
export function graphqlWsOptions(
  auth: AuthService,
  gate: DatabaseGate,
  validationRules: readonly ValidationRule[] = [],
  isProduction = false,
) {
  const clientMessage = (message: string) => (isProduction ? productionMessage(message) : message);
  /** Whether an API key subscriber's key still stands (read in `ctx`'s transaction); a failure to read it closes the socket. */
  const stillAuthorized = (ctx: RequestContext) =>
    auth.stillAuthorized(ctx).catch((error: unknown) => {
      logger.error({ requestId: ctx.requestId, err: error }, 'could not check the API key of a subscription');
      return false;
    });
  /** Why the socket's credentials no longer hold, checked when a subscription starts; null while they do. */
  const credentialsEnded = async (socket: Socket): Promise<MessageKey | null> => {
    if (expired(socket)) return 'error.tokenInvalid';
    const principal = socket.extra.principal;
    if (!principal?.apiKeyId) return null;
    const ctx = new RequestContext(randomUUID(), principal);
    try {
      return (await stillAuthorized(ctx)) ? null : 'error.apiKeyInvalid';
    } finally {
      await gate.finish(ctx, true).catch(() => undefined);
    }
  };
  return {
    path: '/graphql',
    onConnect: async (socket: Socket) => {
      const subscriber = await auth.subscriber(socket.connectionParams);
      if (!subscriber) return false;
      socket.extra.principal = subscriber.principal;
      if (subscriber.expiresAt !== null) {
        socket.extra.expiresAt = subscriber.expiresAt;
        const expiresAt = subscriber.expiresAt;
        socket.extra.expiry = setTimeout(
          () => endSession(socket, 'error.tokenInvalid'),
          Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS),
        );
        socket.extra.expiry.unref();
      }
      return true;
    },
    onClose: (socket: Socket) => {
      clearTimeout(socket.extra.expiry);
    },
    context: (socket: Socket): SubscriptionContext => ({
      [REQUEST_CONTEXT_KEY]: new RequestContext(randomUUID(), socket.extra.principal ?? null),
    }),
    validate: (schema: Parameters<typeof validate>[0], document: Parameters<typeof validate>[1]) =>
      validate(schema, document, [...specifiedRules, ...validationRules]),
    onSubscribe: async (socket: Socket, _id: string, payload: SubscribePayload): Promise<readonly GraphQLError[] | void> => {
      const ended = await credentialsEnded(socket);
      if (ended) {
        endSession(socket, ended);
        return [
          new GraphQLError(t(socket.extra.principal?.locale ?? DEFAULT_LOCALE, ended), { extensions: { code: ErrorCode.UNAUTHENTICATED } }),
        ];
      }
      const limit = GRAPHQL_LIMITS.maxBodyBytes;
      if (payloadBytes(payload, limit) > limit) {
        const locale = socket.extra.principal?.locale ?? DEFAULT_LOCALE;
        return [
          new GraphQLError(t(locale, 'graphql.operationTooLarge', { max: limit }), { extensions: { code: ErrorCode.BAD_USER_INPUT } }),
        ];
      }
      const nul = nulCharacterError(payload.query, payload.variables);
      if (nul) return [nul];
      let operation;
      try {
        operation = getOperationAST(parse(payload.query, GRAPHQL_PARSE_OPTIONS), payload.operationName);
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('The document could not be read')];
      }
      if (operation && operation.operation !== OperationTypeNode.SUBSCRIPTION) {
        return [
          new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', {
            extensions: { code: ErrorCode.BAD_USER_INPUT },
          }),
        ];
      }
    },
    onNext: async (socket: Socket, _id: string, _payload: SubscribePayload, args: ExecutionArgs, result: ExecutionResult) => {
      const ctx = (args.contextValue as SubscriptionContext | undefined)?.[REQUEST_CONTEXT_KEY];
      let ended: MessageKey | null = expired(socket) ? 'error.tokenInvalid' : null;
      if (ctx) {
        ctx.scope.clear();
        // An API key is read again before each event it would receive: a revocation stops the very next one.
        if (!ended && ctx.principal?.apiKeyId && !(await stillAuthorized(ctx))) ended = 'error.apiKeyInvalid';
        await gate.finish(ctx, true).catch(() => undefined);
      }
      if (ended) {
        // Closed before graphql-ws sends the event, which it then leaves unsent (it sends on an open socket only).
        endSession(socket, ended);
        return;
      }
      if (!result.errors?.length) return;
      return { ...result, errors: formatErrors(ctx, result.errors, clientMessage) };
    },
    // Only what graphql-ws refuses before running anything (syntax, validation, onSubscribe): the caller's fault.
    onError: (_socket: unknown, _id: string, _payload: SubscribePayload, errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
      errors.map((error) => requestError(error, clientMessage)),
    onComplete: async () => undefined,
  };
}
