import { Injectable } from '@nestjs/common';
import { Part } from '@anchorlink/parts';
import { idsCondition, OrgKind, preparedQuery, rowMapper, type RowMapper, type TotalCount, DatabaseGate, type RequestContext } from '@anchorlink/core';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { OrderEvent, type OrderEventType } from './entities/order-event.entity.js';
import { PurchaseOrderLine } from './entities/purchase-order-line.entity.js';
import { PurchaseOrder } from './entities/purchase-order.entity.js';
import { GoodsReceipt, GoodsReceiptLine, ShipmentLine, ShipmentNotice } from './entities/shipment-notice.entity.js';
import type { PurchaseOrderStatus } from './order-state.js';

export interface OrderListQuery {
  statuses: PurchaseOrderStatus[] | null;
  supplierId: string | null;
  anchorId: string | null;
  search: string | null;
  updatedSince: Date | null;
  revised: boolean | null;
  after: [string, string] | null;
  limit: number;
}

export type NewLine = Pick<
  PurchaseOrderLine,
  'lineNumber' | 'partId' | 'supplierPartNumber' | 'quantity' | 'uom' | 'unitPrice' | 'requestedDate'
>;

/** The columns of purchase_orders a transition may set besides status and version. */
export type OrderChanges = Partial<
  Pick<PurchaseOrder, 'status' | 'revision' | 'publishedAt' | 'confirmedAt' | 'firstRespondedAt' | 'cancelledAt' | 'cancelReason' | 'closedAt'>
>;

const ORDER_COLUMNS: Record<keyof OrderChanges, string> = {
  status: 'status',
  revision: 'revision',
  publishedAt: 'published_at',
  confirmedAt: 'confirmed_at',
  firstRespondedAt: 'first_responded_at',
  cancelledAt: 'cancelled_at',
  cancelReason: 'cancel_reason',
  closedAt: 'closed_at',
};

/** The columns of purchase_order_lines an answer, a resolution, a revision or a shipment may set. */
export type LineChanges = Partial<
  Pick<
    PurchaseOrderLine,
    | 'quantity'
    | 'unitPrice'
    | 'requestedDate'
    | 'status'
    | 'confirmedQuantity'
    | 'confirmedDate'
    | 'confirmedUnitPrice'
    | 'proposalQuantity'
    | 'proposalDate'
    | 'proposalUnitPrice'
    | 'proposalReasonCode'
    | 'proposalReason'
    | 'rejectReasonCode'
    | 'rejectReason'
  >
>;

const LINE_COLUMNS: Record<keyof LineChanges, string> = {
  quantity: 'quantity',
  unitPrice: 'unit_price',
  requestedDate: 'requested_date',
  status: 'status',
  confirmedQuantity: 'confirmed_quantity',
  confirmedDate: 'confirmed_date',
  confirmedUnitPrice: 'confirmed_unit_price',
  proposalQuantity: 'proposal_quantity',
  proposalDate: 'proposal_date',
  proposalUnitPrice: 'proposal_unit_price',
  proposalReasonCode: 'proposal_reason_code',
  proposalReason: 'proposal_reason',
  rejectReasonCode: 'reject_reason_code',
  rejectReason: 'reject_reason',
};

/**
 * The fields a reader (a GraphQL query) asks of order lines and of their
 * parts, by name, sorted; `part: null` when it does not ask for the part.
 * `key` is the same for the same fields (loaders and caches use it).
 */
export interface LineSelection {
  readonly line: readonly string[];
  readonly part: readonly string[] | null;
  readonly key: string;
}

export function lineSelection(line: Iterable<string>, part: Iterable<string> | null): LineSelection {
  const lineFields = [...line].sort();
  const partFields = part ? [...part].sort() : null;
  return { line: lineFields, part: partFields, key: `${lineFields.join(',')}|${partFields ? partFields.join(',') : '-'}` };
}

/** Read with every line whatever is asked: the keys, and what the services' rules look at. */
const LINE_ALWAYS = ['id', 'orderId', 'anchorOrganizationId', 'supplierOrganizationId', 'lineNumber', 'partId', 'status'];
/**
 * Fields of a line or a part that are not a column of the same name, and the
 * properties they read. A field resolver added to PurchaseOrderLine or Part
 * must be listed here; a field that is neither listed nor a column makes the
 * read take every column (slower, never wrong).
 */
