/** The event types a webhook can subscribe to (the names receivers see in `type`). */
export const WEBHOOK_EVENT_TYPES = [
  'order.published',
  'order.responded',
  'order.change_accepted',
  'order.change_rejected',
  'order.revised',
  'order.confirmed',
  'order.cancelled',
  'order.shipped',
  'order.received',
  'order.closed',
  'forecast.published',
  'forecast.committed',
  'standard.published',
  'rollout.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * What receivers see of an event's data: fields starting with `_` are the
 * server's own (a sealed invitation token) and never leave it.
 */
export function publicData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('_')));
}
