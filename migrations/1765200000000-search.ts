import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contains-search on order numbers, part numbers, supplier part numbers and
 * supplier names through trigram indexes (pg_trgm, a trusted extension).
 *
 * Under row-level security PostgreSQL only uses a query's condition inside an
 * index scan when its function is leakproof, and ILIKE (texticlike) is not
 * marked so: every search walked the organization's whole order history
 * (4 s at 500,000 orders). texticlike can raise an error only for a pattern
 * that ends in the escape character, so it leaks nothing about the rows it is
 * given as its text argument; it leaks about its pattern argument only, and
 * Anchorlink never passes a column as a pattern (every pattern is a bound,
 * escaped parameter; no caller writes SQL). Marking it LEAKPROOF needs a
 * superuser, per database: when the migrating role is not one, the indexes
 * still exist and search stays correct but scans (the API logs a warning at
 * start, docs/scaling.md says what to run).
 */
export class Search1765200000000 implements MigrationInterface {
  name = 'Search1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX purchase_orders_number_trgm_idx ON purchase_orders USING gin (number gin_trgm_ops)`);
    await q.query(
      `CREATE INDEX purchase_order_lines_supplier_part_number_trgm_idx ON purchase_order_lines USING gin (supplier_part_number gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX parts_part_number_trgm_idx ON parts USING gin (part_number gin_trgm_ops)`);
    await q.query(`CREATE INDEX organizations_name_trgm_idx ON organizations USING gin (name gin_trgm_ops)`);
    await q.query(`
      DO $$
      BEGIN
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          ALTER FUNCTION texticlike(text, text) LEAKPROOF;
        ELSE
          RAISE WARNING 'texticlike (ILIKE) is not LEAKPROOF: a superuser should run ALTER FUNCTION texticlike(text, text) LEAKPROOF in this database (docs/scaling.md), or searches scan';
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          ALTER FUNCTION texticlike(text, text) NOT LEAKPROOF;
        END IF;
      END $$`);
    await q.query(`DROP INDEX organizations_name_trgm_idx`);
    await q.query(`DROP INDEX parts_part_number_trgm_idx`);
    await q.query(`DROP INDEX purchase_order_lines_supplier_part_number_trgm_idx`);
    await q.query(`DROP INDEX purchase_orders_number_trgm_idx`);
  }
}
