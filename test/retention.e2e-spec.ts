import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { JOB_QUEUES, JobQueue } from '@anchorlink/core';
import { RetentionPruner } from '@anchorlink/integration';
import { TestApp } from './support/test-app.js';
import { CASTINGS, ORG } from './support/fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

/**
 * Retention: rows kept for a while only are pruned by the worker's
 * scheduled job, backdated here in the test database; what is still in use
 * (an undelivered event, a pending delivery, a live token) and the audit log
 * are never pruned.
 */
describe('retention', () => {
  let t: TestApp;
  let subscriptionId: string;
  let userId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    [{ id: subscriptionId }] = await t.sql(
      `INSERT INTO webhook_subscriptions (org_id, url, events, secret_ciphertext) VALUES ($1, 'https://erp.example.com/h', '{order.published}', 'x') RETURNING id`,
      [ORG.castings],
    );
    [{ id: userId }] = await t.sql(`SELECT id FROM users WHERE email = $1`, [CASTINGS]);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function event(occurredAt: Date, dispatchedAt: Date | null): Promise<string> {
    const id = randomUUID();
    await t.sql(
      `INSERT INTO outbox_events (id, type, organization_ids, entity_type, entity_id, ordering_key, occurred_at, data, dispatched_at)
       VALUES ($1, 'order.published', $2, 'PurchaseOrder', $3, $4, $5, '{}', $6)`,
      [id, [ORG.castings], randomUUID(), `retention-test:${id}`, occurredAt, dispatchedAt],
    );
    return id;
  }

  async function webhookDelivery(eventId: string, status: string, createdAt: Date): Promise<string> {
    const [row] = await t.sql(
      `INSERT INTO webhook_deliveries (org_id, subscription_id, event_id, event_seq, event_type, ordering_key, payload, status, created_at)
       SELECT $1, $2, id, seq, type, ordering_key, '{}', $3, $4 FROM outbox_events WHERE id = $5 RETURNING id`,
      [ORG.castings, subscriptionId, status, createdAt, eventId],
    );
    return row.id;
  }

  async function emailDelivery(eventId: string, status: string, createdAt: Date): Promise<string> {
    const [row] = await t.sql(
      `INSERT INTO email_deliveries (org_id, event_id, recipient, locale, template, status, message_id, created_at)
       VALUES ($1, $2, $3, 'zh-CN', 'order.published', $4, $5, $6) RETURNING id`,
      [ORG.castings, eventId, `${randomUUID()}@castings.demo`, status, `<${randomUUID()}@anchorlink>`, createdAt],
    );
    return row.id;
  }

  const exists = async (table: string, id: string) => (await t.sql(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length === 1;

  it('prunes old deliveries and dispatched events, never an undelivered event or a pending delivery', async () => {
    // Delivered 91 days ago: the delivery, then its event, go.
    const oldEvent = await event(ago(91 * DAY), ago(91 * DAY));
    const oldDelivered = await webhookDelivery(oldEvent, 'DELIVERED', ago(91 * DAY));
    const oldFailedEmail = await emailDelivery(oldEvent, 'FAILED', ago(91 * DAY));
    // Old too, but a delivery is still pending (retrying): it and its event stay.
    const retrying = await event(ago(120 * DAY), ago(120 * DAY));
    const pending = await webhookDelivery(retrying, 'PENDING', ago(120 * DAY));
    const pendingEmailEvent = await event(ago(120 * DAY), ago(120 * DAY));
    const pendingEmail = await emailDelivery(pendingEmailEvent, 'PENDING', ago(120 * DAY));
    // Never dispatched (the worker was down for months): stays.
    const undispatched = await event(ago(200 * DAY), null);
    // Recent: stays.
    const recentEvent = await event(ago(89 * DAY), ago(89 * DAY));
    const recentDelivered = await webhookDelivery(recentEvent, 'DELIVERED', ago(89 * DAY));
    // 2,500 old delivered events and deliveries: several batches of 1,000.
    await t.sql(
      `WITH e AS (
         INSERT INTO outbox_events (id, type, organization_ids, entity_type, entity_id, ordering_key, occurred_at, data, dispatched_at)
         SELECT gen_random_uuid(), 'order.published', $1, 'PurchaseOrder', gen_random_uuid(), 'retention-bulk', now() - interval '100 days', '{}', now() - interval '100 days'
           FROM generate_series(1, 2500)
         RETURNING id, seq, type, ordering_key)
       INSERT INTO webhook_deliveries (org_id, subscription_id, event_id, event_seq, event_type, ordering_key, payload, status, created_at)
       SELECT $2, $3, id, seq, type, ordering_key, '{}', 'DELIVERED', now() - interval '100 days' FROM e`,
      [[ORG.castings], ORG.castings, subscriptionId],
    );
    const [{ n: auditBefore }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events`);

    const deleted = await t.app.get(RetentionPruner).prune();
    expect(deleted).toMatchObject({ webhook_deliveries: 2501, email_deliveries: 1, outbox_events: 2501 });

    expect(await exists('webhook_deliveries', oldDelivered)).toBe(false);
    expect(await exists('email_deliveries', oldFailedEmail)).toBe(false);
    expect(await exists('outbox_events', oldEvent)).toBe(false);
    for (const [table, id] of [
      ['webhook_deliveries', pending],
      ['outbox_events', retrying],
      ['email_deliveries', pendingEmail],
      ['outbox_events', pendingEmailEvent],
      ['outbox_events', undispatched],
      ['outbox_events', recentEvent],
      ['webhook_deliveries', recentDelivered],
    ] as const) {
      expect({ table, id, kept: await exists(table, id) }).toEqual({ table, id, kept: true });
    }
    expect(await t.sql(`SELECT 1 FROM outbox_events WHERE ordering_key = 'retention-bulk'`)).toHaveLength(0);
    // The audit log is the record: untouched.
    const [{ n: auditAfter }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events`);
    expect(auditAfter).toBe(auditBefore);
  });

  it('prunes idempotency keys after 24 hours, expired refresh tokens and finished invitations after 30 days', async () => {
    const key = async (name: string, createdAt: Date) =>
      t.sql(
        `INSERT INTO idempotency_keys (org_id, key, operation, request_hash, result_id, created_at) VALUES ($1, $2, 'createPurchaseOrder', $3, $4, $5)`,
        [ORG.anchor, name, 'h'.repeat(64), randomUUID(), createdAt],
      );
    await key('retention-old', ago(25 * HOUR));
    await key('retention-new', ago(23 * HOUR));

    const token = async (expiresAt: Date) =>
      (
        await t.sql(
          `INSERT INTO refresh_tokens (user_id, org_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [userId, ORG.castings, randomUUID(), randomUUID().replace(/-/g, '').padEnd(64, '0'), expiresAt],
        )
      )[0].id as string;
    const longExpired = await token(ago(31 * DAY));
    const recentlyExpired = await token(ago(29 * DAY));
    const valid = await token(new Date(Date.now() + 10 * DAY));

    const invitation = async (status: string, expiresAt: Date, updatedAt: Date) =>
      (
        await t.sql(
          `INSERT INTO invitations (anchor_org_id, email, supplier_name, token_hash, status, expires_at, updated_at) VALUES ($1, $2, 'x', $3, $4, $5, $6) RETURNING id`,
          [ORG.anchor, `${randomUUID()}@example.com`, randomUUID().replace(/-/g, '').padEnd(64, '1'), status, expiresAt, updatedAt],
        )
      )[0].id as string;
    const expiredLongAgo = await invitation('PENDING', ago(31 * DAY), ago(45 * DAY));
    const acceptedLongAgo = await invitation('ACCEPTED', ago(20 * DAY), ago(31 * DAY));
    const expiredRecently = await invitation('PENDING', ago(29 * DAY), ago(43 * DAY));
    const acceptedRecently = await invitation('ACCEPTED', new Date(Date.now() + DAY), ago(DAY));
    const open = await invitation('PENDING', new Date(Date.now() + 10 * DAY), ago(4 * DAY));

    await t.app.get(RetentionPruner).prune();

    expect((await t.sql(`SELECT key FROM idempotency_keys WHERE key LIKE 'retention-%'`)).map((r) => r.key)).toEqual(['retention-new']);
    expect([
      await exists('refresh_tokens', longExpired),
      await exists('refresh_tokens', recentlyExpired),
      await exists('refresh_tokens', valid),
    ]).toEqual([false, true, true]);
    expect(
      await Promise.all([expiredLongAgo, acceptedLongAgo, expiredRecently, acceptedRecently, open].map((id) => exists('invitations', id))),
    ).toEqual([false, false, true, true, true]);
  });

  it('runs as its own role, which cannot delete what is still in use and which requests do not have', async () => {
    const [role] = await t.sql(`SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'anchorlink_retention'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const retrying = await event(ago(120 * DAY), ago(120 * DAY));
    const pending = await webhookDelivery(retrying, 'PENDING', ago(120 * DAY));
    const live = (await t.sql(`SELECT id FROM refresh_tokens WHERE expires_at > now() LIMIT 1`))[0]?.id;
    const as = async (role: string, sql: string, params: unknown[]) => {
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(`SET LOCAL ROLE ${role}`);
        return await runner.query(sql, params);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    // Even asked directly, the policies keep a pending delivery (and an unexpired token).
    expect((await as('anchorlink_retention', `DELETE FROM webhook_deliveries WHERE id = $1`, [pending]))[1]).toBe(0);
    if (live) expect((await as('anchorlink_retention', `DELETE FROM refresh_tokens WHERE id = $1`, [live]))[1]).toBe(0);
    await expect(as('anchorlink_app', `DELETE FROM webhook_deliveries WHERE id = $1`, [pending])).rejects.toThrow(/permission denied/);
    await expect(as('anchorlink_app', `DELETE FROM outbox_events`, [])).rejects.toThrow(/permission denied/);
  });

  it('leaves a table whose rows are locked for the next run instead of waiting', async () => {
    const old = await event(ago(100 * DAY), ago(100 * DAY));
    const delivery = await webhookDelivery(old, 'DELIVERED', ago(100 * DAY));
    const expired = await (async () =>
      (
        await t.sql(
          `INSERT INTO refresh_tokens (user_id, org_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [userId, ORG.castings, randomUUID(), randomUUID().replace(/-/g, '').padEnd(64, '2'), ago(60 * DAY)],
        )
      )[0].id as string)();
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT 1 FROM webhook_deliveries WHERE id = $1 FOR UPDATE`, [delivery]);
      const started = Date.now();
      const deleted = await t.app.get(RetentionPruner).prune();
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(deleted.webhook_deliveries).toBe(0);
      expect(deleted.refresh_tokens).toBeGreaterThanOrEqual(1); // the other tables went on
      expect(await exists('refresh_tokens', expired)).toBe(false);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect((await t.app.get(RetentionPruner).prune()).webhook_deliveries).toBe(1);
  });

  it('is a pg-boss job the worker runs, scheduled hourly', async () => {
    const [schedule] = await t.sql(`SELECT name, cron FROM pgboss.schedule WHERE name = $1`, [JOB_QUEUES.retention]);
    expect(schedule).toEqual({ name: 'retention-prune', cron: '17 * * * *' });
    const old = await event(ago(100 * DAY), ago(100 * DAY));
    const jobs = t.app.get(JobQueue);
    await t.dataSource.transaction((em) => jobs.send(em, JOB_QUEUES.retention, {}));
    jobs.wake(JOB_QUEUES.retention);
    const deadline = Date.now() + 20_000;
    while ((await exists('outbox_events', old)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await exists('outbox_events', old)).toBe(false);
  });
});
