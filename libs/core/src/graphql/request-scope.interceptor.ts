import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { REQUEST_CONTEXT_KEY, requestOf } from '../context/http-request.js';
import { DatabaseGate } from '../database/database-gate.js';
import type { RequestContext } from '../context/request-context.js';

/**
 * Around every root mutation (`Mutation` from this lib binds it) and the REST
 * interchange handlers (bound on their controller). A root Mutation field
 * runs in a savepoint of the request transaction: a mutation that fails
 * leaves nothing behind, one that succeeds stays, and the whole request
 * commits when its response is ready (the GraphQL plugin). A REST handler's
 * transaction commits when the handler succeeds and rolls back when it throws.
 * Queries need neither and do not pass through it.
 *
 * The RequestContext travels as the first argument of every service call, not
 * in AsyncLocalStorage: on Node 20 an entered store runs a hook for every
 * promise of the process, a fifth of a simple query's CPU (docs/benchmarks.md).
 */
@Injectable()
export class RequestScopeInterceptor implements NestInterceptor {
  constructor(private readonly gate: DatabaseGate) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ctx = requestOf(context)[REQUEST_CONTEXT_KEY];
    if (!ctx) return next.handle();
    const run = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    if (context.getType<string>() === 'http') {
      // A REST call other than GET may write: later reads by the same caller must see it.
      if (!['GET', 'HEAD'].includes(context.switchToHttp().getRequest<{ method: string }>().method)) ctx.wrote = true;
      return from(this.rest(ctx, run));
    }
    // GraphQL: bound only to root mutations (Mutation from this lib).
    return from(this.gate.savepoint(ctx, run));
  }

  private async rest(ctx: RequestContext, run: () => Promise<unknown>): Promise<unknown> {
    let result: unknown;
    try {
      result = await run();
    } catch (error) {
      await this.gate.finish(ctx, false).catch(() => undefined);
      throw error;
    }
    await this.gate.finish(ctx, true);
    return result;
  }
}
