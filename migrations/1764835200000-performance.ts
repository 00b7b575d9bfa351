import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Found by the benchmark (`npm run bench`):
 * - The same visibility rules, cheaper: "an organization (or user) of a
 *   partner" was a correlated EXISTS over partnerships, run for every
 *   candidate row (a sequential scan of partnerships per organization shown:
 *   most of the time of an order list). As an uncorrelated IN it runs once
 *   per query, hashed.
 * - Order lists filtered by one status (the anchor's "what awaits an answer")
 *   walk an index in that order instead of filtering the whole history.
 */
export class Performance1764835200000 implements MigrationInterface {
  name = 'Performance1764835200000';

  private static readonly PARTNERS = `(
    SELECT p.supplier_org_id FROM partnerships p WHERE p.anchor_org_id = app_current_org()
    UNION ALL
    SELECT p.anchor_org_id FROM partnerships p WHERE p.supplier_org_id = app_current_org())`;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY organizations_related ON organizations`);
    await q.query(`
      CREATE POLICY organizations_related ON organizations FOR SELECT TO anchorlink_app
        USING (
          (kind = 'ALLIANCE' AND app_current_org() IS NOT NULL)
          OR id IN ${Performance1764835200000.PARTNERS}
          OR credit_code = app_setting('app.auth_credit_code'))`);
    await q.query(`DROP POLICY users_partners ON users`);
    await q.query(`
      CREATE POLICY users_partners ON users FOR SELECT TO anchorlink_app
        USING (org_id IN ${Performance1764835200000.PARTNERS})`);
    await q.query(`CREATE INDEX purchase_orders_anchor_status_updated_idx ON purchase_orders (anchor_org_id, status, updated_at, id)`);
    await q.query(`CREATE INDEX purchase_orders_supplier_status_updated_idx ON purchase_orders (supplier_org_id, status, updated_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX purchase_orders_anchor_status_updated_idx, purchase_orders_supplier_status_updated_idx`);
    await q.query(`DROP POLICY organizations_related ON organizations`);
    await q.query(`
      CREATE POLICY organizations_related ON organizations FOR SELECT TO anchorlink_app
        USING (
          (kind = 'ALLIANCE' AND app_current_org() IS NOT NULL)
          OR EXISTS (
            SELECT 1 FROM partnerships p
            WHERE (p.anchor_org_id = app_current_org() AND p.supplier_org_id = organizations.id)
               OR (p.supplier_org_id = app_current_org() AND p.anchor_org_id = organizations.id))
          OR credit_code = app_setting('app.auth_credit_code'))`);
    await q.query(`DROP POLICY users_partners ON users`);
    await q.query(`
      CREATE POLICY users_partners ON users FOR SELECT TO anchorlink_app
        USING (EXISTS (
          SELECT 1 FROM partnerships p
          WHERE (p.anchor_org_id = app_current_org() AND p.supplier_org_id = users.org_id)
             OR (p.supplier_org_id = app_current_org() AND p.anchor_org_id = users.org_id)))`);
  }
}
