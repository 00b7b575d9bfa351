import { Lifecycle } from '@anchorlink/core';
import { EmailStatus } from '../entities/email-delivery.entity.js';
import { DeliveryStatus } from '../entities/webhook-delivery.entity.js';

/**
 * A webhook delivery is PENDING while it is tried again (PENDING → PENDING), then DELIVERED, or FAILED
 * once the retry window has passed or its subscription is gone. Only the worker moves it; no caller acts on it.
 */
export const WEBHOOK_DELIVERY_LIFECYCLE = new Lifecycle<DeliveryStatus, never>(
  {
    illegalTransition: 'delivery.illegalTransition',
    illegalAction: 'delivery.illegalTransition',
    action: () => 'delivery.illegalTransition',
  },
  {
    [DeliveryStatus.PENDING]: [DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, DeliveryStatus.FAILED],
    [DeliveryStatus.DELIVERED]: [],
    [DeliveryStatus.FAILED]: [],
  },
  {},
);

/** An e-mail is PENDING until it is SENT, or FAILED after its last attempt. */
export const EMAIL_DELIVERY_LIFECYCLE = new Lifecycle<EmailStatus, never>(
  {
    illegalTransition: 'delivery.illegalTransition',
    illegalAction: 'delivery.illegalTransition',
    action: () => 'delivery.illegalTransition',
  },
  {
    [EmailStatus.PENDING]: [EmailStatus.PENDING, EmailStatus.SENT, EmailStatus.FAILED],
    [EmailStatus.SENT]: [],
    [EmailStatus.FAILED]: [],
  },
  {},
);

/** The state a delivery moves to, checked against its lifecycle (a worker bug, not a caller's mistake, if refused). */
export function nextState<S extends string>(lifecycle: Lifecycle<S, never>, from: S, to: S): S {
  if (!lifecycle.canTransition(from, to)) throw new Error(`A delivery cannot go from ${from} to ${to}`);
  return to;
}
