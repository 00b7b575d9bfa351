import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { RequestContext } from '../context/request-context.js';

/** A business event, named as webhooks will name it: `order.published`, `forecast.committed`. */
export interface DomainEvent {
  type: string;
  /** The organizations that may see it. */
  organizationIds: string[];
  entityId: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

/**
 * Business events, announced only once the transaction that caused them has
 * committed (a failed change announces nothing). In-process for now; the
 * integration work puts a transactional outbox behind the same call.
 */
@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter();

  /** Queues the event on the request; it is delivered after COMMIT, and dropped on rollback. */
  emit(ctx: RequestContext, event: Omit<DomainEvent, 'occurredAt'>): void {
    const occurredAt = new Date();
    ctx.afterCommit.push(() => {
      this.emitter.emit('event', { ...event, occurredAt });
    });
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
