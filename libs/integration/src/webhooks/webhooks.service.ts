import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { AppConfig, AuditService, BadUserInputError, Errors, type RequestContext, requireId, SecretBox } from '@anchorlink/core';
import type { WebhookDelivery } from '../entities/webhook-delivery.entity.js';
import type { WebhookSubscription } from '../entities/webhook-subscription.entity.js';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { checkWebhookTarget, type WebhookTargetPolicy, WebhookTargetRefused } from './webhook-target.js';
import { WebhooksRepository } from './webhooks.repository.js';

export const MAX_SUBSCRIPTIONS_PER_ORGANIZATION = 25;

export interface WebhookSubscriptionResult {
  subscription: WebhookSubscription;
  secret: string;
}

/** Registers an organization's webhook endpoints (ORG_ADMIN). Delivery is the worker's. */
@Injectable()
export class WebhooksService {
  private readonly policy: WebhookTargetPolicy;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.policy = { isProduction: config.isProduction, allowHosts: config.webhookAllowHosts };
  }

  list(ctx: RequestContext): Promise<WebhookSubscription[]> {
    return this.webhooks.listOwn(ctx);
  }

  async create(ctx: RequestContext, url: string, events: string[]): Promise<WebhookSubscriptionResult> {
    const types = this.eventTypes(ctx, events);
    const target = await this.target(ctx, url);
    if ((await this.webhooks.countOwn(ctx)) >= MAX_SUBSCRIPTIONS_PER_ORGANIZATION) {
      throw Errors.conflict(ctx, 'webhook.tooMany', { max: MAX_SUBSCRIPTIONS_PER_ORGANIZATION });
    }
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    // Encrypted, not hashed: signing each delivery needs the secret itself.
    const id = randomUUID();
    const subscription = await this.webhooks.insert(ctx, {
      id,
      url: target,
      events: types,
      secretCiphertext: this.secrets.seal(secret, `webhook:${id}`),
    });
    await this.audit.record(ctx, {
      action: 'webhook_subscription.created',
      entityType: 'WebhookSubscription',
      entityId: subscription.id,
      details: { url: target, events: types },
    });
    return { subscription, secret };
  }

  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    const subscription = await this.webhooks.findOwn(ctx, requireId(ctx, id, 'entity.webhookSubscription'));
    if (!subscription) throw Errors.notFound(ctx, 'entity.webhookSubscription');
    await this.webhooks.markDeleted(ctx, subscription.id);
    await this.audit.record(ctx, {
      action: 'webhook_subscription.deleted',
      entityType: 'WebhookSubscription',
      entityId: subscription.id,
      details: { url: subscription.url },
    });
    return true;
  }

  async deliveries(ctx: RequestContext, subscriptionId: string, first: number | null | undefined): Promise<WebhookDelivery[]> {
    const id = requireId(ctx, subscriptionId, 'entity.webhookSubscription');
    // Deleted subscriptions keep their log, so look the row up without the deleted filter.
    const limit = Math.min(Math.max(first ?? 50, 1), 200);
    return this.webhooks.listDeliveries(ctx, id, limit);
  }

  private eventTypes(ctx: RequestContext, events: string[]): string[] {
    const types = [...new Set(events.map((e) => e.trim()))];
    if (types.length === 0) throw new BadUserInputError(ctx.t('webhook.eventsRequired'), { field: 'events' });
    for (const type of types) {
      if (!isWebhookEventType(type)) {
        throw new BadUserInputError(ctx.t('webhook.unknownEvent', { event: type.slice(0, 64), known: WEBHOOK_EVENT_TYPES.join(', ') }), {
          field: 'events',
        });
      }
    }
    return types;
  }

  private async target(ctx: RequestContext, url: string): Promise<string> {
    try {
      return (await checkWebhookTarget(url, this.policy)).toString();
    } catch (error) {
      if (!(error instanceof WebhookTargetRefused)) throw error;
      const { refusal } = error;
      const key = {
        invalid: 'webhook.urlInvalid',
        credentials: 'webhook.credentialsInUrl',
        https: 'webhook.httpsRequired',
        address: 'webhook.addressForbidden',
        unresolvable: 'webhook.unresolvable',
      } as const;
      throw new BadUserInputError(ctx.t(key[refusal.reason], 'host' in refusal ? { host: refusal.host } : {}), { field: 'url' });
    }
  }
}
