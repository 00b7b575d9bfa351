import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../errors/app-errors.js';
import { CONTRACT_ERROR_CODES, ErrorCode } from '../errors/error-codes.js';
import { type Locale, t } from '../i18n/messages.js';

/** Apollo's own codes for malformed requests: the caller's fault, shown as BAD_USER_INPUT. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_ERROR_MARKER = 'anchorlink:internal';

/**
 * A request Apollo Server refused before running it with a 4xx status and no
 * code of its own (an automatic persisted query with a wrong hash or version):
 * the caller's fault, although Apollo would report it as INTERNAL_SERVER_ERROR.
 */
function isRequestRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.path || error.originalError || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Maps every error to a contract code. Only AppErrors and request-level
 * GraphQL errors keep their message; anything else becomes
 * INTERNAL_SERVER_ERROR with no stack, SQL, constraint or file name (the
 * response plugin then words it in the caller's locale and adds the request id).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: { ...original.extensions } };
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    const code =
      status === 401
        ? ErrorCode.UNAUTHENTICATED
        : status === 403
          ? ErrorCode.FORBIDDEN
          : status === 404
            ? ErrorCode.NOT_FOUND
            : status === 409
              ? ErrorCode.CONFLICT
              : status === 429
                ? ErrorCode.RATE_LIMITED
                : status < 500
                  ? ErrorCode.BAD_USER_INPUT
                  : undefined;
    if (code) return { ...base, message: original.message, extensions: { code } };
  }
  const code = formatted.extensions?.code;
  if ((typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) || isRequestRefusal(original)) {
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  if (typeof code === 'string' && CONTRACT_ERROR_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    // A GraphQLError raised with a contract code (e.g. by a scalar) is the caller's fault and safe to show.
    return { ...base, extensions: { code } };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, [INTERNAL_ERROR_MARKER]: true },
  };
}

/**
 * What to log of an error that is not the caller's doing: its cause, for
 * exactly the errors `formatGraphQLError` masks. Answers (AppErrors, syntax,
 * validation and coercion errors, refusals of malformed requests) are not
 * failures: logging them would let any anonymous caller write error lines
 * at will.
 */
export function unexpectedCause(error: unknown): Error | undefined {
  const original = unwrapResolverError(error);
  if (original instanceof AppError || !(original instanceof Error)) return undefined;
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  const formatted = formatGraphQLError({ message: '', extensions: code === undefined ? {} : { code } }, error);
  return formatted.extensions?.[INTERNAL_ERROR_MARKER] ? original : undefined;
}

/** graphql-js's suggestions (" Did you mean …?"), which name parts of the schema. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** A message without graphql-js's suggestions: production answers do not describe the schema. */
export function withoutSuggestions(message: string): string {
  return message.includes('Did you mean') ? message.replace(SUGGESTION, '') : message;
}

/** An error `formatGraphQLError` masked, worded for the caller with the request id to quote; any other unchanged. */
export function wordInternalError(error: GraphQLFormattedError, locale: Locale, requestId: string): GraphQLFormattedError {
  if (!error.extensions?.[INTERNAL_ERROR_MARKER]) return error;
  const { [INTERNAL_ERROR_MARKER]: _marker, ...extensions } = error.extensions;
  return { ...error, message: t(locale, 'error.internal', { requestId }), extensions: { ...extensions, requestId } };
}
