import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supplier organization (the distribution column of docs/scaling.md) in
 * every primary key, unique constraint and foreign key of the high-volume
 * tables, so that `create_distributed_table(…, 'supplier_org_id')` needs no
 * key rewrite later. The id stays the leading column: lookups by id alone (an
 * anchor opening an order) still seek the primary key index, and no index is
 * added. On one node this costs a wider key (32 instead of 16 bytes) and buys
 * a check the denormalized column never had: a line, event, shipment or
 * receipt cannot name a supplier other than its order's.
 *
 * Left as they are, on purpose: `purchase_orders_anchor_number_key`
 * (anchor, number) — with the supplier added it would let two suppliers'
 * orders share an anchor's number; numbers come from document_sequences, and
 * the constraint changes only when the tables are distributed.
 */
export class DistributionKeys1764921600000 implements MigrationInterface {
  name = 'DistributionKeys1764921600000';

  /** [table, foreign key, its column, referenced table]: every foreign key between these tables (all ON DELETE CASCADE). */
  private static readonly FOREIGN_KEYS: [string, string, string, string][] = [
    ['purchase_order_lines', 'purchase_order_lines_order_id_fkey', 'order_id', 'purchase_orders'],
    ['order_events', 'order_events_order_id_fkey', 'order_id', 'purchase_orders'],
    ['shipment_notices', 'shipment_notices_order_id_fkey', 'order_id', 'purchase_orders'],
    ['shipment_lines', 'shipment_lines_shipment_id_fkey', 'shipment_id', 'shipment_notices'],
    ['shipment_lines', 'shipment_lines_order_line_id_fkey', 'order_line_id', 'purchase_order_lines'],
    ['goods_receipts', 'goods_receipts_shipment_id_fkey', 'shipment_id', 'shipment_notices'],
    ['goods_receipt_lines', 'goods_receipt_lines_receipt_id_fkey', 'receipt_id', 'goods_receipts'],
    ['goods_receipt_lines', 'goods_receipt_lines_order_line_id_fkey', 'order_line_id', 'purchase_order_lines'],
  ];

  /** [table, primary key columns before the supplier]. */
  private static readonly PRIMARY_KEYS: [string, string][] = [
    ['purchase_orders', 'id'],
    ['purchase_order_lines', 'id'],
    ['order_events', 'id'],
    ['shipment_notices', 'id'],
    ['shipment_lines', 'id'],
    ['goods_receipts', 'id'],
    ['goods_receipt_lines', 'id'],
    ['forecasts', 'id'],
    ['forecast_buckets', 'forecast_id, part_id, bucket_index'],
  ];

  /** [table, unique constraint, columns before the supplier]: the supplier is implied by the leading columns already. */
  private static readonly UNIQUES: [string, string, string][] = [
    ['purchase_order_lines', 'purchase_order_lines_order_line_number_key', 'order_id, line_number'],
    ['shipment_lines', 'shipment_lines_shipment_line_key', 'shipment_id, order_line_id'],
    ['goods_receipt_lines', 'goods_receipt_lines_receipt_line_key', 'receipt_id, order_line_id'],
  ];

  async up(q: QueryRunner): Promise<void> {
    await this.rekey(q, ', supplier_org_id');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.rekey(q, '');
  }

  private async rekey(q: QueryRunner, supplier: string): Promise<void> {
    const self = DistributionKeys1764921600000;
    for (const [table, fk] of self.FOREIGN_KEYS) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${fk}`);
    for (const [table, columns] of self.PRIMARY_KEYS) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD CONSTRAINT ${table}_pkey PRIMARY KEY (${columns}${supplier})`);
    }
    for (const [table, name, columns] of self.UNIQUES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} UNIQUE (${columns}${supplier})`);
    }
    for (const [table, fk, column, referenced] of self.FOREIGN_KEYS) {
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${fk} FOREIGN KEY (${column}${supplier}) REFERENCES ${referenced} (id${supplier}) ON DELETE CASCADE`,
      );
    }
  }
}
