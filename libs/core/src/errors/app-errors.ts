import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes.js';

/** One data-standard violation, as the contract's `extensions.violations` lists them. */
export interface Violation {
  path: string;
  rule: string;
  message: string;
}

/**
 * Errors the API shows to callers. Anything that is not an AppError (or a
 * GraphQL-level error) is masked as INTERNAL_SERVER_ERROR by the error formatter.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(ErrorCode.NOT_FOUND, message);
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, extensions: { field?: string; errors?: unknown[] } = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, extensions);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

export class ValidationFailedError extends AppError {
  constructor(message: string, violations: Violation[]) {
    super(ErrorCode.VALIDATION_FAILED, message, { violations });
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, retryAfterSeconds?: number) {
    super(ErrorCode.RATE_LIMITED, message, retryAfterSeconds ? { retryAfterSeconds } : {});
  }
}
