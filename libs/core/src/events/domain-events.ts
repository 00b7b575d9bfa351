import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../context/request-context.js';
import { DatabaseGate } from '../database/database-gate.js';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue.js';

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
    const em = await this.db.manager(ctx);
    const id = randomUUID();
    await em.query(
      `INSERT INTO outbox_events (id, type, organization_ids, entity_type, entity_id, ordering_key, actor_user_id, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        event.type,
        event.organizationIds,
        event.entityType,
        event.entityId,
        event.orderingKey ?? event.entityId,
        ctx.userId,
        JSON.stringify(event.data),
      ],
    );
    // pg-boss inserts nothing for a queue that does not exist: that would lose the event silently.
    if (!(await this.jobs.send(em, JOB_QUEUES.dispatch, { eventId: id }))) throw new Error(`job queue ${JOB_QUEUES.dispatch} is missing: run the migrations`);
    // A worker in this process picks it up at once rather than at its next poll.
    if (!ctx.afterCommit.some((hook) => hook === this.wake)) ctx.afterCommit.push(this.wake);
    return id;
  }

  private readonly wake = () => this.jobs.wake(JOB_QUEUES.dispatch);
}
