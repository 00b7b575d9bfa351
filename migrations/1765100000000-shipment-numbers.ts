import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipment notice numbers per supplier and anchor. They came from one
 * sequence per supplier, so an anchor receiving ASN-2026-000010 after
 * ASN-2026-000004 learnt that the supplier had shipped five times to others
 * in between. A sequence now has a scope: the counterparty it is kept for
 * (the nil UUID: the organization as a whole, as order numbers are), and a
 * notice number is unique per supplier and anchor.
 *
 * Numbers already issued stay as they are; a pair's sequence, created at its
 * first notice, continues after the highest number the pair already has that
 * year (DocumentNumbers.next's startAfter), so nothing is renumbered here.
 */
export class ShipmentNumbers1765100000000 implements MigrationInterface {
  name = 'ShipmentNumbers1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document_sequences ADD COLUMN scope_org_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000'`);
    await q.query(`
      ALTER TABLE document_sequences DROP CONSTRAINT document_sequences_pkey,
        ADD CONSTRAINT document_sequences_pkey PRIMARY KEY (org_id, kind, year, scope_org_id)`);
    await q.query(`
      ALTER TABLE shipment_notices DROP CONSTRAINT shipment_notices_supplier_number_key,
        ADD CONSTRAINT shipment_notices_supplier_anchor_number_key UNIQUE (supplier_org_id, anchor_org_id, number)`);
  }

  /** Fails when two anchors of one supplier already hold the same number (as they may from now on). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE shipment_notices DROP CONSTRAINT shipment_notices_supplier_anchor_number_key,
        ADD CONSTRAINT shipment_notices_supplier_number_key UNIQUE (supplier_org_id, number)`);
    await q.query(`DELETE FROM document_sequences WHERE scope_org_id <> '00000000-0000-0000-0000-000000000000'`);
    await q.query(`
      ALTER TABLE document_sequences DROP CONSTRAINT document_sequences_pkey,
        ADD CONSTRAINT document_sequences_pkey PRIMARY KEY (org_id, kind, year)`);
    await q.query(`ALTER TABLE document_sequences DROP COLUMN scope_org_id`);
  }
}
