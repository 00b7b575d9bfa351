import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifySignature } from '@anchorlink/integration';
import { codes, TestApp } from './support/test-app.js';
import { ALLIANCE_ADMIN, ANCHOR_ADMIN, BUYER, CASTINGS, HYDRAULICS, ORG } from './support/fixtures.js';
import { CONFIRM, createOrder, PUBLISH_ORDER } from './support/orders.js';
import { eventually, WebhookReceiver } from './support/webhook-receiver.js';

const CREATE = `mutation($url: String!, $events: [String!]!) {
  createWebhookSubscription(url: $url, events: $events) { secret subscription { id url events active } }
}`;
const LIST = `{ webhookSubscriptions { id url events active } }`;
const DELETE = `mutation($id: ID!) { deleteWebhookSubscription(id: $id) }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(subscriptionId: $id) { eventId eventType status attempts responseStatus lastError deliveredAt } }`;

describe('webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    // Retries within seconds, given up after four: the same rules as in production, on a shorter clock.
    t = await TestApp.start({ webhookRetryBaseMs: 100, webhookRetryWindowMs: 4000, workerPollIntervalMs: 500 });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  async function subscribe(as: string, events: string[], path = `/hooks/${Math.random().toString(36).slice(2)}`) {
    const result = (await t.ok(CREATE, { url: receiver.url(path), events }, as)).createWebhookSubscription;
    return { ...result, path };
  }

  describe('registration', () => {
    it('refuses unknown event types, bad URLs and callers who are not ORG_ADMIN, creating nothing', async () => {
      const [{ n: before }] = await t.sql(`SELECT count(*)::int AS n FROM webhook_subscriptions`);
      const cases: [string, string[], string, string][] = [
        [receiver.url(), ['order.shipped', 'order.teleported'], ANCHOR_ADMIN, 'BAD_USER_INPUT'],
        [receiver.url(), [], ANCHOR_ADMIN, 'BAD_USER_INPUT'],
        ['ftp://erp.example.com/hook', ['order.published'], ANCHOR_ADMIN, 'BAD_USER_INPUT'],
        ['not a url', ['order.published'], ANCHOR_ADMIN, 'BAD_USER_INPUT'],
        // Plain http only for localhost (outside production) and allow-listed hosts.
        ['http://erp.example.com/hook', ['order.published'], ANCHOR_ADMIN, 'BAD_USER_INPUT'],
        ['https://user:pw@erp.example.com/hook', ['order.published'], ANCHOR_ADMIN, 'BAD_USER_INPUT'],
        [receiver.url(), ['order.published'], BUYER, 'FORBIDDEN'],
      ];
      for (const [url, events, as, code] of cases) {
        const res = await t.gql(CREATE, { url, events }, as);
        expect({ url, events, codes: codes(res) }).toEqual({ url, events, codes: [code] });
      }
      const unknown = await t.gql(CREATE, { url: receiver.url(), events: ['order.teleported'] }, ANCHOR_ADMIN);
      expect(unknown.errors![0].message).toContain('order.published');
      const [{ n: after }] = await t.sql(`SELECT count(*)::int AS n FROM webhook_subscriptions`);
      expect(after).toBe(before);
    });

    it('shows the secret once, stores it encrypted, and lists and deletes subscriptions per organization', async () => {
      const created = await subscribe(ANCHOR_ADMIN, ['order.published', 'order.published', 'order.confirmed']);
      expect(created.secret).toMatch(/^whsec_[\w-]{43}$/);
      expect(created.subscription).toMatchObject({ events: ['order.published', 'order.confirmed'], active: true });
      const [row] = await t.sql(`SELECT secret_ciphertext FROM webhook_subscriptions WHERE id = $1`, [created.subscription.id]);
      expect(row.secret_ciphertext).not.toContain(created.secret.slice(6));
      expect(row.secret_ciphertext).toMatch(/^v1\./);

      const own = (await t.ok(LIST, {}, ANCHOR_ADMIN)).webhookSubscriptions;
      expect(own.map((s: any) => s.id)).toContain(created.subscription.id);
      expect(JSON.stringify(own)).not.toContain('whsec_');
      const other = (await t.ok(LIST, {}, HYDRAULICS)).webhookSubscriptions;
      expect(other.map((s: any) => s.id)).not.toContain(created.subscription.id);
      expect(codes(await t.gql(DELETE, { id: created.subscription.id }, HYDRAULICS))).toEqual(['NOT_FOUND']);

      expect((await t.ok(DELETE, { id: created.subscription.id }, ANCHOR_ADMIN)).deleteWebhookSubscription).toBe(true);
      expect((await t.ok(LIST, {}, ANCHOR_ADMIN)).webhookSubscriptions.map((s: any) => s.id)).not.toContain(created.subscription.id);
      expect(codes(await t.gql(DELETE, { id: created.subscription.id }, ANCHOR_ADMIN))).toEqual(['NOT_FOUND']);
      const audit = await t.sql(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at`, [created.subscription.id]);
      expect(audit.map((a: any) => a.action)).toEqual(['webhook_subscription.created', 'webhook_subscription.deleted']);
    });
  });

  describe('delivery', () => {
    it('signs each delivery so the receiver can verify it, and sends each side only what it may see', async () => {
      const anchorHook = await subscribe(ANCHOR_ADMIN, ['order.published', 'order.confirmed']);
      const supplierHook = await subscribe(CASTINGS, ['order.published', 'order.confirmed']);
      const draft = await createOrder(t);
      const published = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
      await t.ok(CONFIRM, { id: published.id, v: published.version }, CASTINGS);

      await receiver.waitFor(() => receiver.delivered.filter((r) => r.json.data.purchaseOrderId === draft.id).length >= 4);
      for (const [hook, secret] of [
        [anchorHook, anchorHook.secret],
        [supplierHook, supplierHook.secret],
      ] as const) {
        const mine = received(hook.path, draft.id).filter((r) => r.answered === 204);
        expect(mine.map((r) => r.json.type)).toEqual(['order.published', 'order.confirmed']);
        for (const r of mine) {
          expect(verifySignature(secret, r.body, String(r.headers['anchorlink-signature']))).toBe(true);
          // Someone else's secret does not verify it.
          expect(
            verifySignature(
              hook === anchorHook ? supplierHook.secret : anchorHook.secret,
              r.body,
              String(r.headers['anchorlink-signature']),
            ),
          ).toBe(false);
          expect(r.headers['anchorlink-event-id']).toBe(r.json.id);
          expect(r.headers['content-type']).toMatch(/^application\/json/);
          expect(Date.parse(r.json.occurredAt)).not.toBeNaN();
        }
        expect(mine[0].json.data).toMatchObject({
          purchaseOrderId: draft.id,
          orderNumber: draft.number,
          anchorId: ORG.anchor,
          supplierId: ORG.castings,
        });
      }
      // Every receiver of an event sees the same event id: that is what it deduplicates by.
      const ids = receiver.delivered.filter((r) => r.json.data.purchaseOrderId === draft.id).map((r) => r.json.id);
      expect(new Set(ids).size).toBe(2);
    });

    it('retries a failing receiver with backoff, keeps later events of the order waiting, and records every attempt', async () => {
      const hook = await subscribe(CASTINGS, ['order.published', 'order.confirmed']);
      receiver.respond = ({ path, json, attempt }) => (path === hook.path && json.type === 'order.published' && attempt <= 2 ? 500 : 204);
      try {
        const draft = await createOrder(t);
        const published = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
        await t.ok(CONFIRM, { id: published.id, v: published.version }, CASTINGS);
        await receiver.waitFor(() => received(hook.path, draft.id).filter((r) => r.answered === 204).length === 2);
        const seen = received(hook.path, draft.id);
        // Two refusals, then the published event, and only then the confirmation.
        expect(seen.map((r) => `${r.json.type}:${r.answered}`)).toEqual([
          'order.published:500',
          'order.published:500',
          'order.published:204',
          'order.confirmed:204',
        ]);
        expect(seen.map((r) => r.headers['anchorlink-delivery-attempt'])).toEqual(['1', '2', '3', '1']);
        const log = (await t.ok(DELIVERIES, { id: hook.subscription.id }, CASTINGS)).webhookDeliveries;
        const published1 = log.find((d: any) => d.eventType === 'order.published' && d.eventId === seen[0].json.id);
        expect(published1).toMatchObject({ status: 'DELIVERED', attempts: 3, responseStatus: 204, lastError: null });
        expect(codes(await t.gql(DELIVERIES, { id: hook.subscription.id }, ANCHOR_ADMIN))).toEqual([]);
        expect((await t.ok(DELIVERIES, { id: hook.subscription.id }, ANCHOR_ADMIN)).webhookDeliveries).toEqual([]);
      } finally {
        receiver.respond = () => 204;
      }
    });

    it('marks a delivery FAILED once the retry window has passed, then delivers what waited behind it', async () => {
      const hook = await subscribe(CASTINGS, ['order.published', 'order.confirmed']);
      receiver.respond = ({ path, json }) => (path === hook.path && json.type === 'order.published' ? 503 : 204);
      try {
        const draft = await createOrder(t);
        const published = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
        await t.ok(CONFIRM, { id: published.id, v: published.version }, CASTINGS);
        const log = await eventually(async () => {
          const rows = (await t.ok(DELIVERIES, { id: hook.subscription.id }, CASTINGS)).webhookDeliveries;
          return rows.length === 2 && rows.every((d: any) => d.status !== 'PENDING') ? rows : undefined;
        }, 20000);
        expect(log.map((d: any) => [d.eventType, d.status])).toEqual([
          ['order.confirmed', 'DELIVERED'],
          ['order.published', 'FAILED'],
        ]);
        expect(log[1].attempts).toBeGreaterThanOrEqual(3);
        expect(log[1].lastError).toBe('HTTP 503');
      } finally {
        receiver.respond = () => 204;
      }
    });

    it('delivers nothing for a change that failed', async () => {
      const hook = await subscribe(CASTINGS, ['order.published']);
      const draft = await createOrder(t);
      const stale = await t.gql(PUBLISH_ORDER, { id: draft.id, v: draft.version + 1 }, BUYER);
      expect(codes(stale)).toEqual(['CONFLICT']);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM outbox_events WHERE entity_id = $1 AND type = 'order.published'`, [
        draft.id,
      ]);
      expect(n).toBe(0);
      await new Promise((r) => setTimeout(r, 1000));
      expect(received(hook.path, draft.id)).toEqual([]);
    });

    it('announces a published standard to subscribers in every organization', async () => {
      const supplierHook = await subscribe(CASTINGS, ['standard.published']);
      const anchorHook = await subscribe(ANCHOR_ADMIN, ['order.published']);
      const standard = (
        await t.ok(
          `mutation { createDataStandard(input: { code: "HOOK-LIST", name: "挂钩", kind: CODE_LIST }) { id } }`,
          {},
          ALLIANCE_ADMIN,
        )
      ).createDataStandard;
      const version = (
        await t.ok(
          `mutation($id: ID!) { createStandardVersion(standardId: $id, input: { version: "1.0.0", codes: [{ code: "A", labelZh: "甲", labelEn: "A" }] }) { id } }`,
          { id: standard.id },
          ALLIANCE_ADMIN,
        )
      ).createStandardVersion;
      await t.ok(`mutation($id: ID!) { publishStandardVersion(versionId: $id) { id } }`, { id: version.id }, ALLIANCE_ADMIN);
      await receiver.waitFor(() => receiver.delivered.some((r) => r.path === supplierHook.path && r.json.type === 'standard.published'));
      const delivery = receiver.delivered.find((r) => r.path === supplierHook.path && r.json.type === 'standard.published')!;
      expect(delivery.json.data).toMatchObject({ code: 'HOOK-LIST', version: '1.0.0', versionId: version.id });
      expect(receiver.received.some((r) => r.path === anchorHook.path && r.json.type === 'standard.published')).toBe(false);
    });
  });

  /** What one subscription (its own path) received about one order, in arrival order. */
  function received(path: string, orderId: string) {
    return receiver.received.filter((r) => r.path === path && r.json.data.purchaseOrderId === orderId);
  }

  describe('in production', () => {
    let prod: TestApp;

    beforeAll(async () => {
      prod = await TestApp.start({
        nodeEnv: 'production',
        isProduction: true,
        jwtSecret: 'a-production-grade-secret-of-48-characters-xyz12',
        webhookAllowHosts: ['localhost'],
        webhookRetryBaseMs: 100,
        webhookRetryWindowMs: 1500,
        workerPollIntervalMs: 500,
      });
    });
    afterAll(async () => {
      await prod?.close();
    });

    it('refuses targets inside the network at registration, unless the operator allow-listed the host', async () => {
      for (const url of [
        'https://127.0.0.1/hook',
        'https://10.20.30.40/hook',
        'https://169.254.169.254/latest',
        'https://[::1]/hook',
        `http://127.0.0.1:${receiver.port}/hook`,
      ]) {
        const res = await prod.gql(CREATE, { url, events: ['order.published'] }, CASTINGS);
        expect({ url, codes: codes(res) }).toEqual({ url, codes: ['BAD_USER_INPUT'] });
      }
      // IPv6 spellings of loopback and of the metadata address: compatible, mapped, NAT64, 6to4, Teredo.
      for (const host of [
        '[::7f00:1]',
        '[::ffff:127.0.0.1]',
        '[64:ff9b::7f00:1]',
        '[64:ff9b:1::7f00:1]',
        '[2002:7f00:1::1]',
        '[2002:a9fe:a9fe::1]',
        '[2001:0:4136:e378:8000:63bf:80ff:fffe]',
      ]) {
        const res = await prod.gql(CREATE, { url: `https://${host}/hook`, events: ['order.published'] }, CASTINGS, {
          'accept-language': 'en',
        });
        expect({ host, codes: codes(res) }).toEqual({ host, codes: ['BAD_USER_INPUT'] });
        expect(res.errors![0].message).toMatch(/private, loopback or link-local address/);
      }
      expect(await prod.sql(`SELECT url FROM webhook_subscriptions WHERE url LIKE 'https://[%'`)).toEqual([]);
      const allowed = (
        await prod.ok(CREATE, { url: `http://localhost:${receiver.port}/prod-allowed`, events: ['order.published'] }, CASTINGS)
      ).createWebhookSubscription;
      expect(allowed.subscription.url).toBe(`http://localhost:${receiver.port}/prod-allowed`);
    });

    it('checks the address again at delivery: a target that is not allowed is never contacted', async () => {
      // A subscription that slipped past registration (say, the allow list was shortened since).
      const [sub] = await prod.sql(
        `INSERT INTO webhook_subscriptions (id, org_id, url, events, secret_ciphertext)
         VALUES (gen_random_uuid(), $1, $2, '{order.published}', 'sealed-later') RETURNING id`,
        [ORG.castings, `https://127.0.0.1:${receiver.port}/prod-internal`],
      );
      const { SecretBox } = await import('@anchorlink/core');
      await prod.sql(`UPDATE webhook_subscriptions SET secret_ciphertext = $2 WHERE id = $1`, [
        sub.id,
        prod.app.get(SecretBox).seal('whsec_x', `webhook:${sub.id}`),
      ]);
      const draft = await createOrder(prod);
      await prod.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER);
      const failed = await eventually(async () => {
        const [row] = await prod.sql(`SELECT status, last_error, attempts FROM webhook_deliveries WHERE subscription_id = $1`, [sub.id]);
        return row?.status === 'FAILED' ? row : undefined;
      }, 15000);
      expect(failed.last_error).toMatch(/refused: address/);
      expect(receiver.received.filter((r) => r.path === '/prod-internal')).toEqual([]);
      // The allow-listed one got the same event.
      await receiver.waitFor(() => receiver.delivered.some((r) => r.path === '/prod-allowed' && r.json.data.purchaseOrderId === draft.id));
    });
  });
});
