import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { Mutation as GraphQLMutation } from '@nestjs/graphql';
import { RequestScopeInterceptor } from './request-scope.interceptor.js';

/**
 * A root mutation: NestJS's `@Mutation`, run in a savepoint of the request
 * transaction (RequestScopeInterceptor), so a mutation that fails leaves
 * nothing behind. Every resolver takes `Mutation` from here, never from
 * `@nestjs/graphql` (a test checks every mutation of the schema).
 *
 * The interceptor is bound to each mutation rather than globally: a global
 * interceptor puts every query's root resolver through NestJS's RxJS
 * pipeline too, where it has nothing to do (7 % of the CPU of reading an
 * order, docs/benchmarks.md).
 */
export const Mutation = ((...args: Parameters<typeof GraphQLMutation>) =>
  applyDecorators(GraphQLMutation(...args), UseInterceptors(RequestScopeInterceptor))) as typeof GraphQLMutation;