const LINE_FIELD_NEEDS: Record<string, readonly string[]> = {
  __typename: [],
  part: [],
  proposal: ['proposalQuantity', 'proposalDate', 'proposalUnitPrice', 'proposalReasonCode', 'proposalReason'],
};
const PART_FIELD_NEEDS: Record<string, readonly string[]> = { __typename: [], supplierParts: [] };
/** Distinct selections kept with their mappers; past this, reads take every column. */
const MAX_LINE_SELECTIONS = 200;

interface LineMappers {
  line: RowMapper<PurchaseOrderLine>;
  /** null: the part is not read (no join). */
  part: RowMapper<Part> | null;
}

/**
 * Queries on purchase orders and what hangs off them. An order is the
 * anchor's; its supplier sees it once published. Every query says so, and the
 * RLS policies say it again.
 */
@Injectable()
export class OrdersRepository {
  constructor(private readonly db: DatabaseGate) {}

  private em(ctx: RequestContext): Promise<EntityManager> {
    return this.db.manager(ctx);
  }

  /**
   * The caller's orders: an anchor's own, a supplier's once published. Said
   * per organization kind (an order's anchor is an ANCHOR, its supplier a
   * SUPPLIER), so the planner walks one index instead of an OR over both.
   * `$1` is the caller's organization.
   */
  private visibleOrders(ctx: RequestContext): string {
    if (ctx.organizationKind === OrgKind.ANCHOR) return 'o.anchor_org_id = $1';
    if (ctx.organizationKind === OrgKind.SUPPLIER) return 'o.supplier_org_id = $1 AND o.published_at IS NOT NULL';
    return '(o.anchor_org_id = $1 OR (o.supplier_org_id = $1 AND o.published_at IS NOT NULL))';
  }

  private rows?: { order: RowMapper<PurchaseOrder>; line: RowMapper<PurchaseOrderLine>; part: RowMapper<Part> };

  private mappers(em: EntityManager): NonNullable<OrdersRepository['rows']> {
    this.rows ??= {
      order: rowMapper(em.connection.getMetadata(PurchaseOrder), 'o'),
      line: rowMapper(em.connection.getMetadata(PurchaseOrderLine), 'l'),
      part: rowMapper(em.connection.getMetadata(Part), 'p'),
    };
    return this.rows;
  }

  private lineMappers = new Map<string, LineMappers>();

  /** Row mappers reading only what `selection` needs (all columns without one). */
  private mappersFor(em: EntityManager, selection?: LineSelection): LineMappers {
    const all = this.mappers(em);
    if (!selection) return all;
    const { key } = selection;
    let mappers = this.lineMappers.get(key);
    if (mappers) return mappers;
    const pick = (fields: readonly string[], needs: Record<string, readonly string[]>, columns: Set<string>, always: readonly string[]) => {
      const properties = new Set(always);
      for (const field of fields) {
        if (needs[field]) needs[field].forEach((p) => properties.add(p));
        else if (columns.has(field)) properties.add(field);
        else return null;
      }
      return properties;
    };
    const columnsOf = (entity: typeof PurchaseOrderLine | typeof Part) => new Set(em.connection.getMetadata(entity).columns.map((c) => c.propertyName));
    const line = pick(selection.line, LINE_FIELD_NEEDS, columnsOf(PurchaseOrderLine), LINE_ALWAYS);
    const part = selection.part && pick(selection.part, PART_FIELD_NEEDS, columnsOf(Part), ['id']);
    mappers = {
      line: line ? rowMapper(em.connection.getMetadata(PurchaseOrderLine), 'l', line) : all.line,
      part: selection.part === null ? null : part ? rowMapper(em.connection.getMetadata(Part), 'p', part) : all.part,
    };
    if (this.lineMappers.size < MAX_LINE_SELECTIONS) this.lineMappers.set(key, mappers);
    return mappers;
  }

