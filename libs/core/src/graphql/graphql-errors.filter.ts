import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * Hands a resolver's error straight back to GraphQL. NestJS's default filter
 * logs every error a resolver or guard throws at error level with its stack,
 * NOT_FOUND, FORBIDDEN and UNAUTHENTICATED included: an error line for every
 * mistyped id or expired token, and one an anonymous caller could make at will.
 * What is unexpected is logged once, with the request id, by
 * RequestTransactionPlugin; the rest are answers, not failures. HTTP routes keep
 * NestJS's own handling (REST controllers have RestExceptionFilter).
 */
@Catch()
export class GraphQLErrorsFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    // Rejected as it is: the error formatter words it (a non-Error included) for the caller.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    if (host.getType<GqlContextType>() === 'graphql') return Promise.reject(exception);
    return super.catch(exception, host);
  }
}
