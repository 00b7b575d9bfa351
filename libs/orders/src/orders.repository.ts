import { Injectable } from '@nestjs/common';
import { Part } from '@anchorlink/parts';
import {
  auditInsert,
  DatabaseGate,
  idsCondition,
  outboxInsert,
  OrgKind,
  type PageRoot,
  type PlannedRow,
  plannedRows,
  preparedQuery,
  type RequestContext,
  rowMapper,
  type RowMapper,
  type Selection,
  SqlPlanner,
  type TotalCount,
} from '@anchorlink/core';
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
  Pick<
    PurchaseOrder,
    'status' | 'revision' | 'publishedAt' | 'confirmedAt' | 'firstRespondedAt' | 'cancelledAt' | 'cancelReason' | 'closedAt'
  >
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

/** The PostgreSQL type of each column a line change may set (applyChange casts its JSON to it). */
const LINE_COLUMN_TYPES: Record<keyof LineChanges, string> = {
  quantity: 'numeric',
  unitPrice: 'numeric',
  requestedDate: 'date',
  status: 'order_line_status',
  confirmedQuantity: 'numeric',
  confirmedDate: 'date',
  confirmedUnitPrice: 'numeric',
  proposalQuantity: 'numeric',
  proposalDate: 'date',
  proposalUnitPrice: 'numeric',
  proposalReasonCode: 'change_reason',
  proposalReason: 'text',
  rejectReasonCode: 'change_reason',
  rejectReason: 'text',
};

/** What a shipment or a receipt adds to a line's quantities. */
export type LineAdditions = Partial<Pick<PurchaseOrderLine, 'shippedQuantity' | 'receivedQuantity'>>;

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
 * Queries on purchase orders and what hangs off them. An order is the
 * anchor's; its supplier sees it once published. Every query says so, and the
 * RLS policies say it again.
 */
@Injectable()
export class OrdersRepository {
  constructor(
    private readonly db: DatabaseGate,
    private readonly planner: SqlPlanner,
  ) {}

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

  /**
   * Lines of the caller's orders (as visibleOrders), each with its part (in the same statement), for the
   * rules and for mutations' answers. Raw SQL with a precomputed row mapper and a prepared statement.
   */
  private async visibleLines(ctx: RequestContext, where: string, params: unknown[]): Promise<PurchaseOrderLine[]> {
    const em = await this.em(ctx);
    const { line, part } = this.mappers(em);
    const published = 'EXISTS (SELECT 1 FROM purchase_orders lo WHERE lo.id = l.order_id AND lo.published_at IS NOT NULL)';
    const visible =
      ctx.organizationKind === OrgKind.ANCHOR
        ? 'l.anchor_org_id = $1'
        : ctx.organizationKind === OrgKind.SUPPLIER
          ? `l.supplier_org_id = $1 AND ${published}`
          : `(l.anchor_org_id = $1 OR (l.supplier_org_id = $1 AND ${published}))`;
    const rows = await preparedQuery(
      await this.db.sql(ctx),
      'orders.lines',
      `SELECT ${line.select}, ${part.select}
         FROM purchase_order_lines l LEFT JOIN parts p ON p.id = l.part_id
        WHERE ${visible} AND ${where}
        ORDER BY l.order_id, l.line_number`,
      [ctx.organizationId, ...params],
    );
    return rows.map((row) => {
      const mapped = line.map(row);
      mapped.part = row.p__id === null ? undefined : part.map(row);
      return mapped;
    });
  }

  async findOrdersByIds(ctx: RequestContext, ids: readonly string[]): Promise<PurchaseOrder[]> {
    if (!ids.length) return [];
    const em = await this.em(ctx);
    const { order } = this.mappers(em);
    const [where, param] = idsCondition('o.id', '$2', ids);
    const rows = await preparedQuery(
      await this.db.sql(ctx),
      'orders.byId',
      `SELECT ${order.select} FROM purchase_orders o WHERE ${this.visibleOrders(ctx)} AND ${where}`,
      [ctx.organizationId, param],
    );
    return rows.map(order.map);
  }