  /**
   * Lines of the caller's orders (as visibleOrders), each with its part: the
   * part comes in the same statement, and GraphQL reads it as a plain property
   * instead of resolving and batching it line by line. Raw SQL with a
   * precomputed row mapper and a prepared statement: these are the most-read
   * rows of the API. With a selection, only the columns it needs are read
   * (the others stay undefined), and no part when none is asked for.
   */
  private async visibleLines(ctx: RequestContext, where: string, params: unknown[], selection?: LineSelection): Promise<PurchaseOrderLine[]> {
    const em = await this.em(ctx);
    const { line, part } = this.mappersFor(em, selection);
    const published = 'EXISTS (SELECT 1 FROM purchase_orders lo WHERE lo.id = l.order_id AND lo.published_at IS NOT NULL)';
    const visible =
      ctx.organizationKind === OrgKind.ANCHOR
        ? 'l.anchor_org_id = $1'
        : ctx.organizationKind === OrgKind.SUPPLIER
          ? `l.supplier_org_id = $1 AND ${published}`
          : `(l.anchor_org_id = $1 OR (l.supplier_org_id = $1 AND ${published}))`;
    const rows = await preparedQuery(
      em,
      selection ? 'orders.linesSelected' : 'orders.lines',
      `SELECT ${line.select}${part ? `, ${part.select}` : ''}
         FROM purchase_order_lines l${part ? ' LEFT JOIN parts p ON p.id = l.part_id' : ''}
        WHERE ${visible} AND ${where}
        ORDER BY l.order_id, l.line_number`,
      [ctx.organizationId, ...params],
    );
    return rows.map((row) => {
      const mapped = line.map(row);
      if (part) mapped.part = row.p__id === null ? undefined : part.map(row);
      return mapped;
    });
  }

  async findOrdersByIds(ctx: RequestContext, ids: readonly string[]): Promise<PurchaseOrder[]> {
    if (!ids.length) return [];
    const em = await this.em(ctx);
    const { order } = this.mappers(em);
    const [where, param] = idsCondition('o.id', '$2', ids);
    const rows = await preparedQuery(em, 'orders.byId', `SELECT ${order.select} FROM purchase_orders o WHERE ${this.visibleOrders(ctx)} AND ${where}`, [ctx.organizationId, param]);
    return rows.map(order.map);
  }

