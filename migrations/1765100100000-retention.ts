import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention: tables that only grew (the outbox, webhook and e-mail
 * deliveries, idempotency keys, refresh tokens, invitations) are pruned by
 * the worker's scheduled `retention-prune` job (RetentionPruner). The audit
 * log is not touched: it is the record.
 *
 * The pruner runs across organizations, so it cannot be the request role
 * (one organization at a time); and under FORCE row-level security a
 * connecting user that is not a superuser sees no tenant row either. It
 * switches to its own NOLOGIN role `anchorlink_retention`, without
 * BYPASSRLS, which may only SELECT and DELETE these tables, and whose DELETE
 * policies hold the invariants whatever the configuration says: a delivery
 * still PENDING, an unexpired refresh token, a pending unexpired invitation
 * or an idempotency key younger than an hour cannot be deleted. Requests gain
 * nothing: their role still has no DELETE on any of these tables.
 *
 * The indexes let each batch find old rows without a scan, and let the
 * foreign key from webhook deliveries to the outbox be checked by index when
 * an event is deleted. Creating them locks writes to these tables while they
 * build: on a large installation, run this in a maintenance window.
 */
export class Retention1765100100000 implements MigrationInterface {
  name = 'Retention1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anchorlink_retention') THEN
          CREATE ROLE anchorlink_retention NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
        END IF;
      END
      $$`);
    // A non-superuser connecting user needs membership to SET ROLE; harmless for a superuser.
    await q.query(`GRANT anchorlink_retention TO CURRENT_USER`);
    await q.query(`GRANT USAGE ON SCHEMA public TO anchorlink_retention`);
    await q.query(`
      GRANT SELECT, DELETE ON outbox_events, webhook_deliveries, email_deliveries, idempotency_keys, refresh_tokens, invitations
        TO anchorlink_retention`);

    // Reading: everything (an outbox event is kept while any delivery of it exists, pending ones included).
    // Deleting: only what no configuration may keep alive.
    const invariants: [string, string][] = [
      ['webhook_deliveries', `status <> 'PENDING'`],
      ['email_deliveries', `status <> 'PENDING'`],
      ['idempotency_keys', `created_at < now() - interval '1 hour'`],
      ['refresh_tokens', `expires_at < now()`],
      ['invitations', `status <> 'PENDING' OR expires_at < now()`],
    ];
    for (const [table, invariant] of invariants) {
      await q.query(`CREATE POLICY ${table}_retention_read ON ${table} FOR SELECT TO anchorlink_retention USING (true)`);
      await q.query(`CREATE POLICY ${table}_retention_prune ON ${table} FOR DELETE TO anchorlink_retention USING (${invariant})`);
    }

    await q.query(`CREATE INDEX outbox_events_dispatched_idx ON outbox_events (dispatched_at) WHERE dispatched_at IS NOT NULL`);
    await q.query(`CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id)`);
    await q.query(`CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at)`);
    await q.query(`CREATE INDEX email_deliveries_created_idx ON email_deliveries (created_at)`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
    await q.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);

    // One prune at a time (singleton); a run stops itself after a few minutes and the next one continues.
    await q.query(`SELECT pgboss.create_queue($1, $2)`, [
      'retention-prune',
      { policy: 'singleton', retryLimit: 3, retryDelay: 300, retryBackoff: false, expireInSeconds: 900, retentionMinutes: 20160 },
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT pgboss.delete_queue('retention-prune')`);
    await q.query(
      `DROP INDEX outbox_events_dispatched_idx, webhook_deliveries_event_idx, webhook_deliveries_created_idx, email_deliveries_created_idx,
         idempotency_keys_created_idx, refresh_tokens_expires_idx`,
    );
    for (const table of ['webhook_deliveries', 'email_deliveries', 'idempotency_keys', 'refresh_tokens', 'invitations']) {
      await q.query(`DROP POLICY ${table}_retention_read ON ${table}`);
      await q.query(`DROP POLICY ${table}_retention_prune ON ${table}`);
    }
    await q.query(`
      REVOKE ALL ON outbox_events, webhook_deliveries, email_deliveries, idempotency_keys, refresh_tokens, invitations
        FROM anchorlink_retention`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM anchorlink_retention`);
  }
}