  /** The filter of a list of the caller's orders (`o`), with its parameters: `$1` is the caller's organization. */
  private orderFilter(ctx: RequestContext, query: Omit<OrderListQuery, 'after' | 'limit'>): { where: string; params: unknown[] } {
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
      where.push(`o.id IN (${this.searchOrders(ctx, pattern)})`);
    }
    return { where: where.join(' AND '), params };
  }

  /**
   * The caller's orders whose number, a line's part number or supplier part number, or the other side's name
   * contains `pattern` (an ILIKE pattern placeholder): each branch through its trigram index (migration
   * Search1765200000000), never by walking the organization's orders.
   */
  private searchOrders(ctx: RequestContext, pattern: string): string {
    const anchor = ctx.organizationKind === OrgKind.ANCHOR;
    const side = anchor ? 'anchor_org_id' : 'supplier_org_id';
    const other = anchor ? 'supplier_org_id' : 'anchor_org_id';
    return `SELECT so.id FROM purchase_orders so WHERE so.number ILIKE ${pattern} AND so.${side} = $1
      UNION SELECT sl.order_id FROM purchase_order_lines sl WHERE sl.supplier_part_number ILIKE ${pattern} AND sl.${side} = $1
      UNION SELECT sl.order_id FROM parts sp JOIN purchase_order_lines sl ON sl.part_id = sp.id WHERE sp.part_number ILIKE ${pattern} AND sl.${side} = $1
      UNION SELECT so.id FROM organizations sorg JOIN purchase_orders so ON so.${other} = sorg.id WHERE sorg.name ILIKE ${pattern} AND so.${side} = $1`;
  }

  async listOrders(ctx: RequestContext, query: OrderListQuery): Promise<{ rows: PurchaseOrder[]; totalCount: TotalCount }> {
    const em = await this.em(ctx);
    const { order } = this.mappers(em);
    const { where: filtered, params } = this.orderFilter(ctx, query);
    const filterParams = [...params];
    const param = (value: unknown) => `$${params.push(value)}`;
    const after = query.after ? ` AND (o.updated_at, o.id) < (${param(query.after[0])}::timestamptz, ${param(query.after[1])}::uuid)` : '';
    const sql = await this.db.sql(ctx);
    const rows = await preparedQuery(
      sql,
      'orders.list',
      `SELECT ${order.select} FROM purchase_orders o WHERE ${filtered}${after} ORDER BY o.updated_at DESC, o.id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    // Counted only if the client asks for totalCount.
    const totalCount = async () => {
      const [row] = await preparedQuery<{ n: number }>(
        sql,
        'orders.count',
        `SELECT count(*)::int AS n FROM purchase_orders o WHERE ${filtered}`,
        filterParams,
      );
      return row.n;
    };
    return { rows: rows.map(order.map), totalCount };
  }

  /** One of the caller's orders as the GraphQL selection asks for it (SqlPlanner), or null. */
  async readOrder(ctx: RequestContext, id: string, selection: Selection): Promise<PlannedRow | null> {
    const { text, params } = this.planner.select('PurchaseOrder', selection, {
      params: [ctx.organizationId, id],
      source: () => ({ from: 'purchase_orders o', alias: 'o', where: `${this.visibleOrders(ctx)} AND o.id = $2` }),
    });
    const [row] = plannedRows(await preparedQuery<{ row: PlannedRow }>(await this.db.sql(ctx), 'orders.read', text, params));
    return row ?? null;
  }

  /** A page of the caller's orders as a connection, as the GraphQL selection asks for it (SqlPlanner): one statement. */
  async pageOrders(ctx: RequestContext, query: OrderListQuery, selection: Selection): Promise<PlannedRow> {
    const { where: filtered, params } = this.orderFilter(ctx, query);
    const param = (value: unknown) => `$${params.push(value)}`;
    const after = query.after ? ` AND (o.updated_at, o.id) < (${param(query.after[0])}::timestamptz, ${param(query.after[1])}::uuid)` : '';
    const more = param(query.limit + 1);
    const page: PageRoot = {
      order: (a) => `${a}.updated_at DESC, ${a}.id DESC`,
      // Microseconds: the next page starts exactly after this row.
      cursor: (a) => `json_build_array(to_char(${a}.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${a}.id)`,
      // From the same parameter: one that no selected field uses would leave PostgreSQL unable to type it.
      size: `(${more}::int - 1)`,
      counted: `purchase_orders o WHERE ${filtered}`,
    };
    const { text, params: bound } = this.planner.select('PurchaseOrderConnection', selection, {
      params,
      source: () => ({
        with: `page AS (SELECT o.* FROM purchase_orders o WHERE ${filtered}${after} ORDER BY o.updated_at DESC, o.id DESC LIMIT ${more})`,
        from: '(SELECT 1) c',
        alias: 'c',
        where: 'true',
        root: { page },
      }),
    });
    const [row] = plannedRows(await preparedQuery<{ row: PlannedRow }>(await this.db.sql(ctx), 'orders.page', text, bound));
    return row;
  }

  async insertOrder(
    ctx: RequestContext,
    values: Pick<PurchaseOrder, 'anchorOrganizationId' | 'supplierOrganizationId' | 'number' | 'currency' | 'notes' | 'createdById'>,
  ): Promise<string> {
    const em = await this.em(ctx);
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO purchase_orders (anchor_org_id, supplier_org_id, number, status, currency, notes, created_by)
       VALUES ($1, $2, $3, 'DRAFT', $4, $5, $6) RETURNING id`,
      [values.anchorOrganizationId, values.supplierOrganizationId, values.number, values.currency, values.notes, values.createdById],
    );
    return row.id;
  }

  /** Inserts lines in one statement (unnest), whatever their number. */
  async insertLines(
    ctx: RequestContext,
    order: Pick<PurchaseOrder, 'id' | 'anchorOrganizationId' | 'supplierOrganizationId'>,
    lines: NewLine[],
  ): Promise<void> {
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
   * The optimistic lock, with what the rules read, in one statement: bumps the
   * version (and updated_at) only if the order is visible to the caller and
   * still at `expectedVersion`, and returns the order as it now is with its
   * lines (each with its part). Taking the row lock also queues concurrent
   * writers of one order; all but the first then find a newer version. When
   * nothing was locked, `current` is the order as the statement saw it (or
   * null when the caller cannot see it), for the caller's error.
   */
  async lockWithLines(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
  ): Promise<{ locked: PurchaseOrder; lines: PurchaseOrderLine[] } | { locked: null; current: PurchaseOrder | null }> {
    const em = await this.em(ctx);
    const { order, line, part } = this.mappers(em);
    const sql = await this.db.sql(ctx);
    const rows = await preparedQuery(
      sql,
      'orders.lock',
      `WITH o AS (
         UPDATE purchase_orders o SET version = o.version + 1, updated_at = now()
          WHERE o.id = $2 AND o.version = $3 AND ${this.visibleOrders(ctx)}
          RETURNING o.*)
       SELECT ${order.select}, ${line.select}, ${part.select}
         FROM o LEFT JOIN purchase_order_lines l ON l.order_id = o.id AND l.supplier_org_id = o.supplier_org_id
                LEFT JOIN parts p ON p.id = l.part_id
        ORDER BY l.line_number`,
      [ctx.organizationId, id, expectedVersion],
    );
    if (!rows.length) {
      const [current] = await this.findOrdersByIds(ctx, [id]);
      return { locked: null, current: current ?? null };
    }
    const lines = rows
      .filter((row) => row.l__id !== null)
      .map((row) => {
        const mapped = line.map(row);
        mapped.part = row.p__id === null ? undefined : part.map(row);
        return mapped;
      });
    return { locked: order.map(rows[0]), lines };
  }

  /**
   * A change to one order the caller has locked (lockWithLines), written in one statement: its
   * lines' changes, the order's own, its order events, their audit rows and outbox events.
   * Returns the order as it now is. Order events are stamped with clock_timestamp() in their
   * order (and the outbox data of each with its id and time, as `orderEventId` and `at`).
   */
  async applyChange(
    ctx: RequestContext,
    orderId: string,
    change: {
      lines: { id: string; changes: LineChanges; added: LineAdditions }[];
      order: OrderChanges;
      recomputeTotal: boolean;
      events: { id: string; type: OrderEventType; revision: number; details: Record<string, unknown>; supplierVisible: boolean }[];
      audit: Record<string, unknown>[];
      outbox: Record<string, unknown>[];
    },
  ): Promise<PurchaseOrder> {
    const em = await this.em(ctx);
    const { order } = this.mappers(em);
    const params: unknown[] = [orderId, ctx.organizationId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const ctes: string[] = [];
    let lineChanges: string | null = null;
    if (change.lines.length) {
      // Every column a change may set, from the change's JSON when it names it, else as it was.
      const set = (Object.entries(LINE_COLUMNS) as [keyof LineChanges, string][]).map(
        ([key, column]) => `${column} = CASE WHEN v.j ? '${key}' THEN (v.j->>'${key}')::${LINE_COLUMN_TYPES[key]} ELSE l.${column} END`,
      );
      // One JSON object per line: the columns it sets, and what it adds to the shipped and received quantities.
      lineChanges = param(
        JSON.stringify(
          change.lines.map((l) => ({
            ...l.changes,
            id: l.id,
            addShipped: l.added.shippedQuantity ?? '0',
            addReceived: l.added.receivedQuantity ?? '0',
          })),
        ),
      );
      ctes.push(`lu AS (
        UPDATE purchase_order_lines l SET ${set.join(', ')},
               shipped_quantity = l.shipped_quantity + (v.j->>'addShipped')::numeric,
               received_quantity = l.received_quantity + (v.j->>'addReceived')::numeric,
               updated_at = now()
          FROM jsonb_array_elements(${lineChanges}::jsonb) AS v(j)
         WHERE l.id = (v.j->>'id')::uuid AND l.order_id = $1 AND (l.anchor_org_id = $2 OR l.supplier_org_id = $2)
         RETURNING l.id)`);
    }
    const orderSets = Object.entries(change.order).map(([key, value]) => `${ORDER_COLUMNS[key as keyof OrderChanges]} = ${param(value)}`);
    if (change.recomputeTotal) {
      // The statement's snapshot has the lines as they were: their changes are applied here as the update applies them.
      const changed = lineChanges
        ? `LEFT JOIN jsonb_array_elements(${lineChanges}::jsonb) AS v(j) ON (v.j->>'id')::uuid = l.id`
        : 'LEFT JOIN (SELECT NULL::jsonb AS j) v ON false';
      const value = (key: 'quantity' | 'unitPrice' | 'status', column: string, type: string) =>
        `CASE WHEN v.j ? '${key}' THEN (v.j->>'${key}')::${type} ELSE l.${column} END`;
      orderSets.push(`total_amount = (
        SELECT coalesce(sum(${value('quantity', 'quantity', 'numeric')} * ${value('unitPrice', 'unit_price', 'numeric')}), 0)
          FROM purchase_order_lines l ${changed}
         WHERE l.order_id = $1 AND l.anchor_org_id = o.anchor_org_id AND ${value('status', 'status', 'order_line_status')} <> 'CANCELLED')`);
    }
    ctes.push(`o AS (
      UPDATE purchase_orders o SET ${[...orderSets, 'updated_at = now()'].join(', ')}
       WHERE o.id = $1 AND (o.anchor_org_id = $2 OR (o.supplier_org_id = $2 AND o.published_at IS NOT NULL))
       RETURNING o.*)`);
    if (change.events.length) {
      ctes.push(`ev AS (
        INSERT INTO order_events (id, order_id, anchor_org_id, supplier_org_id, type, revision, actor_user_id, details, supplier_visible, at)
        SELECT e.id, o.id, o.anchor_org_id, o.supplier_org_id, e.type, e.revision, ${param(ctx.userId)}::uuid, e.details, e.supplier_visible,
               clock_timestamp() + (x.ord - 1) * interval '1 microsecond'
          FROM o, jsonb_array_elements(${param(JSON.stringify(change.events.map((e) => ({ id: e.id, type: e.type, revision: e.revision, details: e.details, supplier_visible: e.supplierVisible }))))}::jsonb) WITH ORDINALITY AS x(j, ord),
               jsonb_to_record(x.j) AS e(id uuid, type order_event_type, revision int, details jsonb, supplier_visible boolean)
         ORDER BY x.ord
        RETURNING id, at)`);
    }
    if (change.audit.length) ctes.push(`au AS (${auditInsert(param(JSON.stringify(change.audit)))})`);
    if (change.outbox.length) {
      ctes.push(
        `ob AS (${outboxInsert(param(JSON.stringify(change.outbox)), (r) =>
          change.events.length
            ? `coalesce((SELECT jsonb_build_object('at', to_char(ev.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM ev WHERE ev.id = (${r}.data->>'orderEventId')::uuid), '{}'::jsonb)`
            : `'{}'::jsonb`,
        )})`,
      );
    }
    const [row] = await preparedQuery(
      await this.db.sql(ctx),
      'orders.change',
      `WITH ${ctes.join(',\n')}
       SELECT ${order.select} FROM o`,
      params,
    );
    if (!row) throw new Error('applyChange: the order was not locked by this transaction');
    return order.map(row);
  }

  async findLinesByOrderIds(ctx: RequestContext, orderIds: readonly string[]): Promise<PurchaseOrderLine[]> {
    if (!orderIds.length) return [];
    const [where, param] = idsCondition('l.order_id', '$2', orderIds);
    return this.visibleLines(ctx, where, [param]);
  }

  async findLinesByIds(ctx: RequestContext, ids: readonly string[]): Promise<PurchaseOrderLine[]> {
    return this.visibleLines(ctx, 'l.id = ANY($2::uuid[])', [ids]);
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
    values: Pick<
      ShipmentNotice,
      | 'number'
      | 'orderId'
      | 'anchorOrganizationId'
      | 'supplierOrganizationId'
      | 'shipDate'
      | 'expectedArrival'
      | 'carrier'
      | 'trackingNumber'
      | 'createdById'
    >,
    lines: { orderLineId: string; quantity: string }[],
  ): Promise<string> {
    const em = await this.em(ctx);
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO shipment_notices (number, order_id, anchor_org_id, supplier_org_id, ship_date, expected_arrival, carrier, tracking_number, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        values.number,
        values.orderId,
        values.anchorOrganizationId,
        values.supplierOrganizationId,
        values.shipDate,
        values.expectedArrival,
        values.carrier,
        values.trackingNumber,
        values.createdById,
      ],
    );
    await em.query(
      `INSERT INTO shipment_lines (shipment_id, order_line_id, anchor_org_id, supplier_org_id, quantity)
       SELECT $1, l.order_line_id, $2, $3, l.quantity FROM unnest($4::uuid[], $5::numeric[]) AS l(order_line_id, quantity)`,
      [row.id, values.anchorOrganizationId, values.supplierOrganizationId, lines.map((l) => l.orderLineId), lines.map((l) => l.quantity)],
    );
    return row.id;
  }

  /** The highest ASN-<year>-n the caller (a supplier) has issued to `anchorId`, 0 when none: where the pair's sequence starts. */
  async highestShipmentNumber(ctx: RequestContext, anchorId: string, year: number): Promise<number> {
    const em = await this.em(ctx);
    const [row] = await em.query<{ n: number }[]>(
      `SELECT COALESCE(max(substring(number FROM '^ASN-[0-9]{4}-([0-9]{1,9})$')::int), 0) AS n
         FROM shipment_notices WHERE supplier_org_id = $1 AND anchor_org_id = $2 AND number LIKE $3`,
      [ctx.organizationId, anchorId, `ASN-${year}-%`],
    );
    return row?.n ?? 0;
  }

  private visibleShipments<T extends SelectQueryBuilder<ShipmentNotice>>(qb: T, ctx: RequestContext): T {
    return qb.andWhere('(s.anchor_org_id = :me OR s.supplier_org_id = :me)', { me: ctx.organizationId });
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
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO goods_receipts (shipment_id, order_id, anchor_org_id, supplier_org_id, received_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        values.shipmentId,
        values.orderId,
        values.anchorOrganizationId,
        values.supplierOrganizationId,
        values.receivedOn,
        values.createdById,
      ],
    );
    await em.query(
      `INSERT INTO goods_receipt_lines (receipt_id, shipment_id, order_line_id, anchor_org_id, supplier_org_id, quantity)
       SELECT $1, $2, l.order_line_id, $3, $4, l.quantity FROM unnest($5::uuid[], $6::numeric[]) AS l(order_line_id, quantity)`,
      [
        row.id,
        values.shipmentId,
        values.anchorOrganizationId,
        values.supplierOrganizationId,
        lines.map((l) => l.orderLineId),
        lines.map((l) => l.quantity),
      ],
    );
    return row.id;
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
