import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';
import { BUYER, PLANNER } from './support/fixtures.js';
import { createOrder, PUBLISH_ORDER } from './support/orders.js';
import { ReplicaCluster } from './support/replica-cluster.js';

const ORDERS = `{ purchaseOrders(first: 200) { nodes { id } } }`;
const REDIS_URL = process.env.ANCHORLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Read replicas: a real streaming replica (pg_basebackup) of a primary, the
 * API on both. While the replica's replay is paused, what it serves is
 * visibly stale: that shows which reads it gets, and that the caller's own
 * writes are never among them.
 */
describe('read replicas', () => {
  let cluster: ReplicaCluster;
  let t: TestApp;

  beforeAll(async () => {
    cluster = await ReplicaCluster.start();
    await cluster.sql('primary', `CREATE DATABASE anchorlink`);
    await cluster.caughtUp();
    t = await TestApp.startOn(cluster.url('primary', 'anchorlink'), {
      migrateOnStart: true,
      seedDemo: true,
      seedDemoActivity: false,
      runWorker: false,
      redisUrl: REDIS_URL,
      databaseReplicaUrls: [cluster.url('replica', 'anchorlink')],
    });
    await t.tokenFor(BUYER);
    await t.tokenFor(PLANNER);
    await cluster.caughtUp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await cluster?.sql('replica', `SELECT pg_wal_replay_resume()`).catch(() => undefined);
    await cluster?.stop();
  });

  const ids = async (as: string) => ((await t.ok(ORDERS, {}, as)).purchaseOrders.nodes as { id: string }[]).map((o) => o.id);

  it('serves queries from the replica, but never hides the caller its own writes', async () => {
    await cluster.sql('replica', `SELECT pg_wal_replay_pause()`);
    try {
      // The buyer's write goes to the primary; the replica does not replay it while paused.
      const draft = await createOrder(t);
      // Another user's list comes from the (stale) replica: the new order is not there yet ...
      expect(await ids(PLANNER)).not.toContain(draft.id);
      // ... while the buyer, who wrote it, reads from the primary.
      expect(await ids(BUYER)).toContain(draft.id);
      // A mutation reads inside its write transaction, on the primary, whoever calls it.
      const published = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
      expect(published.status).toBe('PUBLISHED');
      const [{ status }] = await cluster.sql(
        'replica',
        `SELECT count(*)::int AS status FROM purchase_orders WHERE id = $1`,
        [draft.id],
        'anchorlink',
      );
      expect(status).toBe(0);
    } finally {
      await cluster.sql('replica', `SELECT pg_wal_replay_resume()`);
    }
    await cluster.caughtUp();
    const after = await ids(PLANNER);
    expect(after.length).toBeGreaterThan(0);
    const [{ id }] = await t.sql(`SELECT id FROM purchase_orders ORDER BY created_at DESC LIMIT 1`);
    expect(after).toContain(id);
  });

  it("sends the buyer back to the replica once it has replayed the buyer's last write", async () => {
    await createOrder(t);
    await cluster.caughtUp();
    // Replay paused now changes nothing the buyer wrote: the replica has it all, so it may serve the buyer.
    await cluster.sql('replica', `SELECT pg_wal_replay_pause()`);
    try {
      const before = await ids(BUYER);
      await cluster.sql(
        'primary',
        `UPDATE purchase_orders SET notes = 'behind the replica''s back' WHERE id = $1`,
        [before[0]],
        'anchorlink',
      );
      const [{ notes }] = await t.sql(`SELECT notes FROM purchase_orders WHERE id = $1`, [before[0]]);
      expect(notes).toBe("behind the replica's back");
      const seen = (await t.ok(`query($id: ID!) { purchaseOrder(id: $id) { notes } }`, { id: before[0] }, BUYER)).purchaseOrder;
      expect(seen.notes).not.toBe("behind the replica's back");
    } finally {
      await cluster.sql('replica', `SELECT pg_wal_replay_resume()`);
    }
  });
});
