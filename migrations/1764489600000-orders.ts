import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchase orders, their lines and events, shipment notices and goods
 * receipts; idempotency keys and document numbering.
 *
 * Visibility: an order belongs to its anchor; the supplier reads it (and its
 * lines) once it has been published (published_at is set), never as a draft,
 * not even a cancelled one, and writes only the columns its answers change. Order events that happened while the order was a draft
 * are the anchor's alone (supplier_visible = false). Shipment notices are the
 * supplier's, goods receipts the anchor's; each side reads the other's.
 */
export class Orders1764489600000 implements MigrationInterface {
  name = 'Orders1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN over_shipment_tolerance_pct numeric(5,2) NOT NULL DEFAULT 0`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        org_id       uuid NOT NULL,
        key          varchar(200) NOT NULL,
        operation    varchar(64) NOT NULL,
        request_hash varchar(64) NOT NULL,
        result_id    uuid,
        created_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_keys_pkey PRIMARY KEY (org_id, key)
      )`);
    await q.query(`
      CREATE TABLE document_sequences (
        org_id     uuid NOT NULL,
        kind       varchar(8) NOT NULL,
        year       integer NOT NULL,
        last_value integer NOT NULL,
        CONSTRAINT document_sequences_pkey PRIMARY KEY (org_id, kind, year)
      )`);

    await q.query(`
      CREATE TYPE purchase_order_status AS ENUM (
        'DRAFT', 'PUBLISHED', 'CHANGE_PROPOSED', 'CONFIRMED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'RECEIVED', 'CLOSED', 'REJECTED', 'CANCELLED')`);
    await q.query(`CREATE TYPE order_line_status AS ENUM ('PENDING', 'ACCEPTED', 'CHANGE_PROPOSED', 'REJECTED', 'CANCELLED')`);
    await q.query(
      `CREATE TYPE change_reason AS ENUM ('QUANTITY_CHANGED', 'DATE_CHANGED', 'BACKORDERED', 'PRICE_CHANGED', 'SUBSTITUTED', 'ON_HOLD', 'OTHER')`,
    );
    await q.query(`
      CREATE TYPE order_event_type AS ENUM (
        'CREATED', 'PUBLISHED', 'RESPONDED', 'CHANGE_ACCEPTED', 'CHANGE_REJECTED', 'REVISED', 'CONFIRMED', 'CANCELLED', 'SHIPPED', 'RECEIVED', 'CLOSED')`);

    await q.query(`
      CREATE TABLE purchase_orders (
        id                 uuid NOT NULL DEFAULT gen_random_uuid(),
        anchor_org_id      uuid NOT NULL,
        supplier_org_id    uuid NOT NULL,
        number             varchar(40) NOT NULL,
        status             purchase_order_status NOT NULL,
        revision           integer NOT NULL DEFAULT 1,
        version            integer NOT NULL DEFAULT 1,
        currency           varchar(8) NOT NULL,
        notes              text,
        total_amount       numeric(30,6) NOT NULL DEFAULT 0,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        created_by         uuid,
        published_at       timestamptz,
        confirmed_at       timestamptz,
        first_responded_at timestamptz,
        cancelled_at       timestamptz,
        cancel_reason      text,
        closed_at          timestamptz,
        CONSTRAINT purchase_orders_pkey PRIMARY KEY (id),
        CONSTRAINT purchase_orders_anchor_number_key UNIQUE (anchor_org_id, number),
        CONSTRAINT purchase_orders_anchor_org_id_fkey FOREIGN KEY (anchor_org_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT purchase_orders_supplier_org_id_fkey FOREIGN KEY (supplier_org_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    // The two list orders: an anchor's orders and a supplier's, newest change first (backward scans).
    await q.query(`CREATE INDEX purchase_orders_anchor_updated_idx ON purchase_orders (anchor_org_id, updated_at, id)`);
    await q.query(`CREATE INDEX purchase_orders_supplier_updated_idx ON purchase_orders (supplier_org_id, updated_at, id)`);

    await q.query(`
      CREATE TABLE purchase_order_lines (
        id                      uuid NOT NULL DEFAULT gen_random_uuid(),
        order_id                uuid NOT NULL,
        anchor_org_id           uuid NOT NULL,
        supplier_org_id         uuid NOT NULL,
        line_number             integer NOT NULL,
        part_id                 uuid NOT NULL,
        supplier_part_number    varchar(64),
        quantity                numeric(24,6) NOT NULL,
        uom                     varchar(16) NOT NULL,
        unit_price              numeric(24,6) NOT NULL,
        requested_date          date NOT NULL,
        original_requested_date date NOT NULL,
        status                  order_line_status NOT NULL DEFAULT 'PENDING',
        confirmed_quantity      numeric(24,6),
        confirmed_date          date,
        confirmed_unit_price    numeric(24,6),
        proposal_quantity       numeric(24,6),
        proposal_date           date,
        proposal_unit_price     numeric(24,6),
        proposal_reason_code    change_reason,
        proposal_reason         text,
        reject_reason_code      change_reason,
        reject_reason           text,
        shipped_quantity        numeric(24,6) NOT NULL DEFAULT 0,
        received_quantity       numeric(24,6) NOT NULL DEFAULT 0,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT purchase_order_lines_pkey PRIMARY KEY (id),
        CONSTRAINT purchase_order_lines_order_line_number_key UNIQUE (order_id, line_number),
        CONSTRAINT purchase_order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES purchase_orders (id) ON DELETE CASCADE,
        CONSTRAINT purchase_order_lines_part_id_fkey FOREIGN KEY (part_id) REFERENCES parts (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX purchase_order_lines_part_idx ON purchase_order_lines (part_id)`);

    await q.query(`
      CREATE TABLE order_events (
        id               uuid NOT NULL DEFAULT gen_random_uuid(),
        order_id         uuid NOT NULL,
        anchor_org_id    uuid NOT NULL,
        supplier_org_id  uuid NOT NULL,
        type             order_event_type NOT NULL,
        revision         integer NOT NULL,
        actor_user_id    uuid,
        at               timestamptz NOT NULL DEFAULT now(),
        details          jsonb NOT NULL DEFAULT '{}',
        supplier_visible boolean NOT NULL,
        CONSTRAINT order_events_pkey PRIMARY KEY (id),
        CONSTRAINT order_events_order_id_fkey FOREIGN KEY (order_id) REFERENCES purchase_orders (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX order_events_order_idx ON order_events (order_id, at)`);

    await q.query(`
      CREATE TABLE shipment_notices (
        id               uuid NOT NULL DEFAULT gen_random_uuid(),
        number           varchar(40) NOT NULL,
        order_id         uuid NOT NULL,
        anchor_org_id    uuid NOT NULL,
        supplier_org_id  uuid NOT NULL,
        ship_date        date NOT NULL,
        expected_arrival date NOT NULL,
        carrier          varchar(100),
        tracking_number  varchar(100),
        created_by       uuid,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipment_notices_pkey PRIMARY KEY (id),
        CONSTRAINT shipment_notices_supplier_number_key UNIQUE (supplier_org_id, number),
        CONSTRAINT shipment_notices_order_id_fkey FOREIGN KEY (order_id) REFERENCES purchase_orders (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX shipment_notices_order_idx ON shipment_notices (order_id)`);
    await q.query(`
      CREATE TABLE shipment_lines (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        shipment_id     uuid NOT NULL,
        order_line_id   uuid NOT NULL,
        anchor_org_id   uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        quantity        numeric(24,6) NOT NULL,
        CONSTRAINT shipment_lines_pkey PRIMARY KEY (id),
        CONSTRAINT shipment_lines_shipment_line_key UNIQUE (shipment_id, order_line_id),
        CONSTRAINT shipment_lines_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES shipment_notices (id) ON DELETE CASCADE,
        CONSTRAINT shipment_lines_order_line_id_fkey FOREIGN KEY (order_line_id) REFERENCES purchase_order_lines (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE goods_receipts (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        shipment_id     uuid NOT NULL,
        order_id        uuid NOT NULL,
        anchor_org_id   uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        received_on     date NOT NULL,
        created_by      uuid,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT goods_receipts_pkey PRIMARY KEY (id),
        CONSTRAINT goods_receipts_shipment_id_fkey FOREIGN KEY (shipment_id) REFERENCES shipment_notices (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX goods_receipts_shipment_idx ON goods_receipts (shipment_id)`);
    await q.query(`
      CREATE TABLE goods_receipt_lines (
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        receipt_id      uuid NOT NULL,
        shipment_id     uuid NOT NULL,
        order_line_id   uuid NOT NULL,
        anchor_org_id   uuid NOT NULL,
        supplier_org_id uuid NOT NULL,
        quantity        numeric(24,6) NOT NULL,
        CONSTRAINT goods_receipt_lines_pkey PRIMARY KEY (id),
        CONSTRAINT goods_receipt_lines_receipt_line_key UNIQUE (receipt_id, order_line_id),
        CONSTRAINT goods_receipt_lines_receipt_id_fkey FOREIGN KEY (receipt_id) REFERENCES goods_receipts (id) ON DELETE CASCADE,
        CONSTRAINT goods_receipt_lines_order_line_id_fkey FOREIGN KEY (order_line_id) REFERENCES purchase_order_lines (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX goods_receipt_lines_shipment_idx ON goods_receipt_lines (shipment_id, order_line_id)`);

    // ---------------------------------------------------------------- privileges
    await q.query(`
      GRANT SELECT, INSERT ON idempotency_keys, document_sequences, purchase_orders, purchase_order_lines, order_events,
        shipment_notices, shipment_lines, goods_receipts, goods_receipt_lines TO anchorlink_app`);
    await q.query(`GRANT UPDATE (result_id) ON idempotency_keys TO anchorlink_app`);
    await q.query(`GRANT DELETE ON idempotency_keys TO anchorlink_app`);
    await q.query(`GRANT UPDATE (last_value) ON document_sequences TO anchorlink_app`);
    await q.query(`
      GRANT UPDATE (status, revision, version, currency, notes, total_amount, updated_at, published_at, confirmed_at,
        first_responded_at, cancelled_at, cancel_reason, closed_at) ON purchase_orders TO anchorlink_app`);
    await q.query(`
      GRANT UPDATE (quantity, unit_price, requested_date, status, confirmed_quantity, confirmed_date, confirmed_unit_price,
        proposal_quantity, proposal_date, proposal_unit_price, proposal_reason_code, proposal_reason, reject_reason_code,
        reject_reason, shipped_quantity, received_quantity, updated_at) ON purchase_order_lines TO anchorlink_app`);

    // ---------------------------------------------------------------- row-level security
    for (const table of [
      'idempotency_keys',
      'document_sequences',
      'purchase_orders',
      'purchase_order_lines',
      'order_events',
      'shipment_notices',
      'shipment_lines',
      'goods_receipts',
      'goods_receipt_lines',
    ]) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    for (const table of ['idempotency_keys', 'document_sequences']) {
      await q.query(`
        CREATE POLICY ${table}_own ON ${table} FOR ALL TO anchorlink_app
          USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org())`);
    }

    await q.query(`
      CREATE POLICY purchase_orders_anchor ON purchase_orders FOR ALL TO anchorlink_app
        USING (anchor_org_id = app_current_org()) WITH CHECK (anchor_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY purchase_orders_supplier_read ON purchase_orders FOR SELECT TO anchorlink_app
        USING (supplier_org_id = app_current_org() AND published_at IS NOT NULL)`);
    await q.query(`
      CREATE POLICY purchase_orders_supplier_answer ON purchase_orders FOR UPDATE TO anchorlink_app
        USING (supplier_org_id = app_current_org() AND published_at IS NOT NULL)
        WITH CHECK (supplier_org_id = app_current_org() AND published_at IS NOT NULL)`);

    await q.query(`
      CREATE POLICY purchase_order_lines_anchor ON purchase_order_lines FOR ALL TO anchorlink_app
        USING (anchor_org_id = app_current_org()) WITH CHECK (anchor_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY purchase_order_lines_supplier_read ON purchase_order_lines FOR SELECT TO anchorlink_app
        USING (supplier_org_id = app_current_org() AND EXISTS (
          SELECT 1 FROM purchase_orders o WHERE o.id = purchase_order_lines.order_id AND o.published_at IS NOT NULL))`);
    await q.query(`
      CREATE POLICY purchase_order_lines_supplier_answer ON purchase_order_lines FOR UPDATE TO anchorlink_app
        USING (supplier_org_id = app_current_org() AND EXISTS (
          SELECT 1 FROM purchase_orders o WHERE o.id = purchase_order_lines.order_id AND o.published_at IS NOT NULL))
        WITH CHECK (supplier_org_id = app_current_org())`);

    await q.query(`
      CREATE POLICY order_events_anchor ON order_events FOR ALL TO anchorlink_app
        USING (anchor_org_id = app_current_org()) WITH CHECK (anchor_org_id = app_current_org())`);
    await q.query(`
      CREATE POLICY order_events_supplier ON order_events FOR ALL TO anchorlink_app
        USING (supplier_org_id = app_current_org() AND supplier_visible)
        WITH CHECK (supplier_org_id = app_current_org() AND supplier_visible)`);

    for (const table of ['shipment_notices', 'shipment_lines']) {
      await q.query(`
        CREATE POLICY ${table}_supplier ON ${table} FOR ALL TO anchorlink_app
          USING (supplier_org_id = app_current_org()) WITH CHECK (supplier_org_id = app_current_org())`);
      await q.query(`
        CREATE POLICY ${table}_anchor ON ${table} FOR SELECT TO anchorlink_app USING (anchor_org_id = app_current_org())`);
    }
    for (const table of ['goods_receipts', 'goods_receipt_lines']) {
      await q.query(`
        CREATE POLICY ${table}_anchor ON ${table} FOR ALL TO anchorlink_app
          USING (anchor_org_id = app_current_org()) WITH CHECK (anchor_org_id = app_current_org())`);
      await q.query(`
        CREATE POLICY ${table}_supplier ON ${table} FOR SELECT TO anchorlink_app USING (supplier_org_id = app_current_org())`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE goods_receipt_lines, goods_receipts, shipment_lines, shipment_notices, order_events, purchase_order_lines,
        purchase_orders, document_sequences, idempotency_keys`);
    await q.query(`DROP TYPE order_event_type, change_reason, order_line_status, purchase_order_status`);
    await q.query(`ALTER TABLE organizations DROP COLUMN over_shipment_tolerance_pct`);
  }
}
