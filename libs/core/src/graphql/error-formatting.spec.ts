import { describe, expect, it } from '@jest/globals';
import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ConflictError, ValidationFailedError } from '../errors/app-errors.js';
import { formatGraphQLError, INTERNAL_ERROR_MARKER, unexpectedCause, withoutSuggestions, wordInternalError } from './error-formatting.js';

const formatted = (message: string, code?: string) => ({ message, path: ['x'], extensions: code ? { code } : {} });
const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['x'] });

describe('formatGraphQLError', () => {
  it('keeps application errors with their code and extensions', () => {
    const error = new ValidationFailedError('bad', [{ path: 'uom', rule: 'codeList', message: 'm' }]);
    expect(formatGraphQLError(formatted('bad'), wrap(error))).toEqual({
      message: 'bad',
      path: ['x'],
      locations: undefined,
      extensions: { code: 'VALIDATION_FAILED', violations: [{ path: 'uom', rule: 'codeList', message: 'm' }] },
    });
    expect(formatGraphQLError(formatted('c'), wrap(new ConflictError('c'))).extensions?.code).toBe('CONFLICT');
  });

  it('masks everything else: no SQL, constraint, stack or file name reaches the caller', () => {
    const sqlError = Object.assign(new Error('duplicate key value violates unique constraint "parts_pkey"'), {
      query: 'INSERT INTO parts ...',
      stack: 'at /work/main/libs/parts/src/parts.repository.ts:10',
    });
    const result = formatGraphQLError(formatted(sqlError.message, 'INTERNAL_SERVER_ERROR'), wrap(sqlError));
    expect(result.message).toBe('Internal server error');
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', [INTERNAL_ERROR_MARKER]: true });
    expect(JSON.stringify(result)).not.toMatch(/parts_pkey|INSERT|\.ts/);
  });

  it("maps request-level GraphQL errors and Nest's HTTP exceptions onto contract codes", () => {
    expect(formatGraphQLError(formatted('Cannot query field', 'GRAPHQL_VALIDATION_FAILED'), new GraphQLError('x')).extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
    expect(formatGraphQLError(formatted('Syntax Error', 'GRAPHQL_PARSE_FAILED'), new GraphQLError('x')).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(formatGraphQLError(formatted('f'), wrap(new ForbiddenException())).extensions?.code).toBe('FORBIDDEN');
    expect(formatGraphQLError(formatted('b'), wrap(new BadRequestException())).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("maps Apollo's refusals without a code of their own (a persisted query's wrong hash) onto BAD_USER_INPUT, and nothing else", () => {
    const refusal = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    expect(formatGraphQLError(formatted(refusal.message, 'INTERNAL_SERVER_ERROR'), refusal)).toEqual({
      message: 'provided sha does not match query',
      locations: undefined,
      path: ['x'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // A 5xx, or a failure with a cause, stays masked.
    const failed = new GraphQLError('upstream down', { extensions: { http: { status: 503 } } });
    expect(formatGraphQLError(formatted(failed.message, 'INTERNAL_SERVER_ERROR'), failed).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const caused = new GraphQLError('x', { originalError: new Error('boom'), extensions: { http: { status: 400 } } });
    expect(formatGraphQLError(formatted('x', 'INTERNAL_SERVER_ERROR'), caused).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('unexpectedCause', () => {
  it('names the cause of exactly the errors that are masked, and nothing for answers', () => {
    const broken = new Error('relation "x" does not exist');
    expect(unexpectedCause(wrap(broken))).toBe(broken);
    expect(unexpectedCause(wrap(new ConflictError('stale')))).toBeUndefined();
    // Apollo's syntax and validation errors carry the graphql-js error they wrap as their cause.
    const syntax = new GraphQLError('Syntax Error: Expected Name', {
      originalError: new GraphQLError('Syntax Error: Expected Name'),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(unexpectedCause(syntax)).toBeUndefined();
    const aliases = new GraphQLError('Aliases limit', {
      originalError: new GraphQLError('Aliases limit', { extensions: { code: 'BAD_USER_INPUT' } }),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(unexpectedCause(aliases)).toBeUndefined();
    expect(
      unexpectedCause(new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } })),
    ).toBeUndefined();
    // A GraphQLError nobody gave a code is masked, so it is logged.
    const bare = new GraphQLError('Unexpected');
    expect(unexpectedCause(bare)).toBe(bare);
  });
});

describe('withoutSuggestions', () => {
  it("drops graphql-js's suggestions, of every kind, and nothing else", () => {
    expect(withoutSuggestions('Cannot query field "emial" on type "User". Did you mean "email"?')).toBe(
      'Cannot query field "emial" on type "User".',
    );
    expect(
      withoutSuggestions('Value "PUBLISHD" does not exist in "PurchaseOrderStatus" enum. Did you mean the enum value "PUBLISHED"?'),
    ).toBe('Value "PUBLISHD" does not exist in "PurchaseOrderStatus" enum.');
    expect(withoutSuggestions('Unknown type "X". Did you mean "A", "B", or "C"?')).toBe('Unknown type "X".');
    expect(withoutSuggestions('Why? Because.')).toBe('Why? Because.');
  });
});

describe('wordInternalError', () => {
  it('words a masked error for the caller with the request id, and leaves the others alone', () => {
    const masked = formatGraphQLError(formatted('boom'), wrap(new Error('boom')));
    const worded = wordInternalError(masked, 'en', 'req-1');
    expect(worded.message).toContain('req-1');
    expect(worded.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' });
    const answer = formatted('stale', 'CONFLICT');
    expect(wordInternalError(answer, 'en', 'req-1')).toBe(answer);
  });
});
