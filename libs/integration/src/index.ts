import { EmailDelivery } from './entities/email-delivery.entity.js';
import { OutboxEvent } from './entities/outbox-event.entity.js';
import { WebhookDelivery } from './entities/webhook-delivery.entity.js';
import { WebhookSubscription } from './entities/webhook-subscription.entity.js';

export * from './integration.module.js';
export * from './worker/integration-worker.module.js';
export * from './worker/integration-worker.js';
export * from './webhooks/webhook-events.js';
export * from './webhooks/webhook-signature.js';
export * from './webhooks/webhook-target.js';
export * from './interchange/ubl.js';
export { DeliveryStatus, WebhookDelivery } from './entities/webhook-delivery.entity.js';
export { EmailDelivery, EmailStatus } from './entities/email-delivery.entity.js';
export { OutboxEvent } from './entities/outbox-event.entity.js';
export { WebhookSubscription } from './entities/webhook-subscription.entity.js';

export const INTEGRATION_ENTITIES = [OutboxEvent, WebhookSubscription, WebhookDelivery, EmailDelivery];
export { EmailSender } from './email/email-sender.js';
export { RetentionPruner } from './worker/retention-pruner.js';
