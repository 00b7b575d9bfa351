import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseGate, EventBus, JOB_QUEUES, JobQueue } from '@anchorlink/core';
import { EmailPlanner, type OutboxRow } from '../email/email-planner.js';
import { emailMessageId } from '../email/email-sender.js';
import { isWebhookEventType, publicData } from '../webhooks/webhook-events.js';

export interface DispatchJob {
  eventId: string;
}

interface OutboxEventRow extends OutboxRow {
  seq: string;
  entity_type: string;
  entity_id: string;
  ordering_key: string;
  actor_user_id: string | null;
  occurred_at: Date;
}

/**
 * Takes committed events from the outbox to their receivers: the EventBus
 * (GraphQL subscriptions on every API instance), a webhook delivery per
 * matching subscription, an e-mail per recipient. Idempotent: deliveries are
 * unique per (subscription, event) and e-mails per (event, recipient), so a
 * retried dispatch adds nothing twice.
 */
@Injectable()
export class OutboxDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: DatabaseGate,
    private readonly jobs: JobQueue,
    private readonly bus: EventBus,
    private readonly emails: EmailPlanner,
  ) {}

  async dispatch({ eventId }: DispatchJob): Promise<void> {
    // The outbox is read as the connecting user: requests may only append to it.
    const [target] = await this.dataSource.query<
      {
        ordering_key: string;
        seq: string;
        dispatched_at: Date | null;
      }[]
    >(`SELECT ordering_key, seq, dispatched_at FROM outbox_events WHERE id = $1`, [eventId]);
    if (!target || target.dispatched_at) return;
    // Events of one ordering key (one order) go out in the order they happened, whichever
    // worker runs which job: under the key's lock, every earlier undispatched event first.
    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`anchorlink:outbox:${target.ordering_key}`]);
      const events = await em.query<OutboxEventRow[]>(
        `SELECT id, seq, type, organization_ids, entity_type, entity_id, ordering_key, actor_user_id, occurred_at, data
           FROM outbox_events
          WHERE ordering_key = $1 AND seq <= $2 AND dispatched_at IS NULL
          ORDER BY seq`,
        [target.ordering_key, target.seq],
      );
      for (const event of events) {
        await this.deliver(event);
        await em.query(`UPDATE outbox_events SET dispatched_at = clock_timestamp() WHERE id = $1`, [event.id]);
      }
    });
    this.jobs.wake(JOB_QUEUES.webhook);
    this.jobs.wake(JOB_QUEUES.email);
  }

  private async deliver(event: OutboxEventRow): Promise<void> {
    const data = publicData(event.data);
    await this.bus.publish({
      id: event.id,
      type: event.type,
      organizationIds: event.organization_ids,
      entityType: event.entity_type,
      entityId: event.entity_id,
      actorUserId: event.actor_user_id,
      occurredAt: event.occurred_at.toISOString(),
      data,
    });
    if (isWebhookEventType(event.type)) await this.webhooks(event, data);
    await this.mail(event);
  }

  private async webhooks(event: OutboxEventRow, data: Record<string, unknown>): Promise<void> {
    const payload = { id: event.id, type: event.type, occurredAt: event.occurred_at.toISOString(), data };
    const organizations = event.organization_ids ?? (await this.broadcastSubscribers(event.type));
    for (const organizationId of organizations) {
      await this.gate.runForOrganization(organizationId, async (em) => {
        const subscriptions = await em.query<{ id: string }[]>(
          `SELECT id FROM webhook_subscriptions WHERE org_id = $1 AND active AND deleted_at IS NULL AND $2 = ANY (events)`,
          [organizationId, event.type],
        );
        for (const { id } of subscriptions) {
          const inserted = await em.query<{ id: string }[]>(
            `INSERT INTO webhook_deliveries (org_id, subscription_id, event_id, event_seq, event_type, ordering_key, payload)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (subscription_id, event_id) DO NOTHING RETURNING id`,
            [organizationId, id, event.id, event.seq, event.type, event.ordering_key, JSON.stringify(payload)],
          );
          if (inserted.length) await this.jobs.send(em, JOB_QUEUES.webhook, { subscriptionId: id, organizationId }, { singletonKey: id });
        }
      });
    }
  }

  /** Organizations with a subscription to an event every organization may see (a published standard). */
  private broadcastSubscribers(type: string): Promise<string[]> {
    return this.gate.runForOrganization(null, async (em) => {
      await em.query(`SELECT set_config('app.broadcast_event', $1, true)`, [type]);
      const rows = await em.query<{ org_id: string }[]>(
        `SELECT DISTINCT org_id FROM webhook_subscriptions WHERE active AND deleted_at IS NULL AND $1 = ANY (events)`,
        [type],
      );
      return rows.map((r) => r.org_id);
    });
  }

  private async mail(event: OutboxEventRow): Promise<void> {
    const planned = await this.emails.plan(event);
    const byOrganization = new Map<string, typeof planned>();
    for (const email of planned) byOrganization.set(email.organizationId, [...(byOrganization.get(email.organizationId) ?? []), email]);
    for (const [organizationId, emails] of byOrganization) {
      await this.gate.runForOrganization(organizationId, async (em) => {
        for (const email of emails) {
          const [row] = await em.query<{ id: string }[]>(
            `INSERT INTO email_deliveries (org_id, event_id, recipient, locale, template, message_id)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (event_id, recipient) DO NOTHING RETURNING id`,
            [organizationId, event.id, email.recipient, email.locale, email.template, emailMessageId(event.id, email.recipient)],
          );
          if (row) await this.jobs.send(em, JOB_QUEUES.email, { deliveryId: row.id, organizationId });
        }
      });
    }
  }
}
