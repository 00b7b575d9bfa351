import { DeliveryStatus } from '../entities/webhook-delivery.entity.js';
import { nextState, WEBHOOK_DELIVERY_LIFECYCLE } from './delivery-lifecycles.js';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig, DatabaseGate, JOB_QUEUES, JobQueue, Metrics, SecretBox } from '@anchorlink/core';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from '../webhooks/webhook-signature.js';
import { checkTargetAtDelivery, guardedLookup, type WebhookTargetPolicy, WebhookTargetRefused } from '../webhooks/webhook-target.js';
import { postJson, type PostResult } from './http-post.js';

export interface DrainJob {
  subscriptionId: string;
  organizationId: string;
}

/** A drain stops after this many deliveries or this long, and continues in a new job (fairness between subscriptions). */
const DRAIN_MAX_DELIVERIES = 100;
const DRAIN_MAX_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

/** The oldest due pending delivery of the subscription whose ordering key has no older pending one. */
const NEXT_DUE = `
  SELECT d.id, d.event_id, d.event_type, d.payload, d.attempts, d.created_at
    FROM webhook_deliveries d
   WHERE d.subscription_id = $1 AND d.status = 'PENDING' AND d.next_attempt_at <= now()
     AND NOT EXISTS (
       SELECT 1 FROM webhook_deliveries e
        WHERE e.subscription_id = d.subscription_id AND e.ordering_key = d.ordering_key
          AND e.status = 'PENDING' AND e.event_seq < d.event_seq)
   ORDER BY d.event_seq
   LIMIT 1
   FOR UPDATE OF d SKIP LOCKED`;

