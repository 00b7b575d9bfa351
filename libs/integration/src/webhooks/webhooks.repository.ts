import { Injectable } from '@nestjs/common';
import { DatabaseGate, type RequestContext } from '@anchorlink/core';
import { type DeliveryStatus, WebhookDelivery } from '../entities/webhook-delivery.entity.js';
import { WebhookSubscription } from '../entities/webhook-subscription.entity.js';

const SUBSCRIPTION_COLUMNS = `id, org_id, url, events, active, secret_ciphertext, created_by, created_at, updated_at, deleted_at`;

/** A row of SUBSCRIPTION_COLUMNS. */
interface SubscriptionRow {
  id: string;
  org_id: string;
  url: string;
  events: string[];
  active: boolean;
  secret_ciphertext: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

/** A row of the delivery log as listDeliveries selects it. */
interface DeliveryRow {
  id: string;
  org_id: string;
  subscription_id: string;
  event_id: string;
  event_seq: string;
  event_type: string;
  ordering_key: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  response_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: DatabaseGate) {}

  async insert(
    ctx: RequestContext,
    values: { id: string; url: string; events: string[]; secretCiphertext: string },
  ): Promise<WebhookSubscription> {
    const em = await this.db.manager(ctx);
    const [row] = await em.query<SubscriptionRow[]>(
      `INSERT INTO webhook_subscriptions (id, org_id, url, events, secret_ciphertext, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [values.id, ctx.organizationId, values.url, values.events, values.secretCiphertext, ctx.userId],
    );
    return toSubscription(row);
  }

  async listOwn(ctx: RequestContext): Promise<WebhookSubscription[]> {
    const em = await this.db.manager(ctx);
    const rows = await em.query<SubscriptionRow[]>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE org_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [ctx.organizationId],
    );
    return rows.map(toSubscription);
  }

  async countOwn(ctx: RequestContext): Promise<number> {
    const em = await this.db.manager(ctx);
    const [{ n }] = await em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM webhook_subscriptions WHERE org_id = $1 AND deleted_at IS NULL`,
      [ctx.organizationId],
    );
    return n;
  }

  async findOwn(ctx: RequestContext, id: string): Promise<WebhookSubscription | null> {
    const em = await this.db.manager(ctx);
    const [row] = await em.query<SubscriptionRow[]>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL`,
      [id, ctx.organizationId],
    );
    return row ? toSubscription(row) : null;
  }

  /** Deletes (keeps the row for the delivery log; it receives nothing more). */
  async markDeleted(ctx: RequestContext, id: string): Promise<boolean> {
    const em = await this.db.manager(ctx);
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = await em.query<[unknown, number]>(
      `UPDATE webhook_subscriptions SET deleted_at = now(), active = false, updated_at = now()
        WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL`,
      [id, ctx.organizationId],
    );
    return affected === 1;
  }

  async listDeliveries(ctx: RequestContext, subscriptionId: string, limit: number): Promise<WebhookDelivery[]> {
    const em = await this.db.manager(ctx);
    const rows = await em.query<DeliveryRow[]>(
      `SELECT id, org_id, subscription_id, event_id, event_seq, event_type, ordering_key, status, attempts, next_attempt_at,
              last_attempt_at, response_status, last_error, delivered_at, created_at
         FROM webhook_deliveries
        WHERE subscription_id = $1 AND org_id = $2
        ORDER BY event_seq DESC
        LIMIT $3`,
      [subscriptionId, ctx.organizationId, limit],
    );
    return rows.map(toDelivery);
  }
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return Object.assign(new WebhookSubscription(), {
    id: row.id,
    organizationId: row.org_id,
    url: row.url,
    events: row.events,
    active: row.active,
    secretCiphertext: row.secret_ciphertext,
    createdById: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  });
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    id: row.id,
    organizationId: row.org_id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventSeq: row.event_seq,
    eventType: row.event_type,
    orderingKey: row.ordering_key,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    responseStatus: row.response_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  });
}
