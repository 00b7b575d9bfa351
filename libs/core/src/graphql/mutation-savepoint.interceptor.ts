import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { REQUEST_CONTEXT_KEY, requestOf } from '../context/http-request.js';
import { DatabaseGate } from '../database/database-gate.js';

/**
 * Runs every root Mutation field in a savepoint of the request transaction:
 * a mutation that fails leaves nothing behind, one that succeeds stays, and
 * the whole request commits when its response is ready.
 */
@Injectable()
export class MutationSavepointInterceptor implements NestInterceptor {
  constructor(private readonly gate: DatabaseGate) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string } }>();
    if (info.parentType.name !== 'Mutation') return next.handle();
    const ctx = requestOf(context)[REQUEST_CONTEXT_KEY];
    if (!ctx) return next.handle();
    return from(this.gate.savepoint(ctx, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