  async listOrders(ctx: RequestContext, query: OrderListQuery): Promise<{ rows: PurchaseOrder[]; totalCount: TotalCount }> {
    const em = await this.em(ctx);
    const { order } = this.mappers(em);
    const params: unknown[] = [ctx.organizationId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [this.visibleOrders(ctx)];
    // One status is the common filter (an inbox tab): `= $n` lets the (organization, status, updated_at, id) index
    // deliver the page in order; a list of statuses cannot. (Status is text: enum equality is not leakproof, and
    // under row-level security PostgreSQL would not use the index for it at all.)
    if (query.statuses?.length === 1) where.push(`o.status = ${param(query.statuses[0])}`);
    else if (query.statuses?.length) where.push(`o.status = ANY(${param(query.statuses)}::text[])`);
    if (query.supplierId) where.push(`o.supplier_org_id = ${param(query.supplierId)}`);
    if (query.anchorId) where.push(`o.anchor_org_id = ${param(query.anchorId)}`);
    if (query.updatedSince) where.push(`o.updated_at >= ${param(query.updatedSince)}`);
    if (query.revised !== null) where.push(query.revised ? 'o.revision > 1' : 'o.revision = 1');
    if (query.search) {
      const pattern = param(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(o.number ILIKE ${pattern} OR EXISTS (
            SELECT 1 FROM purchase_order_lines sl JOIN parts sp ON sp.id = sl.part_id
             WHERE sl.order_id = o.id AND (sp.part_number ILIKE ${pattern} OR sl.supplier_part_number ILIKE ${pattern})))`,
      );
    }
    const filtered = where.join(' AND ');
    const filterParams = [...params];
    const after = query.after ? ` AND (o.updated_at, o.id) < (${param(query.after[0])}::timestamptz, ${param(query.after[1])}::uuid)` : '';
    const rows = await preparedQuery(
      em,
      'orders.list',
      `SELECT ${order.select} FROM purchase_orders o WHERE ${filtered}${after} ORDER BY o.updated_at DESC, o.id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    // Counted only if the client asks for totalCount.
    const totalCount = async () => {
      const [row] = await preparedQuery<{ n: number }>(em, 'orders.count', `SELECT count(*)::int AS n FROM purchase_orders o WHERE ${filtered}`, filterParams);
      return row!.n;
    };
    return { rows: rows.map(order.map), totalCount };
  }

  async insertOrder(
    ctx: RequestContext,
    values: Pick<PurchaseOrder, 'anchorOrganizationId' | 'supplierOrganizationId' | 'number' | 'currency' | 'notes' | 'createdById'>,
  ): Promise<string> {
    const em = await this.em(ctx);
    const [row] = (await em.query(
      `INSERT INTO purchase_orders (anchor_org_id, supplier_org_id, number, status, currency, notes, created_by)
       VALUES ($1, $2, $3, 'DRAFT', $4, $5, $6) RETURNING id`,
      [values.anchorOrganizationId, values.supplierOrganizationId, values.number, values.currency, values.notes, values.createdById],
    )) as { id: string }[];
    return row!.id;
  }

  /** Inserts lines in one statement (unnest), whatever their number. */
  async insertLines(ctx: RequestContext, order: Pick<PurchaseOrder, 'id' | 'anchorOrganizationId' | 'supplierOrganizationId'>, lines: NewLine[]): Promise<void> {
    if (!lines.length) return;
    const em = await this.em(ctx);
    await em.query(
      `INSERT INTO purchase_order_lines (order_id, anchor_org_id, supplier_org_id, line_number, part_id, supplier_part_number,
                                         quantity, uom, unit_price, requested_date, original_requested_date)
       SELECT $1, $2, $3, l.line_number, l.part_id, l.supplier_part_number, l.quantity, l.uom, l.unit_price, l.requested_date, l.requested_date
         FROM unnest($4::int[], $5::uuid[], $6::varchar[], $7::numeric[], $8::varchar[], $9::numeric[], $10::date[])
           AS l(line_number, part_id, supplier_part_number, quantity, uom, unit_price, requested_date)`,
      [
        order.id,
        order.anchorOrganizationId,
        order.supplierOrganizationId,
        lines.map((l) => l.lineNumber),
        lines.map((l) => l.partId),
        lines.map((l) => l.supplierPartNumber),
        lines.map((l) => l.quantity),
        lines.map((l) => l.uom),
        lines.map((l) => l.unitPrice),
        lines.map((l) => l.requestedDate),
      ],
    );
  }

  /**
   * The optimistic lock: bumps the version (and applies `changes`) only if the
   * order is still at `expectedVersion`. Taking the row lock here also makes
   * concurrent writers of one order queue up; all but the first then find a
   * newer version and get nothing back.
   */
  async bumpVersion(ctx: RequestContext, id: string, expectedVersion: number, changes: OrderChanges = {}): Promise<PurchaseOrder | null> {
    const em = await this.em(ctx);
    const sets = ['version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [id, expectedVersion, ctx.organizationId];
    for (const [key, value] of Object.entries(changes)) {
      params.push(value);
      sets.push(`${ORDER_COLUMNS[key as keyof OrderChanges]} = $${params.length}`);
    }
    const [rows] = (await em.query(
      `UPDATE purchase_orders SET ${sets.join(', ')}
        WHERE id = $1 AND version = $2 AND (anchor_org_id = $3 OR (supplier_org_id = $3 AND published_at IS NOT NULL))
        RETURNING id`,
      params,
    )) as [{ id: string }[], number];
    if (!rows.length) return null;
    const [order] = await this.findOrdersByIds(ctx, [id]);
    return order ?? null;
  }

  /** Sets status and timestamps of an order this transaction already holds (after bumpVersion). */
  async updateOrder(ctx: RequestContext, id: string, changes: OrderChanges): Promise<void> {
    await this.updateColumns(ctx, 'purchase_orders', ORDER_COLUMNS, id, changes);
  }

  /** Sets the given columns (named through `columns`, never from input) of one row of the caller's orders or lines. */
  private async updateColumns<T extends object>(
    ctx: RequestContext,
    table: 'purchase_orders' | 'purchase_order_lines',
    columns: Record<keyof T, string>,
    id: string,
    changes: T,
  ): Promise<void> {
    const entries = Object.entries(changes);
    if (!entries.length) return;
    const em = await this.em(ctx);
    const params: unknown[] = [id, ctx.organizationId];
    const sets = entries.map(([key, value]) => {
      params.push(value);
      return `${columns[key as keyof T]} = $${params.length}`;
    });
    await em.query(
      `UPDATE ${table} SET ${sets.join(', ')}, updated_at = now()
        WHERE id = $1 AND (anchor_org_id = $2 OR supplier_org_id = $2)`,
      params,
    );
  }

  /** Keeps total_amount = Σ quantity × unit price of the lines that are not cancelled. */
  async recomputeTotal(ctx: RequestContext, orderId: string): Promise<void> {
    const em = await this.em(ctx);
    await em.query(
      `UPDATE purchase_orders o SET total_amount = COALESCE((
          SELECT sum(l.quantity * l.unit_price) FROM purchase_order_lines l
           WHERE l.order_id = o.id AND l.status <> 'CANCELLED'), 0)
        WHERE o.id = $1 AND o.anchor_org_id = $2`,
      [orderId, ctx.organizationId],
    );
  }

  /** With a selection, the lines carry only what it needs: for reading, not for rules. */
  async findLinesByOrderIds(ctx: RequestContext, orderIds: readonly string[], selection?: LineSelection): Promise<PurchaseOrderLine[]> {
    if (!orderIds.length) return [];
    const [where, param] = idsCondition('l.order_id', '$2', orderIds);
    return this.visibleLines(ctx, where, [param], selection);
  }

  async findLinesByIds(ctx: RequestContext, ids: readonly string[]): Promise<PurchaseOrderLine[]> {
    return this.visibleLines(ctx, 'l.id = ANY($2::uuid[])', [ids]);
  }

  async updateLine(ctx: RequestContext, id: string, changes: LineChanges): Promise<void> {
    await this.updateColumns(ctx, 'purchase_order_lines', LINE_COLUMNS, id, changes);
  }

  async addShipped(ctx: RequestContext, lineId: string, quantity: string): Promise<void> {
    const em = await this.em(ctx);
    await em.query(
      `UPDATE purchase_order_lines SET shipped_quantity = shipped_quantity + $2, updated_at = now()
        WHERE id = $1 AND supplier_org_id = $3`,
      [lineId, quantity, ctx.organizationId],
    );
  }

  async addReceived(ctx: RequestContext, lineId: string, quantity: string): Promise<void> {
    const em = await this.em(ctx);
    await em.query(
      `UPDATE purchase_order_lines SET received_quantity = received_quantity + $2, updated_at = now()
        WHERE id = $1 AND anchor_org_id = $3`,
      [lineId, quantity, ctx.organizationId],
    );
  }

  async insertEvent(
    ctx: RequestContext,
    order: Pick<PurchaseOrder, 'id' | 'anchorOrganizationId' | 'supplierOrganizationId' | 'revision'>,
    type: OrderEventType,
    details: Record<string, unknown>,
    supplierVisible: boolean,
  ): Promise<OrderEvent> {
    const em = await this.em(ctx);
    const [row] = (await em.query(
      // clock_timestamp(), not now(): several events of one transaction keep their order.
      `INSERT INTO order_events (order_id, anchor_org_id, supplier_org_id, type, revision, actor_user_id, details, supplier_visible, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp()) RETURNING id, at`,
      [order.id, order.anchorOrganizationId, order.supplierOrganizationId, type, order.revision, ctx.userId, JSON.stringify(details), supplierVisible],
    )) as { id: string; at: Date }[];
    return em.create(OrderEvent, {
      id: row!.id,
      at: row!.at,
      orderId: order.id,
      anchorOrganizationId: order.anchorOrganizationId,
      supplierOrganizationId: order.supplierOrganizationId,
      type,
      revision: order.revision,
      actorUserId: ctx.userId,
      details,
      supplierVisible,
    });
  }

  async findEventsByOrderIds(ctx: RequestContext, orderIds: readonly string[]): Promise<OrderEvent[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(OrderEvent, 'e')
      .where('e.order_id = ANY(:orderIds)', { orderIds })
      .andWhere('(e.anchor_org_id = :me OR (e.supplier_org_id = :me AND e.supplier_visible))', { me: ctx.organizationId })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  async insertShipment(
    ctx: RequestContext,
    values: Pick<ShipmentNotice, 'number' | 'orderId' | 'anchorOrganizationId' | 'supplierOrganizationId' | 'shipDate' | 'expectedArrival' | 'carrier' | 'trackingNumber' | 'createdById'>,
    lines: { orderLineId: string; quantity: string }[],
  ): Promise<string> {
    const em = await this.em(ctx);
    const [row] = (await em.query(
      `INSERT INTO shipment_notices (number, order_id, anchor_org_id, supplier_org_id, ship_date, expected_arrival, carrier, tracking_number, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [values.number, values.orderId, values.anchorOrganizationId, values.supplierOrganizationId, values.shipDate, values.expectedArrival, values.carrier, values.trackingNumber, values.createdById],
    )) as { id: string }[];
    await em.query(
      `INSERT INTO shipment_lines (shipment_id, order_line_id, anchor_org_id, supplier_org_id, quantity)
       SELECT $1, l.order_line_id, $2, $3, l.quantity FROM unnest($4::uuid[], $5::numeric[]) AS l(order_line_id, quantity)`,
      [row!.id, values.anchorOrganizationId, values.supplierOrganizationId, lines.map((l) => l.orderLineId), lines.map((l) => l.quantity)],
    );
    return row!.id;
  }

  /** The highest ASN-<year>-n the caller (a supplier) has issued to `anchorId`, 0 when none: where the pair's sequence starts. */
  async highestShipmentNumber(ctx: RequestContext, anchorId: string, year: number): Promise<number> {
    const em = await this.em(ctx);
    const [row] = (await em.query(
      `SELECT COALESCE(max(substring(number FROM '^ASN-[0-9]{4}-([0-9]{1,9})$')::int), 0) AS n
         FROM shipment_notices WHERE supplier_org_id = $1 AND anchor_org_id = $2 AND number LIKE $3`,
      [ctx.organizationId, anchorId, `ASN-${year}-%`],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  private visibleShipments<T extends SelectQueryBuilder<ShipmentNotice>>(qb: T, ctx: RequestContext): T {
    return qb.andWhere('(s.anchor_org_id = :me OR s.supplier_org_id = :me)', { me: ctx.organizationId }) as T;
  }

  async findShipmentsByIds(ctx: RequestContext, ids: readonly string[]): Promise<ShipmentNotice[]> {
    const em = await this.em(ctx);
    return this.visibleShipments(em.createQueryBuilder(ShipmentNotice, 's').where('s.id = ANY(:ids)', { ids }), ctx).getMany();
  }

  async findShipmentsByOrderId(ctx: RequestContext, orderId: string): Promise<ShipmentNotice[]> {
    const em = await this.em(ctx);
    return this.visibleShipments(em.createQueryBuilder(ShipmentNotice, 's').where('s.order_id = :orderId', { orderId }), ctx)
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.number', 'ASC')
      .getMany();
  }

  async findShipmentLinesByShipmentIds(ctx: RequestContext, shipmentIds: readonly string[]): Promise<ShipmentLine[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(ShipmentLine, 'sl')
      .where('sl.shipment_id = ANY(:shipmentIds)', { shipmentIds })
      .andWhere('(sl.anchor_org_id = :me OR sl.supplier_org_id = :me)', { me: ctx.organizationId })
      .getMany();
  }

  /** Received so far per order line against one shipment notice. */
  async receivedAgainstShipment(ctx: RequestContext, shipmentId: string): Promise<Map<string, string>> {
    const em = await this.em(ctx);
    const rows: { order_line_id: string; total: string }[] = await em.query(
      `SELECT order_line_id, sum(quantity)::text AS total FROM goods_receipt_lines
        WHERE shipment_id = $1 AND anchor_org_id = $2 GROUP BY order_line_id`,
      [shipmentId, ctx.organizationId],
    );
    return new Map(rows.map((r) => [r.order_line_id, r.total]));
  }

  async insertReceipt(
    ctx: RequestContext,
    values: Pick<GoodsReceipt, 'shipmentId' | 'orderId' | 'anchorOrganizationId' | 'supplierOrganizationId' | 'receivedOn' | 'createdById'>,
    lines: { orderLineId: string; quantity: string }[],
  ): Promise<string> {
    const em = await this.em(ctx);
    const [row] = (await em.query(
      `INSERT INTO goods_receipts (shipment_id, order_id, anchor_org_id, supplier_org_id, received_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [values.shipmentId, values.orderId, values.anchorOrganizationId, values.supplierOrganizationId, values.receivedOn, values.createdById],
    )) as { id: string }[];
    await em.query(
      `INSERT INTO goods_receipt_lines (receipt_id, shipment_id, order_line_id, anchor_org_id, supplier_org_id, quantity)
       SELECT $1, $2, l.order_line_id, $3, $4, l.quantity FROM unnest($5::uuid[], $6::numeric[]) AS l(order_line_id, quantity)`,
      [row!.id, values.shipmentId, values.anchorOrganizationId, values.supplierOrganizationId, lines.map((l) => l.orderLineId), lines.map((l) => l.quantity)],
    );
    return row!.id;
  }

  async findReceipt(ctx: RequestContext, id: string): Promise<GoodsReceipt | null> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(GoodsReceipt, 'r')
      .where('r.id = :id', { id })
      .andWhere('(r.anchor_org_id = :me OR r.supplier_org_id = :me)', { me: ctx.organizationId })
      .getOne();
  }

  async findReceiptLines(ctx: RequestContext, receiptId: string): Promise<GoodsReceiptLine[]> {
    const em = await this.em(ctx);
    return em
      .createQueryBuilder(GoodsReceiptLine, 'rl')
      .where('rl.receipt_id = :receiptId', { receiptId })
      .andWhere('(rl.anchor_org_id = :me OR rl.supplier_org_id = :me)', { me: ctx.organizationId })
      .getMany();
  }
}
