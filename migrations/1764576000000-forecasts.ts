import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rolling demand forecasts and capacity commitments.
 *
 * A forecast revision belongs to its anchor and is read by its supplier; the
 * supplier writes only the commitment columns of buckets of the current
 * (PUBLISHED) revision. At most one revision per anchor–supplier pair is
 * current (a partial unique index).
 *
 * forecast_buckets has no foreign keys on purpose: a 10,000-part, 52-week
 * revision is 520,000 rows written by one INSERT … SELECT, and a per-row
 * referential check would more than double its cost. The only writer is that
 * statement, which runs in the transaction that creates the forecast row, with
 * part ids the service has checked against the anchor's part master.
 */
export class Forecasts1764576000000 implements MigrationInterface {
  name = 'Forecasts1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE forecast_status AS ENUM ('PUBLISHED', 'SUPERSEDED')`);
    await q.query(`CREATE TYPE bucket_granularity AS ENUM ('WEEK', 'MONTH')`);
    await q.query(`
      CREATE TABLE forecasts (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        anchor_org_id   uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        revision        integer NOT NULL,
        status          forecast_status NOT NULL DEFAULT 'PUBLISHED',
        granularity     bucket_granularity NOT NULL,
        horizon_start   date NOT NULL,
        bucket_count    integer NOT NULL,
        firm_buckets    integer NOT NULL,
        published_at    timestamptz(3) NOT NULL DEFAULT now(),
        published_by    uuid,
        superseded_at   timestamptz,
        CONSTRAINT forecasts_pkey PRIMARY KEY (id),
        CONSTRAINT forecasts_pair_revision_key UNIQUE (anchor_org_id, supplier_org_id, revision),
        CONSTRAINT forecasts_anchor_org_id_fkey FOREIGN KEY (anchor_org_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT forecasts_supplier_org_id_fkey FOREIGN KEY (supplier_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX forecasts_current_key ON forecasts (anchor_org_id, supplier_org_id) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX forecasts_anchor_published_idx ON forecasts (anchor_org_id, published_at, id)`);
    await q.query(`CREATE INDEX forecasts_supplier_published_idx ON forecasts (supplier_org_id, published_at, id)`);

    await q.query(`
      CREATE TABLE forecast_buckets (
        forecast_id        uuid NOT NULL,
        part_id            uuid NOT NULL,
        bucket_index       smallint NOT NULL,
        anchor_org_id      uuid NOT NULL,
        supplier_org_id    uuid NOT NULL,
        period_start       date NOT NULL,
        quantity           numeric(24,6) NOT NULL,
        previous_quantity  numeric(24,6),
        committed_quantity numeric(24,6),
        commit_note        text,
        committed_at       timestamptz,
        CONSTRAINT forecast_buckets_pkey PRIMARY KEY (forecast_id, part_id, bucket_index)
      )`);

    await q.query(`GRANT SELECT, INSERT ON forecasts, forecast_buckets TO anchorlink_app`);
    await q.query(`GRANT UPDATE (status, superseded_at) ON forecasts TO anchorlink_app`);
    await q.query(`GRANT UPDATE (committed_quantity, commit_note, committed_at) ON forecast_buckets TO anchorlink_app`);

    for (const table of ['forecasts', 'forecast_buckets']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY ${table}_anchor ON ${table} FOR ALL TO anchorlink_app
          USING (anchor_org_id = app_current_org()) WITH CHECK (anchor_org_id = app_current_org())`);
      await q.query(`
        CREATE POLICY ${table}_supplier_read ON ${table} FOR SELECT TO anchorlink_app
          USING (supplier_org_id = app_current_org())`);
    }
    // Suppliers commit on the current revision only.
    await q.query(`
      CREATE POLICY forecast_buckets_supplier_commit ON forecast_buckets FOR UPDATE TO anchorlink_app
        USING (supplier_org_id = app_current_org() AND EXISTS (
          SELECT 1 FROM forecasts f WHERE f.id = forecast_buckets.forecast_id AND f.status = 'PUBLISHED'))
        WITH CHECK (supplier_org_id = app_current_org())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forecast_buckets, forecasts`);
    await q.query(`DROP TYPE bucket_granularity, forecast_status`);
  }
}
