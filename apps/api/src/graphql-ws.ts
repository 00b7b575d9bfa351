import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  type GraphQLFormattedError,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import {
  type DatabaseGate,
  DEFAULT_LOCALE,
  ErrorCode,
  formatGraphQLError,
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

interface SocketExtra {
  principal?: Principal;
}

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
function formatErrors(ctx: RequestContext | undefined, errors: readonly GraphQLError[], message: (text: string) => string): GraphQLFormattedError[] {
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
 * the access token (`{ "authorization": "Bearer …" }`); a connection without a
 * valid one is refused. Each subscription gets its own RequestContext, and each
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
export function graphqlWsOptions(auth: AuthService, gate: DatabaseGate, validationRules: readonly ValidationRule[] = [], isProduction = false) {
  const clientMessage = (message: string) => (isProduction ? productionMessage(message) : message);
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
    validate: (schema: Parameters<typeof validate>[0], document: Parameters<typeof validate>[1]) =>
      validate(schema, document, [...specifiedRules, ...validationRules]),
    onSubscribe: (socket: Context<Record<string, unknown> | undefined, SocketExtra>, _id: string, payload: SubscribePayload): readonly GraphQLError[] | void => {
      const limit = GRAPHQL_LIMITS.maxBodyBytes;
      if (payloadBytes(payload, limit) > limit) {
        const locale = socket.extra.principal?.locale ?? DEFAULT_LOCALE;
        return [new GraphQLError(t(locale, 'graphql.operationTooLarge', { max: limit }), { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
      }
      const nul = nulCharacterError(payload.query, payload.variables);
      if (nul) return [nul];
      let operation;
      try {
        operation = getOperationAST(parse(payload.query, GRAPHQL_PARSE_OPTIONS), payload.operationName);
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('The document could not be read')];
      }
      if (operation && operation.operation !== 'subscription') {
        return [
          new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', {
            extensions: { code: ErrorCode.BAD_USER_INPUT },
          }),
        ];
      }
    },
    onNext: async (_socket: unknown, _id: string, _payload: SubscribePayload, args: ExecutionArgs, result: ExecutionResult) => {
      const ctx = (args.contextValue as SubscriptionContext | undefined)?.[REQUEST_CONTEXT_KEY];
      if (ctx) {
        ctx.loaders.clear();
        await gate.finish(ctx, true).catch(() => undefined);
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
