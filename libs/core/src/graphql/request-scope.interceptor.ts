import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { REQUEST_CONTEXT_KEY, requestOf } from '../context/http-request.js';
import { requestContextStorage } from '../context/request-context.storage.js';
import { DatabaseGate } from '../database/database-gate.js';

/**
 * Around every root resolver (and REST handler): makes the RequestContext
 * reachable through AsyncLocalStorage for code that cannot take it as an
 * argument, and runs each root Mutation field in a savepoint of the request
 * transaction: a mutation that fails leaves nothing behind, one that succeeds
 * stays, and the whole request commits when its response is ready.
 */
@Injectable()
export class RequestScopeInterceptor implements NestInterceptor {
  constructor(private readonly gate: DatabaseGate) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = requestOf(context)[REQUEST_CONTEXT_KEY];
    if (!ctx) return next.handle();
    const isMutation =
      context.getType<string>() === 'graphql' &&
      GqlExecutionContext.create(context).getInfo<{ parentType: { name: string } }>().parentType.name === 'Mutation';
    const run = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    return from(requestContextStorage.run(ctx, () => (isMutation ? this.gate.savepoint(ctx, run) : run())));
  }
}
