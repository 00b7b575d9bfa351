import { describe, expect, it } from '@jest/globals';
import { EmailStatus as E } from '../entities/email-delivery.entity.js';
import { DeliveryStatus as D } from '../entities/webhook-delivery.entity.js';
import { EMAIL_DELIVERY_LIFECYCLE, nextState, WEBHOOK_DELIVERY_LIFECYCLE } from './delivery-lifecycles.js';

describe('delivery lifecycles', () => {
  const webhook = Object.values(D);
  const WEBHOOK_ALLOWED = new Set(['PENDING>PENDING', 'PENDING>DELIVERED', 'PENDING>FAILED']);
  it.each(webhook.flatMap((from) => webhook.map((to) => [from, to] as const)))('webhook delivery %s → %s', (from, to) => {
    const allowed = WEBHOOK_ALLOWED.has(`${from}>${to}`);
    expect(WEBHOOK_DELIVERY_LIFECYCLE.canTransition(from, to)).toBe(allowed);
    if (allowed) expect(nextState(WEBHOOK_DELIVERY_LIFECYCLE, from, to)).toBe(to);
    else expect(() => nextState(WEBHOOK_DELIVERY_LIFECYCLE, from, to)).toThrow(`A delivery cannot go from ${from} to ${to}`);
  });

  const email = Object.values(E);
  const EMAIL_ALLOWED = new Set(['PENDING>PENDING', 'PENDING>SENT', 'PENDING>FAILED']);
  it.each(email.flatMap((from) => email.map((to) => [from, to] as const)))('e-mail %s → %s', (from, to) => {
    expect(EMAIL_DELIVERY_LIFECYCLE.canTransition(from, to)).toBe(EMAIL_ALLOWED.has(`${from}>${to}`));
  });

  it('treats sent, delivered and failed deliveries as final', () => {
    expect([D.DELIVERED, D.FAILED].every((s) => WEBHOOK_DELIVERY_LIFECYCLE.isFinal(s))).toBe(true);
    expect([E.SENT, E.FAILED].every((s) => EMAIL_DELIVERY_LIFECYCLE.isFinal(s))).toBe(true);
    expect(EMAIL_DELIVERY_LIFECYCLE.isFinal(E.PENDING)).toBe(false);
  });
});
