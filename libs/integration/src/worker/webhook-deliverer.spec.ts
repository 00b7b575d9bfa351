import { describe, expect, it } from '@jest/globals';
import type { AppConfig, DatabaseGate, JobQueue, Metrics, SecretBox } from '@anchorlink/core';
import { fake } from '../../../../test/support/fakes.js';
import { WebhookDeliverer } from './webhook-deliverer.js';

describe('webhook retry backoff', () => {
  const deliverer = new WebhookDeliverer(
    fake<DatabaseGate>('gate'),
    fake<JobQueue>('jobs'),
    fake<SecretBox>('secrets'),
    fake<AppConfig>('config', { webhookRetryBaseMs: 30_000, isProduction: false, webhookAllowHosts: [] }),
    fake<Metrics>('metrics'),
  );

  it('doubles from the base per attempt, with jitter between half and all of it, capped at an hour', () => {
    for (let attempt = 1; attempt <= 40; attempt++) {
      const full = Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);
      for (let i = 0; i < 50; i++) {
        const delay = deliverer.backoffMs(attempt);
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });

  it('retries for the whole day: at least 24 attempts fit in 24 hours, the first within a minute', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 24 * 3_600_000) elapsed += deliverer.backoffMs(++attempts);
    expect(attempts).toBeGreaterThanOrEqual(24);
    expect(deliverer.backoffMs(1)).toBeLessThanOrEqual(30_000);
  });
});
