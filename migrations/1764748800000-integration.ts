import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integration: API keys, the transactional outbox and its delivery tables
 * (webhook subscriptions and deliveries, e-mail deliveries), and the pg-boss
 * job queue that moves events from the outbox to their receivers.
 *
 * The outbox is written by requests (INSERT only: a request cannot read other
 * organizations' events back) and read by the worker as the connecting user.
 * Delivery tables are tenant tables like any other: the worker works on them
 * one organization at a time through the request role.
 *
 * pg-boss keeps its own schema (`pgboss`), created here from the library's own
 * construction plan so that it exists, with its queues and the request role's
 * grants, before the first request enqueues a job; later pg-boss versions
 * upgrade it themselves when the worker starts (`migrate: true`).
 */
export class Integration1764748800000 implements MigrationInterface {
  name = 'Integration1764748800000';

  async up(q: QueryRunner): Promise<void> {
    // ---------------------------------------------------------------- audit: API keys as actors
    await q.query(`ALTER TABLE audit_events ADD COLUMN api_key_id uuid`);
    await q.query(`CREATE INDEX audit_events_org_entity_idx ON audit_events (org_id, entity_type, entity_id)`);
    await q.query(`CREATE INDEX audit_events_org_actor_idx ON audit_events (org_id, actor_user_id)`);

    // ---------------------------------------------------------------- API keys
    await q.query(`
      CREATE TABLE api_keys (
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id       uuid NOT NULL,
        name         varchar(100) NOT NULL,
        roles        role[] NOT NULL,
        secret_hash  varchar(64) NOT NULL,
        created_by   uuid,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz,
        CONSTRAINT api_keys_pkey PRIMARY KEY (id),
        CONSTRAINT api_keys_secret_hash_key UNIQUE (secret_hash),
        CONSTRAINT api_keys_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT api_keys_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX api_keys_org_id_idx ON api_keys (org_id)`);
    await q.query(`GRANT SELECT, INSERT ON api_keys TO anchorlink_app`);
    await q.query(`GRANT UPDATE (last_used_at, revoked_at) ON api_keys TO anchorlink_app`);

    // ---------------------------------------------------------------- outbox
    await q.query(`
      CREATE TABLE outbox_events (
        id               uuid NOT NULL,
        seq              bigint GENERATED ALWAYS AS IDENTITY,
        type             varchar(64) NOT NULL,
        organization_ids uuid[],
        entity_type      varchar(64) NOT NULL,
        entity_id        uuid NOT NULL,
        ordering_key     varchar(100) NOT NULL,
        actor_user_id    uuid,
        occurred_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        data             jsonb NOT NULL,
        dispatched_at    timestamptz,
        CONSTRAINT outbox_events_pkey PRIMARY KEY (id),
        CONSTRAINT outbox_events_seq_key UNIQUE (seq)
      )`);
    await q.query(
      `COMMENT ON COLUMN outbox_events.organization_ids IS 'Organizations that may see the event; NULL: every organization (standard.published)'`,
    );
    await q.query(`CREATE INDEX outbox_events_undispatched_idx ON outbox_events (seq) WHERE dispatched_at IS NULL`);
    await q.query(`GRANT INSERT ON outbox_events TO anchorlink_app`);

    // ---------------------------------------------------------------- webhooks
    await q.query(`CREATE TYPE delivery_status AS ENUM ('PENDING', 'DELIVERED', 'FAILED')`);
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id                uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id            uuid NOT NULL,
        url               varchar(2048) NOT NULL,
        events            text[] NOT NULL,
        active            boolean NOT NULL DEFAULT true,
        secret_ciphertext text NOT NULL,
        created_by        uuid,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        deleted_at        timestamptz,
        CONSTRAINT webhook_subscriptions_pkey PRIMARY KEY (id),
        CONSTRAINT webhook_subscriptions_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT webhook_subscriptions_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_org_id_idx ON webhook_subscriptions (org_id)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id          uuid NOT NULL,
        subscription_id uuid NOT NULL,
        event_id        uuid NOT NULL,
        event_seq       bigint NOT NULL,
        event_type      varchar(64) NOT NULL,
        ordering_key    varchar(100) NOT NULL,
        payload         jsonb NOT NULL,
        status          delivery_status NOT NULL DEFAULT 'PENDING',
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        response_status integer,
        last_error      varchar(500),
        delivered_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id),
        CONSTRAINT webhook_deliveries_subscription_event_key UNIQUE (subscription_id, event_id),
        CONSTRAINT webhook_deliveries_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_event_id_fkey FOREIGN KEY (event_id) REFERENCES outbox_events (id)
      )`);
    // The drain looks for the oldest pending delivery of each ordering key.
    await q.query(`
      CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (subscription_id, ordering_key, event_seq)
        WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX webhook_deliveries_org_created_idx ON webhook_deliveries (org_id, created_at)`);
    await q.query(`GRANT SELECT, INSERT ON webhook_subscriptions, webhook_deliveries TO anchorlink_app`);
    await q.query(`GRANT UPDATE (active, deleted_at, updated_at) ON webhook_subscriptions TO anchorlink_app`);
    await q.query(`
      GRANT UPDATE (status, attempts, next_attempt_at, last_attempt_at, response_status, last_error, delivered_at)
        ON webhook_deliveries TO anchorlink_app`);

    // ---------------------------------------------------------------- e-mail
    await q.query(`CREATE TYPE email_status AS ENUM ('PENDING', 'SENT', 'FAILED')`);
    await q.query(`
      CREATE TABLE email_deliveries (
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id     uuid NOT NULL,
        event_id   uuid NOT NULL,
        recipient  varchar(320) NOT NULL,
        locale     varchar(8) NOT NULL,
        template   varchar(64) NOT NULL,
        status     email_status NOT NULL DEFAULT 'PENDING',
        attempts   integer NOT NULL DEFAULT 0,
        message_id varchar(200) NOT NULL,
        last_error varchar(500),
        sent_at    timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT email_deliveries_pkey PRIMARY KEY (id),
        CONSTRAINT email_deliveries_event_recipient_key UNIQUE (event_id, recipient),
        CONSTRAINT email_deliveries_event_id_fkey FOREIGN KEY (event_id) REFERENCES outbox_events (id)
      )`);
    await q.query(`CREATE INDEX email_deliveries_org_id_idx ON email_deliveries (org_id)`);
    await q.query(`GRANT SELECT, INSERT ON email_deliveries TO anchorlink_app`);
    await q.query(`GRANT UPDATE (status, attempts, last_error, sent_at) ON email_deliveries TO anchorlink_app`);

    // ---------------------------------------------------------------- row-level security
    for (const table of ['api_keys', 'webhook_subscriptions', 'webhook_deliveries', 'email_deliveries']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_own ON ${table} FOR ALL TO anchorlink_app
          USING (org_id = app_current_org())
          WITH CHECK (org_id = app_current_org())`);
    }
    // The guard finds a presented key by its hash before it knows the organization.
    await q.query(`
      CREATE POLICY api_keys_presented ON api_keys FOR SELECT TO anchorlink_app
        USING (secret_hash = app_setting('app.auth_api_key_hash'))`);
    // An event every organization may see (a published standard) reaches the
    // subscriptions to that event type in any organization; the worker lists
    // them with this setting, naming only such an event type.
    await q.query(`
      CREATE POLICY webhook_subscriptions_broadcast ON webhook_subscriptions FOR SELECT TO anchorlink_app
        USING (
          deleted_at IS NULL AND active
          AND app_setting('app.broadcast_event') = 'standard.published'
          AND app_setting('app.broadcast_event') = ANY (events))`);

    // ---------------------------------------------------------------- job queue (pg-boss)
    await q.query(pgBossConstruction('pgboss'));
    await q.query(`SELECT pgboss.create_queue($1, $2)`, [
      'outbox-dispatch',
      { policy: 'standard', retryLimit: 20, retryDelay: 5, retryBackoff: true, expireInSeconds: 60, retentionMinutes: 20160 },
    ]);
    // 'stately': at most one queued and one active drain per subscription (the singleton key).
    // A drain stops itself after 60 s; a job still active after 90 s belongs to a dead worker
    // (pg-boss fails it and retries it: that is how a kill -9 is recovered).
    await q.query(`SELECT pgboss.create_queue($1, $2)`, [
      'webhook-deliver',
      { policy: 'stately', retryLimit: 1000, retryDelay: 10, retryBackoff: true, expireInSeconds: 90, retentionMinutes: 20160 },
    ]);
    await q.query(`SELECT pgboss.create_queue($1, $2)`, [
      'email-send',
      { policy: 'standard', retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 60, retentionMinutes: 20160 },
    ]);
    // A request enqueues in its own transaction (pg-boss's insert reads the queue's settings).
    await q.query(`GRANT USAGE ON SCHEMA pgboss TO anchorlink_app`);
    await q.query(`GRANT SELECT ON pgboss.queue TO anchorlink_app`);
    await q.query(`GRANT INSERT, SELECT (id) ON pgboss.job TO anchorlink_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA pgboss CASCADE`);
    await q.query(`DROP TABLE email_deliveries, webhook_deliveries, webhook_subscriptions, outbox_events, api_keys`);
    await q.query(`DROP TYPE email_status, delivery_status`);
    await q.query(`DROP INDEX audit_events_org_entity_idx, audit_events_org_actor_idx`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN api_key_id`);
  }
}

/**
 * pg-boss's construction plan without its own BEGIN/COMMIT: the migration
 * already runs in a transaction, and a COMMIT in the middle would end it.
 */
function pgBossConstruction(schema: string): string {
  const plan = PgBoss.getConstructionPlans(schema).trim();
  if (!plan.startsWith('BEGIN;') || !plan.endsWith('COMMIT;')) {
    throw new Error('pg-boss construction plan changed shape: review this migration');
  }
  return plan.slice('BEGIN;'.length, -'COMMIT;'.length);
}
