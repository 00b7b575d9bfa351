import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = [
  'DRAFT',
  'PUBLISHED',
  'CHANGE_PROPOSED',
  'CONFIRMED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'RECEIVED',
  'CLOSED',
  'REJECTED',
  'CANCELLED',
];

/**
 * purchase_orders.status becomes text, checked against the same list, instead
 * of an enum. Found by the benchmark: under row-level security PostgreSQL only
 * uses a query's condition in an index scan when its operator is leakproof,
 * and enum equality is not (text equality is). So an order list filtered by
 * status (an inbox tab, an anchor's "awaiting answer") could not use the
 * (organization, status, updated_at, id) indexes as the application role: it
 * walked the organization's orders newest first and skipped every other
 * status, 22 ms instead of 1 ms once a few thousand orders had moved on, and
 * growing with the history. The indexes are rebuilt with the column.
 *
 * The ALTER rewrites the table under an exclusive lock (seconds per million
 * orders): run it in a maintenance window on a large installation.
 */
export class OrderStatusText1765008000000 implements MigrationInterface {
  name = 'OrderStatusText1765008000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE purchase_orders ALTER COLUMN status TYPE varchar(20) USING status::text`);
    await q.query(
      `ALTER TABLE purchase_orders ADD CONSTRAINT purchase_orders_status_check CHECK (status IN (${STATUSES.map((s) => `'${s}'`).join(', ')}))`,
    );
    await q.query(`DROP TYPE purchase_order_status`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE purchase_order_status AS ENUM (${STATUSES.map((s) => `'${s}'`).join(', ')})`);
    await q.query(`ALTER TABLE purchase_orders DROP CONSTRAINT purchase_orders_status_check`);
    await q.query(`ALTER TABLE purchase_orders ALTER COLUMN status TYPE purchase_order_status USING status::purchase_order_status`);
  }
}
