import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared data standards (standards, versions, adoptions) and the audit log.
 *
 * Standards are reference data for everybody signed in: any organization reads
 * standards and their non-draft versions; drafts, and every write, belong to
 * the owning alliance. A published version is immutable: a trigger refuses any
 * change to its content and any deletion, whoever asks.
 *
 * The audit log is append-only: the request role may INSERT and SELECT only,
 * and a trigger refuses UPDATE and DELETE from anyone (TRUNCATE is not granted).
 */
export class StandardsAndAudit1764403200000 implements MigrationInterface {
  name = 'StandardsAndAudit1764403200000';

  async up(q: QueryRunner): Promise<void> {
    // ---------------------------------------------------------------- audit
    await q.query(`
      CREATE TABLE audit_events (
        id            uuid NOT NULL DEFAULT gen_random_uuid(),
        at            timestamptz NOT NULL DEFAULT now(),
        org_id        uuid NOT NULL,
        actor_user_id uuid,
        action        varchar(64) NOT NULL,
        entity_type   varchar(64) NOT NULL,
        entity_id     uuid NOT NULL,
        details       jsonb NOT NULL DEFAULT '{}',
        request_id    varchar(64),
        CONSTRAINT audit_events_pkey PRIMARY KEY (id)
      )`);
    // Newest first per organization: a backward scan of this index.
    await q.query(`CREATE INDEX audit_events_org_at_idx ON audit_events (org_id, at, id)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`GRANT SELECT, INSERT ON audit_events TO anchorlink_app`);
    await q.query(`ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE audit_events FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY audit_events_own ON audit_events FOR ALL TO anchorlink_app
        USING (org_id = app_current_org())
        WITH CHECK (org_id = app_current_org())`);

    // ---------------------------------------------------------------- standards
    await q.query(`CREATE TYPE standard_kind AS ENUM ('CODE_LIST', 'RECORD_SCHEMA')`);
    await q.query(`CREATE TYPE standard_status AS ENUM ('DRAFT', 'PUBLISHED', 'DEPRECATED', 'RETIRED')`);
    await q.query(`
      CREATE TABLE data_standards (
        id           uuid NOT NULL DEFAULT gen_random_uuid(),
        owner_org_id uuid NOT NULL,
        code         varchar(32) NOT NULL,
        name         varchar(200) NOT NULL,
        description  text,
        kind         standard_kind NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT data_standards_pkey PRIMARY KEY (id),
        CONSTRAINT data_standards_code_key UNIQUE (code),
        CONSTRAINT data_standards_owner_org_id_fkey FOREIGN KEY (owner_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE standard_versions (
        id             uuid NOT NULL DEFAULT gen_random_uuid(),
        standard_id    uuid NOT NULL,
        owner_org_id   uuid NOT NULL,
        version        varchar(32) NOT NULL,
        major          integer NOT NULL,
        minor          integer NOT NULL,
        patch          integer NOT NULL,
        status         standard_status NOT NULL DEFAULT 'DRAFT',
        change_summary text,
        codes          jsonb NOT NULL DEFAULT '[]',
        fields         jsonb NOT NULL DEFAULT '[]',
        compatibility  jsonb,
        published_at   timestamptz,
        sunset_date    date,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT standard_versions_pkey PRIMARY KEY (id),
        CONSTRAINT standard_versions_standard_version_key UNIQUE (standard_id, version),
        CONSTRAINT standard_versions_standard_id_fkey FOREIGN KEY (standard_id) REFERENCES data_standards (id) ON DELETE CASCADE,
        CONSTRAINT standard_versions_owner_org_id_fkey FOREIGN KEY (owner_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE FUNCTION standard_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'a published standard version cannot be deleted' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status <> 'DRAFT' AND (
             NEW.codes IS DISTINCT FROM OLD.codes OR NEW.fields IS DISTINCT FROM OLD.fields
          OR NEW.version IS DISTINCT FROM OLD.version OR NEW.standard_id IS DISTINCT FROM OLD.standard_id
          OR NEW.status = 'DRAFT') THEN
          RAISE EXCEPTION 'a published standard version is immutable' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER standard_versions_immutable BEFORE UPDATE OR DELETE ON standard_versions
        FOR EACH ROW EXECUTE FUNCTION standard_versions_immutable()`);
    await q.query(`
      CREATE TABLE adoptions (
        id                  uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id              uuid NOT NULL,
        standard_id         uuid NOT NULL,
        standard_version_id uuid NOT NULL,
        adopted_at          timestamptz NOT NULL DEFAULT now(),
        replaced_at         timestamptz,
        CONSTRAINT adoptions_pkey PRIMARY KEY (id),
        CONSTRAINT adoptions_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT adoptions_standard_id_fkey FOREIGN KEY (standard_id) REFERENCES data_standards (id) ON DELETE CASCADE,
        CONSTRAINT adoptions_standard_version_id_fkey FOREIGN KEY (standard_version_id) REFERENCES standard_versions (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX adoptions_current_key ON adoptions (org_id, standard_id) WHERE replaced_at IS NULL`);
    await q.query(`CREATE INDEX adoptions_version_idx ON adoptions (standard_version_id)`);

    await q.query(`GRANT SELECT, INSERT ON data_standards, standard_versions, adoptions TO anchorlink_app`);
    await q.query(`GRANT UPDATE (name, description, updated_at) ON data_standards TO anchorlink_app`);
    await q.query(`
      GRANT UPDATE (version, major, minor, patch, status, change_summary, codes, fields, compatibility, published_at, sunset_date, updated_at)
        ON standard_versions TO anchorlink_app`);
    await q.query(`GRANT DELETE ON standard_versions TO anchorlink_app`);
    await q.query(`GRANT UPDATE (replaced_at) ON adoptions TO anchorlink_app`);

    for (const table of ['data_standards', 'standard_versions', 'adoptions']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    await q.query(`
      CREATE POLICY data_standards_owner ON data_standards FOR ALL TO anchorlink_app
        USING (owner_org_id = app_current_org())
        WITH CHECK (owner_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY data_standards_released ON data_standards FOR SELECT TO anchorlink_app
        USING (app_current_org() IS NOT NULL AND EXISTS (
          SELECT 1 FROM standard_versions v WHERE v.standard_id = data_standards.id AND v.status <> 'DRAFT'))`);
    await q.query(`
      CREATE POLICY standard_versions_owner ON standard_versions FOR ALL TO anchorlink_app
        USING (owner_org_id = app_current_org())
        WITH CHECK (owner_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY standard_versions_released ON standard_versions FOR SELECT TO anchorlink_app
        USING (app_current_org() IS NOT NULL AND status <> 'DRAFT')`);
    // An organization manages its own adoptions. Adoption counts are public
    // (uptake is what an alliance advertises): rows are readable by anyone signed
    // in, and the API shows other organizations' adoptions only as counts.
    await q.query(`
      CREATE POLICY adoptions_own ON adoptions FOR ALL TO anchorlink_app
        USING (org_id = app_current_org())
        WITH CHECK (org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY adoptions_counted ON adoptions FOR SELECT TO anchorlink_app
        USING (app_current_org() IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE adoptions, standard_versions, data_standards, audit_events`);
    await q.query(`DROP FUNCTION standard_versions_immutable(), audit_events_append_only()`);
    await q.query(`DROP TYPE standard_status, standard_kind`);
  }
}
