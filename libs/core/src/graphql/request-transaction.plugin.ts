import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { READ_ONLY_REQUEST, REQUEST_CONTEXT_KEY, type RequestWithContext } from '../context/http-request.js';
import { DatabaseGate } from '../database/database-gate.js';
import { ErrorCode } from '../errors/error-codes.js';
import { DEFAULT_LOCALE, t } from '../i18n/messages.js';
import { INTERNAL_ERROR_MARKER, unexpectedCause, wordInternalError } from './error-formatting.js';

function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
  }
  return false;
}

/**
 * PostgreSQL text cannot hold NUL characters: an operation whose document or variables hold one is
 * refused up front (BAD_USER_INPUT) rather than failing in SQL. Over HTTP and over WebSocket alike.
 */
export function nulCharacterError(source: string, variables: unknown): GraphQLError | undefined {
  if (!source.includes('\u0000') && !containsNul(variables)) return undefined;
  return new GraphQLError(t(DEFAULT_LOCALE, 'error.badInput', { detail: 'NUL (\\u0000) characters are not accepted' }), {
    extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
  });
}

interface GraphQLContext {
  req?: RequestWithContext;
  res?: { once(event: 'close', listener: () => void): void; setHeader?(name: string, value: string): void };
}

/**
 * Ends each GraphQL request's database transaction once the response is
 * ready (commit; a failed commit turns into an error response), logs
 * internal errors with the request id, and words them for the caller.
 */
@Plugin()
export class RequestTransactionPlugin implements ApolloServerPlugin<GraphQLContext> {
  private readonly logger = new Logger('GraphQL');

  constructor(private readonly gate: DatabaseGate) {}

  async requestDidStart(start: GraphQLRequestContext<GraphQLContext>): Promise<GraphQLRequestListener<GraphQLContext>> {
    const { req, res } = start.contextValue;
    // Safety net: a client that goes away before the response still frees its connection. Final: what
    // the request still asks for (a mutation halfway through) fails rather than opening a new transaction.
    res?.once('close', () => {
      const ctx = req?.[REQUEST_CONTEXT_KEY];
      if (ctx) void this.gate.finish(ctx, false, { final: true }).catch(() => undefined);
    });
    const requestId = String(req?.id ?? '');

    return {
      didResolveOperation: async ({ request, source, operation }) => {
        // A query changes nothing: its reads may go to a replica (DatabaseGate decides).
        if (req && operation?.operation === OperationTypeNode.QUERY) req[READ_ONLY_REQUEST] = true;
        const nul = nulCharacterError(source, request.variables);
        if (nul) throw nul;
      },
      didEncounterErrors: async ({ errors }) => {
        for (const error of errors) {
          const cause = unexpectedCause(error);
          if (cause) this.logger.error({ requestId, err: cause, path: error.path }, 'internal error');
        }
      },
      willSendResponse: async ({ response, contextValue }) => {
        const ctx = contextValue.req?.[REQUEST_CONTEXT_KEY];
        if (ctx) {
          try {
            await this.gate.finish(ctx, true);
          } catch (error) {
            this.logger.error({ requestId, err: error }, 'commit failed');
            if (response.body.kind === 'single') {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                { message: '', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, [INTERNAL_ERROR_MARKER]: true } },
              ];
            }
          }
        }
        if (response.body.kind === 'single' && response.body.singleResult.errors) {
          // A request refused before execution (a syntax error caught by a validation plugin) is the
          // caller's fault: never answer it with a 5xx.
          const errors = response.body.singleResult.errors;
          if ((response.http.status ?? 200) >= 500 && errors.every((e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT)) {
            response.http.status = 400;
          }
          const locale = ctx?.locale ?? DEFAULT_LOCALE;
          response.body.singleResult.errors = errors.map((e) => wordInternalError(e, locale, requestId));
        }
      },
    };
  }
}
