import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';
import { BUYER } from './support/fixtures.js';
import { createOrder } from './support/orders.js';

const PRODUCTION = { nodeEnv: 'production' as const, isProduction: true, jwtSecret: 'a-production-grade-secret-of-48-characters-xyz12' };

/** A sample's value from Prometheus text format, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((w) => line.includes(w))) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

describe('metrics', () => {
  describe('outside production, without a token', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ runWorker: false });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('reports GraphQL operations with their latency, errors by code, the pool, the outbox backlog and REST routes', async () => {
      await t.ok(`query OrderInbox { purchaseOrders(first: 5) { nodes { id } } }`, {}, BUYER);
      await t.ok(`query OrderInbox { purchaseOrders(first: 5) { nodes { id } } }`, {}, BUYER);
      await t.gql(`{ purchaseOrder(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, BUYER);
      await t.gql(`{ purchaseOrders { nodes { id } } }`);
      // No worker runs here: a committed event stays in the backlog.
      await createOrder(t);
      await t.http.get('/api/purchase-orders/export.csv').set('authorization', `Bearer ${await t.tokenFor(BUYER)}`);

      const res = await t.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = res.text;
      expect(sample(text, 'anchorlink_graphql_request_duration_seconds_count', { operation: 'OrderInbox', type: 'query' })).toBe(2);
      expect(sample(text, 'anchorlink_graphql_request_duration_seconds_count', { operation: 'purchaseOrder', type: 'query' })).toBe(1);
      expect(sample(text, 'anchorlink_graphql_errors_total', { code: 'NOT_FOUND' })).toBe(1);
      expect(sample(text, 'anchorlink_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'anchorlink_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM outbox_events WHERE dispatched_at IS NULL`);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'anchorlink_outbox_backlog')).toBe(n);
      expect(
        sample(text, 'anchorlink_rest_request_duration_seconds_count', { route: '/api/purchase-orders/export.csv', status: '200' }),
      ).toBe(1);
      expect(sample(text, 'anchorlink_process_resident_memory_bytes')).toBeGreaterThan(0);
    });
  });

  describe('in production', () => {
    it('is absent without METRICS_TOKEN', async () => {
      const t = await TestApp.start({ ...PRODUCTION, runWorker: false });
      try {
        expect((await t.http.get('/metrics')).status).toBe(404);
      } finally {
        await t.close();
      }
    });

    it('needs the token when one is configured', async () => {
      const t = await TestApp.start({ ...PRODUCTION, runWorker: false, metricsToken: 'scrape-token-0123456789' });
      try {
        expect((await t.http.get('/metrics')).status).toBe(401);
        expect((await t.http.get('/metrics').set('authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
        const ok = await t.http.get('/metrics').set('authorization', 'Bearer scrape-token-0123456789');
        expect(ok.status).toBe(200);
        expect(ok.text).toContain('anchorlink_graphql_request_duration_seconds');
      } finally {
        await t.close();
      }
    });
  });
});
