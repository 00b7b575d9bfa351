import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: organizations, users, partnerships, invitations, refresh tokens,
 * parts and supplier part mappings, with row-level security.
 *
 * Tenancy model. Every request runs `SET LOCAL ROLE anchorlink_app` (a NOLOGIN
 * role without BYPASSRLS that owns nothing) and `set_config('app.org_id', <caller's
 * organization>, true)`. Policies compare rows with app_current_org(); when no
 * organization is set it is NULL and every tenant table shows no rows.
 * Sign-in flows open narrow windows with app.auth_* settings that match one row
 * by a secret the caller presented (an e-mail being signed in, a token hash).
 */
export class Foundation1764316800000 implements MigrationInterface {
  name = 'Foundation1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anchorlink_app') THEN
          CREATE ROLE anchorlink_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
        END IF;
      END
      $$`);
    // A non-superuser connecting user needs membership to SET ROLE; harmless for a superuser.
    await q.query(`GRANT anchorlink_app TO CURRENT_USER`);
    await q.query(`GRANT USAGE ON SCHEMA public TO anchorlink_app`);

    await q.query(`
      CREATE FUNCTION app_current_org() RETURNS uuid
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$`);
    // A pooled connection returns '' (not NULL) for a setting some earlier transaction set locally.
    await q.query(`
      CREATE FUNCTION app_setting(name text) RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT NULLIF(current_setting(name, true), '') $$`);

    // ---------------------------------------------------------------- types
    await q.query(`CREATE TYPE org_kind AS ENUM ('ANCHOR', 'SUPPLIER', 'ALLIANCE')`);
    await q.query(`CREATE TYPE role AS ENUM ('ORG_ADMIN', 'PROCUREMENT', 'PLANNER', 'SUPPLIER_SALES', 'STANDARDS_ADMIN', 'VIEWER')`);
    await q.query(`CREATE TYPE partnership_status AS ENUM ('INVITED', 'ACTIVE', 'SUSPENDED')`);
    await q.query(`CREATE TYPE invitation_status AS ENUM ('PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED')`);

    // ---------------------------------------------------------------- tables
    await q.query(`
      CREATE TABLE organizations (
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        name        varchar(200) NOT NULL,
        kind        org_kind NOT NULL,
        credit_code varchar(18),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizations_pkey PRIMARY KEY (id),
        CONSTRAINT organizations_credit_code_key UNIQUE (credit_code)
      )`);

    await q.query(`
      CREATE TABLE users (
        id            uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id        uuid NOT NULL,
        email         varchar(320) NOT NULL,
        password_hash text NOT NULL,
        display_name  varchar(200) NOT NULL,
        roles         role[] NOT NULL DEFAULT '{}',
        locale        varchar(8) NOT NULL DEFAULT 'zh-CN',
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX users_org_id_idx ON users (org_id)`);

    await q.query(`
      CREATE TABLE partnerships (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        anchor_org_id   uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        status          partnership_status NOT NULL,
        supplier_code   varchar(64),
        created_at      timestamptz NOT NULL DEFAULT now(),
        activated_at    timestamptz,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT partnerships_pkey PRIMARY KEY (id),
        CONSTRAINT partnerships_anchor_supplier_key UNIQUE (anchor_org_id, supplier_org_id),
        CONSTRAINT partnerships_anchor_org_id_fkey FOREIGN KEY (anchor_org_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT partnerships_supplier_org_id_fkey FOREIGN KEY (supplier_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX partnerships_supplier_org_id_idx ON partnerships (supplier_org_id)`);
    await q.query(
      `CREATE UNIQUE INDEX partnerships_supplier_code_key ON partnerships (anchor_org_id, supplier_code) WHERE supplier_code IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE invitations (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        anchor_org_id   uuid NOT NULL,
        email           varchar(320) NOT NULL,
        supplier_name   varchar(200) NOT NULL,
        credit_code     varchar(18),
        supplier_code   varchar(64),
        token_hash      varchar(64) NOT NULL,
        status          invitation_status NOT NULL DEFAULT 'PENDING',
        expires_at      timestamptz NOT NULL,
        invited_by      uuid,
        accepted_at     timestamptz,
        accepted_org_id uuid,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invitations_pkey PRIMARY KEY (id),
        CONSTRAINT invitations_token_hash_key UNIQUE (token_hash),
        CONSTRAINT invitations_anchor_org_id_fkey FOREIGN KEY (anchor_org_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT invitations_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT invitations_accepted_org_id_fkey FOREIGN KEY (accepted_org_id) REFERENCES organizations (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX invitations_anchor_org_id_idx ON invitations (anchor_org_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id    uuid NOT NULL,
        org_id     uuid NOT NULL,
        family_id  uuid NOT NULL,
        token_hash varchar(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
        CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash),
        CONSTRAINT refresh_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT refresh_tokens_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id)`);

    await q.query(`
      CREATE TABLE parts (
        id            uuid NOT NULL DEFAULT gen_random_uuid(),
        anchor_org_id uuid NOT NULL,
        part_number   varchar(64) NOT NULL,
        description   varchar(500) NOT NULL,
        uom           varchar(16) NOT NULL,
        attributes    jsonb NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT parts_pkey PRIMARY KEY (id),
        CONSTRAINT parts_anchor_part_number_key UNIQUE (anchor_org_id, part_number),
        CONSTRAINT parts_anchor_org_id_fkey FOREIGN KEY (anchor_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE supplier_parts (
        id                   uuid NOT NULL DEFAULT gen_random_uuid(),
        part_id              uuid NOT NULL,
        anchor_org_id        uuid NOT NULL,
        supplier_org_id      uuid NOT NULL,
        supplier_part_number varchar(64) NOT NULL,
        lead_time_days       integer,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT supplier_parts_pkey PRIMARY KEY (id),
        CONSTRAINT supplier_parts_part_supplier_key UNIQUE (part_id, supplier_org_id),
        CONSTRAINT supplier_parts_supplier_number_key UNIQUE (anchor_org_id, supplier_org_id, supplier_part_number),
        CONSTRAINT supplier_parts_part_id_fkey FOREIGN KEY (part_id) REFERENCES parts (id) ON DELETE CASCADE,
        CONSTRAINT supplier_parts_anchor_org_id_fkey FOREIGN KEY (anchor_org_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT supplier_parts_supplier_org_id_fkey FOREIGN KEY (supplier_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX supplier_parts_supplier_org_id_idx ON supplier_parts (supplier_org_id)`);

    // ---------------------------------------------------------------- privileges
    // Column-level UPDATE grants: the columns that tie a row to its tenants never change.
    await q.query(
      `GRANT SELECT, INSERT ON organizations, users, partnerships, invitations, refresh_tokens, parts, supplier_parts TO anchorlink_app`,
    );
    await q.query(`GRANT UPDATE (name, credit_code, updated_at) ON organizations TO anchorlink_app`);
    await q.query(`GRANT UPDATE (email, password_hash, display_name, roles, locale, updated_at) ON users TO anchorlink_app`);
    await q.query(`GRANT UPDATE (status, supplier_code, activated_at, updated_at) ON partnerships TO anchorlink_app`);
    await q.query(`GRANT UPDATE (status, accepted_at, accepted_org_id, updated_at) ON invitations TO anchorlink_app`);
    await q.query(`GRANT UPDATE (used_at, revoked_at) ON refresh_tokens TO anchorlink_app`);
    await q.query(`GRANT UPDATE (part_number, description, uom, attributes, updated_at) ON parts TO anchorlink_app`);
    await q.query(`GRANT UPDATE (supplier_part_number, lead_time_days, updated_at) ON supplier_parts TO anchorlink_app`);
    await q.query(`GRANT DELETE ON supplier_parts TO anchorlink_app`);

    // ---------------------------------------------------------------- row-level security
    for (const table of ['organizations', 'users', 'partnerships', 'invitations', 'refresh_tokens', 'parts', 'supplier_parts']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }

    // An organization writes its own row; it also sees its partners and the alliances
    // (owners of the shared data standards).
    await q.query(`
      CREATE POLICY organizations_own ON organizations FOR ALL TO anchorlink_app
        USING (id = app_current_org())
        WITH CHECK (id = app_current_org())`);
    await q.query(`
      CREATE POLICY organizations_related ON organizations FOR SELECT TO anchorlink_app
        USING (
          (kind = 'ALLIANCE' AND app_current_org() IS NOT NULL)
          OR EXISTS (
            SELECT 1 FROM partnerships p
            WHERE (p.anchor_org_id = app_current_org() AND p.supplier_org_id = organizations.id)
               OR (p.supplier_org_id = app_current_org() AND p.anchor_org_id = organizations.id))
          OR credit_code = app_setting('app.auth_credit_code'))`);

    // Users belong to one organization; partners see each other's users (actors of
    // order events); sign-in sees the one row of the e-mail being signed in.
    await q.query(`
      CREATE POLICY users_own ON users FOR ALL TO anchorlink_app
        USING (org_id = app_current_org())
        WITH CHECK (org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY users_partners ON users FOR SELECT TO anchorlink_app
        USING (EXISTS (
          SELECT 1 FROM partnerships p
          WHERE (p.anchor_org_id = app_current_org() AND p.supplier_org_id = users.org_id)
             OR (p.supplier_org_id = app_current_org() AND p.anchor_org_id = users.org_id)))`);
    await q.query(`
      CREATE POLICY users_sign_in ON users FOR SELECT TO anchorlink_app
        USING (email = app_setting('app.auth_email'))`);

    // The anchor manages a partnership; the supplier reads it, and writes it only while
    // accepting a pending, unexpired invitation of that anchor.
    await q.query(`
      CREATE POLICY partnerships_anchor ON partnerships FOR ALL TO anchorlink_app
        USING (anchor_org_id = app_current_org())
        WITH CHECK (anchor_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY partnerships_supplier ON partnerships FOR SELECT TO anchorlink_app
        USING (supplier_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY partnerships_accepting_invitation ON partnerships FOR ALL TO anchorlink_app
        USING (supplier_org_id = app_current_org() AND EXISTS (
          SELECT 1 FROM invitations i
           WHERE i.token_hash = app_setting('app.auth_invitation_token_hash')
             AND i.anchor_org_id = partnerships.anchor_org_id
             AND i.status = 'PENDING' AND i.expires_at > now()))
        WITH CHECK (supplier_org_id = app_current_org() AND EXISTS (
          SELECT 1 FROM invitations i
           WHERE i.token_hash = app_setting('app.auth_invitation_token_hash')
             AND i.anchor_org_id = partnerships.anchor_org_id
             AND i.status = 'PENDING' AND i.expires_at > now()))`);

    // Invitations belong to the inviting anchor; the invitee reaches its one row by token.
    await q.query(`
      CREATE POLICY invitations_anchor ON invitations FOR ALL TO anchorlink_app
        USING (anchor_org_id = app_current_org())
        WITH CHECK (anchor_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY invitations_token ON invitations FOR ALL TO anchorlink_app
        USING (token_hash = app_setting('app.auth_invitation_token_hash'))
        WITH CHECK (token_hash = app_setting('app.auth_invitation_token_hash'))`);

    await q.query(`
      CREATE POLICY refresh_tokens_own ON refresh_tokens FOR ALL TO anchorlink_app
        USING (org_id = app_current_org())
        WITH CHECK (org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY refresh_tokens_presented ON refresh_tokens FOR SELECT TO anchorlink_app
        USING (token_hash = app_setting('app.auth_refresh_token_hash'))`);

    // Parts belong to the anchor; a supplier reads the parts mapped to it.
    await q.query(`
      CREATE POLICY parts_anchor ON parts FOR ALL TO anchorlink_app
        USING (anchor_org_id = app_current_org())
        WITH CHECK (anchor_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY parts_mapped_supplier ON parts FOR SELECT TO anchorlink_app
        USING (EXISTS (
          SELECT 1 FROM supplier_parts sp
          WHERE sp.part_id = parts.id AND sp.supplier_org_id = app_current_org()))`);

    await q.query(`
      CREATE POLICY supplier_parts_anchor ON supplier_parts FOR ALL TO anchorlink_app
        USING (anchor_org_id = app_current_org())
        WITH CHECK (anchor_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY supplier_parts_supplier ON supplier_parts FOR SELECT TO anchorlink_app
        USING (supplier_org_id = app_current_org())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE supplier_parts, parts, refresh_tokens, invitations, partnerships, users, organizations`);
    await q.query(`DROP TYPE invitation_status, partnership_status, role, org_kind`);
    await q.query(`DROP FUNCTION app_setting(text), app_current_org()`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM anchorlink_app`);
  }
}
