import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../context/request-context.js';
import { DatabaseGate } from '../database/database-gate.js';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue.js';
import { outboxInsert, outboxRow, type PreparedEvent, prepareEvent } from './change-records.js';

/** A business event, named as webhooks name it: `order.published`, `forecast.committed`. */
export interface DomainEvent {
  type: string;
  /** The organizations that may see it; null: every organization (a published standard). */
  organizationIds: string[] | null;
  entityType: string;
  entityId: string;
  /** Events with the same key are delivered in order (default: the entity id). */
  orderingKey?: string;
  /** What receivers see: only what every organization in `organizationIds` may see. */
  data: Record<string, unknown>;
}

/**
 * The transactional outbox. `emit` writes the event to `outbox_events` and
 * enqueues its dispatch job in the caller's transaction: both exist exactly
 * when the change commits, and a failed change leaves neither. The worker
 * then delivers it to subscriptions, webhooks and e-mail.
 */
@Injectable()
export class DomainEvents {
  constructor(
    private readonly db: DatabaseGate,
    private readonly jobs: JobQueue,
  ) {}

  async emit(ctx: RequestContext, event: DomainEvent): Promise<string> {
    const prepared = prepareEvent(event);
    const sql = await this.db.sql(ctx);
    await sql.query(outboxInsert('$1'), [JSON.stringify([outboxRow(ctx, prepared)])]);
    await this.dispatch(ctx, [prepared]);
    return prepared.id;
  }

  /**
   * Enqueues the dispatch of events written to the outbox in this transaction (by `emit`, or by a
   * repository's own statement with `outboxInsert`): one job per ordering key, naming its last event,
   * since a dispatch sends every earlier undispatched event of its key first.
   */
  async dispatch(ctx: RequestContext, events: readonly PreparedEvent[]): Promise<void> {
    const last = new Map<string, string>();
    for (const event of events) last.set(event.orderingKey ?? event.entityId, event.id);
    const em = await this.db.manager(ctx);
    for (const eventId of last.values()) {
      // pg-boss inserts nothing for a queue that does not exist: that would lose the event silently.
      if (!(await this.jobs.send(em, JOB_QUEUES.dispatch, { eventId })))
        throw new Error(`job queue ${JOB_QUEUES.dispatch} is missing: run the migrations`);
    }
    // A worker in this process picks them up at once rather than at its next poll.
    if (last.size && !ctx.afterCommit.some((hook) => hook === this.wake)) ctx.afterCommit.push(this.wake);
  }

  private readonly wake = () => this.jobs.wake(JOB_QUEUES.dispatch);
}