/**
 * Delivers a subscription's pending webhook deliveries: in order per ordering
 * key (an order's events arrive in the order they happened), at least once
 * (the receiver deduplicates by `Anchorlink-Event-Id`). A failed attempt is
 * retried with exponential backoff and jitter until WEBHOOK_RETRY_WINDOW_MS
 * (24 h) has passed since the event, then marked FAILED; the events behind it
 * wait meanwhile. A delivery is locked while it is attempted, so concurrent
 * drains never send the same one at once nor overtake within a key.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger('WebhookDeliverer');
  private readonly policy: WebhookTargetPolicy;

  constructor(
    private readonly gate: DatabaseGate,
    private readonly jobs: JobQueue,
    private readonly secrets: SecretBox,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.policy = { isProduction: config.isProduction, allowHosts: config.webhookAllowHosts };
  }

  async drain({ subscriptionId, organizationId }: DrainJob): Promise<void> {
    const started = Date.now();
    for (let n = 0; n < DRAIN_MAX_DELIVERIES && Date.now() - started < DRAIN_MAX_MS; n += 1) {
      const attempted = await this.gate.runForOrganization(organizationId, (em) => this.deliverNext(em, subscriptionId));
      if (!attempted) break;
    }
    await this.gate.runForOrganization(organizationId, (em) => this.scheduleNext(em, subscriptionId, organizationId));
  }

  /** Attempts the next due delivery; false when there is none. */
  private async deliverNext(em: EntityManager, subscriptionId: string): Promise<boolean> {
    const [delivery] = await em.query<
      {
        id: string;
        event_id: string;
        event_type: string;
        payload: Record<string, unknown>;
        attempts: number;
        created_at: Date;
      }[]
    >(NEXT_DUE, [subscriptionId]);
    if (!delivery) return false;
    const [subscription] = await em.query<{ url: string; secret_ciphertext: string; active: boolean; deleted_at: Date | null }[]>(
      `SELECT url, secret_ciphertext, active, deleted_at FROM webhook_subscriptions WHERE id = $1`,
      [subscriptionId],
    );
    if (!subscription || subscription.deleted_at || !subscription.active) {
      await em.query(`UPDATE webhook_deliveries SET status = $2, last_error = 'subscription deleted' WHERE id = $1`, [
        delivery.id,
        nextState(WEBHOOK_DELIVERY_LIFECYCLE, DeliveryStatus.PENDING, DeliveryStatus.FAILED),
      ]);
      return true;
    }
    const result = await this.post(subscriptionId, subscription, delivery);
    const attempts = delivery.attempts + 1;
    if (!result.error) {
      await em.query(
        `UPDATE webhook_deliveries
            SET status = $4, attempts = $2, last_attempt_at = now(), delivered_at = now(), response_status = $3, last_error = NULL
          WHERE id = $1`,
        [delivery.id, attempts, result.status, nextState(WEBHOOK_DELIVERY_LIFECYCLE, DeliveryStatus.PENDING, DeliveryStatus.DELIVERED)],
      );
      this.metrics.webhookAttempts.inc({ outcome: 'delivered' });
      return true;
    }
    const giveUp = Date.now() - delivery.created_at.getTime() >= this.config.webhookRetryWindowMs;
    await em.query(
      `UPDATE webhook_deliveries
          SET status = $2, attempts = $3, last_attempt_at = now(), response_status = $4, last_error = $5,
              next_attempt_at = now() + $6 * interval '1 millisecond'
        WHERE id = $1`,
      [
        delivery.id,
        nextState(WEBHOOK_DELIVERY_LIFECYCLE, DeliveryStatus.PENDING, giveUp ? DeliveryStatus.FAILED : DeliveryStatus.PENDING),
        attempts,
        result.status,
        result.error.slice(0, 500),
        giveUp ? 0 : this.backoffMs(attempts),
      ],
    );
    this.metrics.webhookAttempts.inc({ outcome: giveUp ? 'failed' : 'retry' });
    if (giveUp) this.logger.warn({ subscriptionId, eventId: delivery.event_id, attempts }, 'webhook delivery failed for good');
    return true;
  }

  private async post(
    subscriptionId: string,
    subscription: { url: string; secret_ciphertext: string },
    delivery: { event_id: string; event_type: string; payload: Record<string, unknown>; attempts: number },
  ): Promise<PostResult> {
    let url: URL;
    try {
      url = checkTargetAtDelivery(subscription.url, this.policy);
    } catch (error) {
      if (error instanceof WebhookTargetRefused) return { status: null, error: error.message };
      throw error;
    }
    const secret = this.secrets.open(subscription.secret_ciphertext, `webhook:${subscriptionId}`);
    const body = JSON.stringify(delivery.payload);
    const headers = {
      'user-agent': 'Anchorlink-Webhooks/1.0',
      [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
      [EVENT_ID_HEADER]: delivery.event_id,
      'Anchorlink-Event-Type': delivery.event_type,
      'Anchorlink-Delivery-Attempt': String(delivery.attempts + 1),
    };
    return postJson(url, body, headers, this.config.webhookTimeoutMs, guardedLookup(this.policy, url.hostname));
  }

  /** Exponential (base × 2^(n-1), at most an hour) with "equal jitter": between half and all of it. */
  backoffMs(attempts: number): number {
    const exponential = Math.min(this.config.webhookRetryBaseMs * 2 ** Math.min(attempts - 1, 30), MAX_BACKOFF_MS);
    return Math.round(exponential / 2 + Math.random() * (exponential / 2));
  }

  /** Wakes the subscription's drain again when its next delivery is due. */
  private async scheduleNext(em: EntityManager, subscriptionId: string, organizationId: string): Promise<void> {
    const [{ next }] = await em.query<[{ next: Date | null }]>(
      `SELECT min(next_attempt_at) AS next FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'PENDING'`,
      [subscriptionId],
    );
    if (!next) return;
    const job = { subscriptionId, organizationId };
    if (next.getTime() <= Date.now()) {
      await this.jobs.send(em, JOB_QUEUES.webhook, job, { singletonKey: subscriptionId });
    } else {
      // A key per due second: a later retry never delays an earlier one (one queued job per key and state).
      const second = Math.ceil(next.getTime() / 1000);
      await this.jobs.send(em, JOB_QUEUES.webhook, job, {
        singletonKey: `${subscriptionId}:${second}`,
        startAfter: new Date(second * 1000),
      });
    }
  }
}
