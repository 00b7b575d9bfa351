import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type AuditEntry,
  auditRow,
  AuditService,
  BadUserInputError,
  businessToday,
  byKeys,
  ConflictError,
  DataStandardsPort,
  Decimal,
  decodeCursor,
  DocumentNumbers,
  DomainEvents,
  Errors,
  exactProduct,
  fitsAmount,
  groupByKeys,
  IdempotencyService,
  isUniqueViolation,
  isUuid,
  MAX_AMOUNT,
  normalizeDecimal,
  optionalText,
  outboxRow,
  type Page,
  pageSize,
  type PlannedRow,
  type PreparedEvent,
  prepareEvent,
  type RequestContext,
  LoaderSlot,
  requestLoader,
  requiredText,
  requireId,
  type Selection,
  toPage,
  type Violation,
} from '@anchorlink/core';
import { OrganizationsService, PartnershipsService } from '@anchorlink/identity';
import { PartsService } from '@anchorlink/parts';
import type DataLoader from 'dataloader';
import {
  type CreatePurchaseOrderInput,
  type CreateShipmentNoticeInput,
  LineDecision,
  type LineResponseInput,
  type LineRevisionInput,
  type ProposalResolutionInput,
  type PurchaseOrderFilter,
  type RecordGoodsReceiptInput,
} from './dto/order.types.js';
import { type OrderEvent, OrderEventType } from './entities/order-event.entity.js';
import type { PurchaseOrderLine } from './entities/purchase-order-line.entity.js';
import type { PurchaseOrder } from './entities/purchase-order.entity.js';
import type { GoodsReceiptLine, ShipmentLine, ShipmentNotice } from './entities/shipment-notice.entity.js';
import {
  assertAction,
  assertLineTransition,
  assertTransition,
  OrderAction,
  orderActions,
  OrderLineStatus,
  PurchaseOrderStatus,
  statusFromLines,
} from './order-state.js';
import {
  type LineAdditions,
  type LineChanges,
  type NewLine,
  type OrderChanges,
  type OrderListQuery,
  OrdersRepository,
} from './orders.repository.js';

export const MAX_LINES = 500;
const ORDER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,39}$/;

export interface GoodsReceiptResult {
  id: string;
  shipmentId: string;
  receivedOn: string;
  lines: { orderLineId: string; quantity: string }[];
}

type LineState = PurchaseOrderLine & { changed?: boolean };

/** A line as events and audit rows describe it. */
function lineSummary(line: PurchaseOrderLine) {
  return {
    lineId: line.id,
    lineNumber: line.lineNumber,
    partId: line.partId,
    quantity: normalizeDecimal(line.quantity),
    unitPrice: normalizeDecimal(line.unitPrice),
    requestedDate: line.requestedDate,
    status: line.status,
  };
}

const CLEAR_PROPOSAL: LineChanges = {
  proposalQuantity: null,
  proposalDate: null,
  proposalUnitPrice: null,
  proposalReasonCode: null,
  proposalReason: null,
};
const CLEAR_CONFIRMATION: LineChanges = { confirmedQuantity: null, confirmedDate: null, confirmedUnitPrice: null };
const CLEAR_REJECTION: LineChanges = { rejectReasonCode: null, rejectReason: null };

/** What one mutation changes in one order, written together by `write` (OrdersRepository.applyChange). */
interface OrderChange {
  /** Per line: the columns it sets. */
  lines: Map<string, LineChanges>;
  /** Per line: the quantities it adds (shipped, received). */
  added: Map<string, LineAdditions>;
  order: OrderChanges;
  /** The order's total follows its lines' quantities, prices or cancellations. */
  recomputeTotal: boolean;
  events: { id: string; type: OrderEventType; revision: number; details: Record<string, unknown>; supplierVisible: boolean }[];
  audit: AuditEntry[];
  outbox: PreparedEvent[];
}

function newChange(): OrderChange {
  return { lines: new Map(), added: new Map(), order: {}, recomputeTotal: false, events: [], audit: [], outbox: [] };
}

/** Records a line's changes in `change` and applies them to the line the rules go on reading. */
function changeLine(change: OrderChange, line: PurchaseOrderLine, changes: LineChanges): void {
  change.lines.set(line.id, { ...change.lines.get(line.id), ...changes });
  Object.assign(line, changes);
}

/**
 * Purchase orders from draft to closing: the anchor creates, publishes,
 * revises, resolves proposals, cancels, receives and closes; the supplier
 * answers line by line and ships. Each change is one optimistic-locked step
 * that writes its order event and audit row in the same transaction.
 */
// Per-request loaders (RequestScope slots).
const ORDER_BY_ID = new LoaderSlot<string, PurchaseOrder | null>('orders.byId');
const LINES_BY_ORDER = new LoaderSlot<string, PurchaseOrderLine[]>('orders.linesByOrder');
const LINE_BY_ID = new LoaderSlot<string, PurchaseOrderLine | null>('orders.lineById');
const EVENTS_BY_ORDER = new LoaderSlot<string, OrderEvent[]>('orders.eventsByOrder');
const SHIPMENT_BY_ID = new LoaderSlot<string, ShipmentNotice | null>('orders.shipmentById');
const SHIPMENT_LINES = new LoaderSlot<string, ShipmentLine[]>('orders.shipmentLines');

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly partnerships: PartnershipsService,
    private readonly organizations: OrganizationsService,
    private readonly parts: PartsService,
    private readonly standards: DataStandardsPort,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly numbers: DocumentNumbers,
    private readonly domainEvents: DomainEvents,
  ) {}

  // ---------------------------------------------------------------- reads

  /** An order, for the rules (and mutations' answers). */
  async get(ctx: RequestContext, id: string): Promise<PurchaseOrder> {
    const orderId = requireId(ctx, id, 'entity.purchaseOrder');
    const order = await this.orderLoader(ctx).load(orderId);
    if (!order) throw Errors.notFound(ctx, 'entity.purchaseOrder');
    return order;
  }

  /** What the caller may do next with `order` (the portal's buttons). */
  availableActions(
    ctx: RequestContext,
    order: Pick<PurchaseOrder, 'status' | 'anchorOrganizationId' | 'supplierOrganizationId'>,
  ): OrderAction[] {
    return orderActions(ctx, order);
  }

  /** An order as the GraphQL selection asks for it, in one statement (SqlPlanner). */
  async read(ctx: RequestContext, id: string, selection: Selection): Promise<PlannedRow> {
    const orderId = requireId(ctx, id, 'entity.purchaseOrder');
    const row = await this.orders.readOrder(ctx, orderId, selection);
    if (!row) throw Errors.notFound(ctx, 'entity.purchaseOrder');
    return row;
  }

  /** The caller's orders, newest change first, for the rules and exports. */
  async list(
    ctx: RequestContext,
    filter: PurchaseOrderFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<PurchaseOrder>> {
    const query = this.listQuery(ctx, filter, first, after);
    const { rows, totalCount } = await this.orders.listOrders(ctx, query);
    for (const order of rows) this.orderLoader(ctx).prime(order.id, order);
    return toPage(rows, query.limit, totalCount, (o) => [o.updatedAt.toISOString(), o.id]);
  }

  /** The caller's orders as a connection, as the GraphQL selection asks for it, in one statement (SqlPlanner). */
  page(
    ctx: RequestContext,
    filter: PurchaseOrderFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    selection: Selection,
  ): Promise<PlannedRow> {
    return this.orders.pageOrders(ctx, this.listQuery(ctx, filter, first, after), selection);
  }

  private listQuery(
    ctx: RequestContext,
    filter: PurchaseOrderFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): OrderListQuery {
    const size = pageSize(ctx, first);
    const cursor = decodeCursor(ctx, after, ['timestamp', 'uuid']);
    // An id that is not a UUID matches nothing, exactly like one of another tenant.
    const idFilter = (value: string | null | undefined) =>
      value === null || value === undefined ? null : isUuid(value) ? value : '00000000-0000-0000-0000-000000000000';
    return {
      statuses: filter?.status ?? null,
      supplierId: idFilter(filter?.supplierId),
      anchorId: idFilter(filter?.anchorId),
      search: filter?.search?.trim() ? filter.search.trim().slice(0, 100) : null,
      updatedSince: filter?.updatedSince ?? null,
      revised: filter?.revised ?? null,
      after: cursor,
      limit: size,
    };
  }

  async shipmentNotices(ctx: RequestContext, orderId: string): Promise<ShipmentNotice[]> {
    const order = await this.get(ctx, orderId);
    return this.orders.findShipmentsByOrderId(ctx, order.id);
  }

  // ---------------------------------------------------------------- anchor: create and publish

  create(ctx: RequestContext, input: CreatePurchaseOrderInput): Promise<PurchaseOrder> {
    const { idempotencyKey, ...request } = input;
    return this.idempotency.once(
      ctx,
      'createPurchaseOrder',
      idempotencyKey,
      request,
      () => this.createOrder(ctx, input),
      (id) => this.get(ctx, id),
    );
  }

  private async createOrder(ctx: RequestContext, input: CreatePurchaseOrderInput): Promise<PurchaseOrder> {
    const supplierId = requireId(ctx, input.supplierId, 'entity.supplier');
    await this.partnerships.requireActive(ctx, supplierId);
    const currency = requiredText(ctx, input.currency, 'currency', 8).toUpperCase();
    const notes = optionalText(ctx, input.notes, 'notes', 4000);
    if (!input.lines.length) throw new BadUserInputError(ctx.t('order.noLines'), { field: 'lines' });
    if (input.lines.length > MAX_LINES) throw new BadUserInputError(ctx.t('order.tooManyLines', { max: MAX_LINES }), { field: 'lines' });
    const lines = await this.newLines(ctx, supplierId, input.lines, 1, 'lines');
    this.requireAmountsFit(
      ctx,
      lines.map((l, i) => ({ ...l, field: `lines[${i}]` })),
      'lines',
    );
    await this.requireStandards(ctx, currency, lines);

    let number = input.number?.trim();
    if (number) {
      if (!ORDER_NUMBER.test(number)) throw new BadUserInputError(ctx.t('order.numberInvalid'), { field: 'number' });
    } else {
      number = await this.numbers.next(ctx, 'PO', Number(businessToday().slice(0, 4)));
    }
    let id: string;
    try {
      id = await this.orders.insertOrder(ctx, {
        anchorOrganizationId: ctx.organizationId,
        supplierOrganizationId: supplierId,
        number,
        currency,
        notes,
        createdById: ctx.userId,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'purchase_orders_anchor_number_key'))
        throw new ConflictError(ctx.t('order.duplicateNumber', { number }));
      throw error;
    }
    const header = { id, anchorOrganizationId: ctx.organizationId, supplierOrganizationId: supplierId, revision: 1, number };
    await this.orders.insertLines(ctx, header, lines);
    const change = newChange();
    change.recomputeTotal = true;
    this.note(change, header, OrderEventType.CREATED, { number, lines: lines.length }, false);
    return this.write(ctx, header, change);
  }

  async publish(ctx: RequestContext, id: string, expectedVersion: number): Promise<PurchaseOrder> {
    const { order, lines } = await this.lock(ctx, id, expectedVersion, OrderAction.PUBLISH);
    await this.partnerships.requireActive(ctx, order.supplierOrganizationId);
    await this.requireStandards(ctx, order.currency, lines);
    assertTransition(ctx, order.status, PurchaseOrderStatus.PUBLISHED);
    const change = newChange();
    change.order = { status: PurchaseOrderStatus.PUBLISHED, publishedAt: new Date() };
    this.note(change, order, OrderEventType.PUBLISHED, { number: order.number, lines: lines.map(lineSummary) }, true);
    return this.write(ctx, order, change);
  }

  // ---------------------------------------------------------------- supplier: answer

  async respond(ctx: RequestContext, id: string, expectedVersion: number, responses: LineResponseInput[]): Promise<PurchaseOrder> {
    const { order, lines } = await this.lock(ctx, id, expectedVersion, OrderAction.RESPOND);
    const byId = this.linesById(
      ctx,
      lines,
      responses.map((r) => r.lineId),
      'lines',
    );
    const change = newChange();
    const answered: Record<string, unknown>[] = [];
    for (const response of responses) {
      const line = byId.get(response.lineId.toLowerCase())!;
      const changes = this.answer(ctx, line, response);
      changeLine(change, line, changes);
      answered.push({ lineId: line.id, lineNumber: line.lineNumber, decision: response.decision, ...this.answerDetails(changes) });
    }
    return this.afterAnswers(ctx, order, lines, change, OrderEventType.RESPONDED, { lines: answered });
  }

  async confirm(ctx: RequestContext, id: string, expectedVersion: number): Promise<PurchaseOrder> {
    const { order, lines } = await this.lock(ctx, id, expectedVersion, OrderAction.CONFIRM);
    const pending = lines.filter((l) => l.status === OrderLineStatus.PENDING);
    if (!pending.length) throw new ConflictError(ctx.t('order.nothingPending'));
    const change = newChange();
    const answered: Record<string, unknown>[] = [];
    for (const line of pending) {
      const changes = this.answer(ctx, line, { lineId: line.id, decision: LineDecision.ACCEPT });
      changeLine(change, line, changes);
      answered.push({ lineId: line.id, lineNumber: line.lineNumber, decision: LineDecision.ACCEPT, ...this.answerDetails(changes) });
    }
    return this.afterAnswers(ctx, order, lines, change, OrderEventType.RESPONDED, { lines: answered });
  }

  /** The line changes one answer makes: accept as is, reject with a reason, or propose new values. */
  private answer(ctx: RequestContext, line: PurchaseOrderLine, response: LineResponseInput): LineChanges {
    const n = line.lineNumber;
    switch (response.decision) {
      case LineDecision.ACCEPT:
        assertLineTransition(ctx, n, line.status, OrderLineStatus.ACCEPTED);
        return {
          status: OrderLineStatus.ACCEPTED,
          confirmedQuantity: line.quantity,
          confirmedDate: line.requestedDate,
          confirmedUnitPrice: line.unitPrice,
          ...CLEAR_PROPOSAL,
          ...CLEAR_REJECTION,
        };
      case LineDecision.REJECT: {
        assertLineTransition(ctx, n, line.status, OrderLineStatus.REJECTED);
        const reason = optionalText(ctx, response.reason, 'reason', 2000);
        if (!response.reasonCode || !reason) {
          throw new BadUserInputError(
            ctx.t('order.reasonRequired', { line: n, decision: 'REJECT', andReason: { message: 'order.andReason' } }),
            { field: 'lines' },
          );
        }
        return {
          status: OrderLineStatus.REJECTED,
          rejectReasonCode: response.reasonCode,
          rejectReason: reason,
          ...CLEAR_PROPOSAL,
          ...CLEAR_CONFIRMATION,
        };
      }
      case LineDecision.PROPOSE_CHANGE: {
        assertLineTransition(ctx, n, line.status, OrderLineStatus.CHANGE_PROPOSED);
        if (!response.reasonCode) {
          throw new BadUserInputError(ctx.t('order.reasonRequired', { line: n, decision: 'PROPOSE_CHANGE', andReason: '' }), {
            field: 'lines',
          });
        }
        const quantity = response.quantity ?? null;
        const unitPrice = response.unitPrice ?? null;
        const deliveryDate = response.deliveryDate ?? null;
        if (quantity !== null) this.requirePositive(ctx, quantity, `lines[${n}].quantity`);
        if (unitPrice !== null) this.requireNotNegative(ctx, unitPrice, `lines[${n}].unitPrice`);
        const differs =
          (quantity !== null && !new Decimal(quantity).eq(line.quantity)) ||
          (unitPrice !== null && !new Decimal(unitPrice).eq(line.unitPrice)) ||
          (deliveryDate !== null && deliveryDate !== line.requestedDate);
        if (!differs) throw new BadUserInputError(ctx.t('order.proposalEmpty', { line: n }), { field: 'lines' });
        return {
          status: OrderLineStatus.CHANGE_PROPOSED,
          proposalQuantity: quantity,
          proposalDate: deliveryDate,
          proposalUnitPrice: unitPrice,
          proposalReasonCode: response.reasonCode,
          proposalReason: optionalText(ctx, response.reason, 'reason', 2000),
          ...CLEAR_CONFIRMATION,
          ...CLEAR_REJECTION,
        };
      }
    }
  }

  private answerDetails(changes: LineChanges): Record<string, unknown> {
    return Object.fromEntries(Object.entries(changes).filter(([key, value]) => value !== null && key !== 'status'));
  }

  /** After lines were answered or resolved: the order status they imply, the events, the audit row. */
  private async afterAnswers(
    ctx: RequestContext,
    order: PurchaseOrder,
    lines: PurchaseOrderLine[],
    change: OrderChange,
    type: OrderEventType,
    details: Record<string, unknown>,
    extraEvents: [OrderEventType, Record<string, unknown>][] = [],
  ): Promise<PurchaseOrder> {
    const status = statusFromLines(lines);
    assertTransition(ctx, order.status, status);
    const changes: OrderChanges = { status };
    if (type === OrderEventType.RESPONDED && !order.firstRespondedAt) changes.firstRespondedAt = new Date();
    if (status === PurchaseOrderStatus.CONFIRMED) changes.confirmedAt = new Date();
    change.order = { ...change.order, ...changes };
    // A change proposal is what the buyer must act on: it is e-mailed to them.
    const notify =
      type === OrderEventType.RESPONDED ? { changeProposed: lines.some((l) => l.status === OrderLineStatus.CHANGE_PROPOSED) } : {};
    if (Object.keys(details).length) this.note(change, order, type, { ...details, status }, true, notify);
    for (const [extraType, extraDetails] of extraEvents) this.note(change, order, extraType, { ...extraDetails, status }, true);
    if (status === PurchaseOrderStatus.CONFIRMED) {
      this.note(
        change,
        order,
        OrderEventType.CONFIRMED,
        { lines: lines.filter((l) => l.status === OrderLineStatus.ACCEPTED).map(lineSummary) },
        true,
      );
    }
    return this.write(ctx, order, change);
  }

  // ---------------------------------------------------------------- anchor: proposals, revisions, cancel, close

  async resolveProposals(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    resolutions: ProposalResolutionInput[],
  ): Promise<PurchaseOrder> {
    const { order, lines } = await this.lock(ctx, id, expectedVersion, OrderAction.RESOLVE);
    const byId = this.linesById(
      ctx,
      lines,
      resolutions.map((r) => r.lineId),
      'resolutions',
    );
    const change = newChange();
    const accepted: Record<string, unknown>[] = [];
    const rejected: Record<string, unknown>[] = [];
    for (const resolution of resolutions) {
      const line = byId.get(resolution.lineId.toLowerCase())!;
      const proposal = {
        quantity: line.proposalQuantity === null ? null : normalizeDecimal(line.proposalQuantity),
        deliveryDate: line.proposalDate,
        unitPrice: line.proposalUnitPrice === null ? null : normalizeDecimal(line.proposalUnitPrice),
        reasonCode: line.proposalReasonCode,
        reason: line.proposalReason,
      };
      let changes: LineChanges;
      if (resolution.accept) {
        assertLineTransition(ctx, line.lineNumber, line.status, OrderLineStatus.ACCEPTED);
        changes = {
          status: OrderLineStatus.ACCEPTED,
          confirmedQuantity: line.proposalQuantity ?? line.quantity,
          confirmedDate: line.proposalDate ?? line.requestedDate,
          confirmedUnitPrice: line.proposalUnitPrice ?? line.unitPrice,
          ...CLEAR_PROPOSAL,
        };
        accepted.push({ lineId: line.id, lineNumber: line.lineNumber, proposal });
      } else {
        // The supplier must answer the line again.
        assertLineTransition(ctx, line.lineNumber, line.status, OrderLineStatus.PENDING);
        changes = { status: OrderLineStatus.PENDING, ...CLEAR_PROPOSAL };
        rejected.push({ lineId: line.id, lineNumber: line.lineNumber, proposal });
      }
      changeLine(change, line, changes);
    }
    const events: [OrderEventType, Record<string, unknown>][] = [];
    if (rejected.length) events.push([OrderEventType.CHANGE_REJECTED, { lines: rejected }]);
    return this.afterAnswers(
      ctx,
      order,
      lines,
      change,
      accepted.length ? OrderEventType.CHANGE_ACCEPTED : OrderEventType.CHANGE_REJECTED,
      accepted.length ? { lines: accepted } : {},
      events,
    );
  }

  /**
   * A revision after publishing: changed and new lines go back to PENDING
   * (the supplier answers them again), unchanged accepted lines stay accepted,
   * cancelled ones are gone. The revision number goes up by one.
   */
  async revise(ctx: RequestContext, id: string, expectedVersion: number, changes: LineRevisionInput[]): Promise<PurchaseOrder> {
    const locked = await this.lock(ctx, id, expectedVersion, OrderAction.REVISE);
    const order = locked.order;
    if (!changes.length) throw new BadUserInputError(ctx.t('order.revisionEmpty'), { field: 'changes' });
    const lines: LineState[] = locked.lines;
    const edit = newChange();
    const existing = changes.filter((c) => c.lineId);
    // A revision may only add lines: then it names none of the existing ones.
    const byId = existing.length
      ? this.linesById(
          ctx,
          lines,
          existing.map((c) => c.lineId!),
          'changes',
        )
      : new Map<string, PurchaseOrderLine>();
    const details: Record<string, unknown>[] = [];

    for (const change of existing) {
      const line = byId.get(change.lineId!.toLowerCase())!;
      const before = lineSummary(line);
      if (change.cancel) {
        assertLineTransition(ctx, line.lineNumber, line.status, OrderLineStatus.CANCELLED);
        changeLine(edit, line, { status: OrderLineStatus.CANCELLED });
        details.push({ change: 'cancelled', lineNumber: line.lineNumber, lineId: line.id, before });
        continue;
      }
      if (change.partId && change.partId.toLowerCase() !== line.partId) {
        throw new BadUserInputError(ctx.t('error.badInput', { detail: `changes[${line.lineNumber}].partId` }), { field: 'changes' });
      }
      const values: LineChanges = {};
      if (change.quantity != null && !new Decimal(this.requirePositive(ctx, change.quantity, 'quantity')).eq(line.quantity)) {
        values.quantity = change.quantity;
      }
      if (change.unitPrice != null && !new Decimal(this.requireNotNegative(ctx, change.unitPrice, 'unitPrice')).eq(line.unitPrice)) {
        values.unitPrice = change.unitPrice;
      }
      if (change.requestedDate != null && change.requestedDate !== line.requestedDate) values.requestedDate = change.requestedDate;
      if (!Object.keys(values).length) continue;
      this.requireAmountsFit(ctx, [
        {
          lineNumber: line.lineNumber,
          quantity: values.quantity ?? line.quantity,
          unitPrice: values.unitPrice ?? line.unitPrice,
          field: `changes[${changes.indexOf(change)}]`,
        },
      ]);
      if (line.status !== OrderLineStatus.PENDING) assertLineTransition(ctx, line.lineNumber, line.status, OrderLineStatus.PENDING);
      const lineChanges = { ...values, status: OrderLineStatus.PENDING, ...CLEAR_PROPOSAL, ...CLEAR_CONFIRMATION, ...CLEAR_REJECTION };
      changeLine(edit, line, lineChanges);
      details.push({ change: 'changed', lineNumber: line.lineNumber, lineId: line.id, before, after: lineSummary(line) });
    }

    const added = changes.filter((c) => !c.lineId);
    if (added.length) {
      for (const c of added) {
        if (c.cancel || !c.partId || c.quantity == null || c.unitPrice == null || !c.requestedDate) {
          throw new BadUserInputError(ctx.t('order.revisionNewLine'), { field: 'changes' });
        }
      }
      if (lines.length + added.length > MAX_LINES)
        throw new BadUserInputError(ctx.t('order.tooManyLines', { max: MAX_LINES }), { field: 'changes' });
      const next = Math.max(0, ...lines.map((l) => l.lineNumber)) + 1;
      const newLines = await this.newLines(
        ctx,
        order.supplierOrganizationId,
        added.map((c) => ({ partId: c.partId!, quantity: c.quantity!, unitPrice: c.unitPrice!, requestedDate: c.requestedDate! })),
        next,
        'changes',
      );
      this.requireAmountsFit(
        ctx,
        newLines.map((l, i) => ({ ...l, field: `changes[${changes.indexOf(added[i])}]` })),
      );
      await this.requireStandards(ctx, order.currency, newLines);
      await this.orders.insertLines(ctx, order, newLines);
      for (const l of newLines) {
        lines.push({ ...l, status: OrderLineStatus.PENDING } as LineState);
        details.push({
          change: 'added',
          lineNumber: l.lineNumber,
          after: { partId: l.partId, quantity: l.quantity, unitPrice: l.unitPrice, requestedDate: l.requestedDate },
        });
      }
    }
    if (!details.length) throw new BadUserInputError(ctx.t('order.revisionEmpty'), { field: 'changes' });
    if (lines.every((l) => l.status === OrderLineStatus.CANCELLED)) {
      throw new BadUserInputError(ctx.t('order.revisionCancelsAll'), { field: 'changes' });
    }

    this.requireAmountsFit(
      ctx,
      [],
      'changes',
      lines.filter((l) => l.status !== OrderLineStatus.CANCELLED),
    );
    const status = statusFromLines(lines);
    assertTransition(ctx, order.status, status);
    const revision = order.revision + 1;
    edit.order = { status, revision, ...(status === PurchaseOrderStatus.CONFIRMED ? { confirmedAt: new Date() } : {}) };
    edit.recomputeTotal = true;
    this.note(edit, { ...order, revision }, OrderEventType.REVISED, { revision, status, lines: details }, true);
    return this.write(ctx, order, edit);
  }

  async cancel(ctx: RequestContext, id: string, expectedVersion: number, reason: string): Promise<PurchaseOrder> {
    const { order, lines } = await this.lock(ctx, id, expectedVersion, OrderAction.CANCEL);
    const why = requiredText(ctx, reason, 'reason', 2000);
    const change = newChange();
    for (const line of lines) {
      if (line.status !== OrderLineStatus.CANCELLED) changeLine(change, line, { status: OrderLineStatus.CANCELLED });
    }
    assertTransition(ctx, order.status, PurchaseOrderStatus.CANCELLED);
    change.order = { status: PurchaseOrderStatus.CANCELLED, cancelledAt: new Date(), cancelReason: why };
    change.recomputeTotal = true;
    // A draft the supplier never saw stays invisible to it, cancelled or not.
    this.note(change, order, OrderEventType.CANCELLED, { reason: why, from: order.status }, order.status !== PurchaseOrderStatus.DRAFT);
    return this.write(ctx, order, change);
  }

  async close(ctx: RequestContext, id: string, expectedVersion: number): Promise<PurchaseOrder> {
    const { order } = await this.lock(ctx, id, expectedVersion, OrderAction.CLOSE);
    assertTransition(ctx, order.status, PurchaseOrderStatus.CLOSED);
    const change = newChange();
    change.order = { status: PurchaseOrderStatus.CLOSED, closedAt: new Date() };
    this.note(change, order, OrderEventType.CLOSED, { from: order.status }, true);
    return this.write(ctx, order, change);
  }

  // ---------------------------------------------------------------- shipping and receiving

  createShipment(ctx: RequestContext, input: CreateShipmentNoticeInput): Promise<ShipmentNotice> {
    const { idempotencyKey, ...request } = input;
    return this.idempotency.once(
      ctx,
      'createShipmentNotice',
      idempotencyKey,
      request,
      () => this.ship(ctx, input),
      async (id) => {
        const [notice] = await this.orders.findShipmentsByIds(ctx, [id]);
        if (!notice) throw Errors.notFound(ctx, 'entity.shipmentNotice');
        return notice;
      },
    );
  }

  private async ship(ctx: RequestContext, input: CreateShipmentNoticeInput): Promise<ShipmentNotice> {
    const current = await this.get(ctx, input.purchaseOrderId);
    const { order, lines } = await this.lock(ctx, current.id, current.version, OrderAction.SHIP);
    if (input.expectedArrival < input.shipDate) throw new BadUserInputError(ctx.t('order.arrivalBeforeShip'), { field: 'expectedArrival' });
    const byId = this.linesById(
      ctx,
      lines,
      input.lines.map((l) => l.lineId),
      'lines',
    );
    const anchor = await this.organizations.loader(ctx).load(order.anchorOrganizationId);
    const tolerance = new Decimal(anchor?.overShipmentTolerancePct ?? 0).div(100).plus(1);
    const shipped: { orderLineId: string; quantity: string }[] = [];
    for (const item of input.lines) {
      const line = byId.get(item.lineId.toLowerCase())!;
      if (line.status !== OrderLineStatus.ACCEPTED) {
        throw new ConflictError(ctx.t('order.lineNotAccepted', { line: line.lineNumber, status: line.status }));
      }
      const quantity = this.requirePositive(ctx, item.quantity, `lines[${line.lineNumber}].quantity`);
      const total = new Decimal(line.shippedQuantity).plus(quantity);
      const limit = new Decimal(line.confirmedQuantity ?? line.quantity).times(tolerance);
      if (total.gt(limit)) {
        throw new BadUserInputError(
          ctx.t('order.overShipment', { line: line.lineNumber, total: total.toString(), limit: limit.toString() }),
          {
            field: 'lines',
          },
        );
      }
      line.shippedQuantity = total.toString();
      shipped.push({ orderLineId: line.id, quantity });
    }
    // Per supplier and anchor: the numbers an anchor sees say nothing about the supplier's other customers.
    const year = Number(businessToday().slice(0, 4));
    const number = await this.numbers.next(ctx, 'ASN', year, {
      scope: order.anchorOrganizationId,
      startAfter: () => this.orders.highestShipmentNumber(ctx, order.anchorOrganizationId, year),
    });
    const shipmentId = await this.orders.insertShipment(
      ctx,
      {
        number,
        orderId: order.id,
        anchorOrganizationId: order.anchorOrganizationId,
        supplierOrganizationId: order.supplierOrganizationId,
        shipDate: input.shipDate,
        expectedArrival: input.expectedArrival,
        carrier: optionalText(ctx, input.carrier, 'carrier', 100),
        trackingNumber: optionalText(ctx, input.trackingNumber, 'trackingNumber', 100),
        createdById: ctx.userId,
      },
      shipped,
    );
    const change = newChange();
    for (const item of shipped) change.added.set(item.orderLineId, { shippedQuantity: item.quantity });
    const accepted = lines.filter((l) => l.status === OrderLineStatus.ACCEPTED);
    const complete = accepted.every((l) => new Decimal(l.shippedQuantity).gte(l.confirmedQuantity ?? l.quantity));
    const status = complete ? PurchaseOrderStatus.SHIPPED : PurchaseOrderStatus.PARTIALLY_SHIPPED;
    assertTransition(ctx, order.status, status);
    change.order = { status };
    this.note(change, order, OrderEventType.SHIPPED, { shipmentNoticeId: shipmentId, number, status, lines: shipped }, true);
    await this.write(ctx, order, change);
    const [notice] = await this.orders.findShipmentsByIds(ctx, [shipmentId]);
    return notice;
  }

  recordReceipt(ctx: RequestContext, input: RecordGoodsReceiptInput): Promise<GoodsReceiptResult> {
    const { idempotencyKey, ...request } = input;
    return this.idempotency.once(
      ctx,
      'recordGoodsReceipt',
      idempotencyKey,
      request,
      () => this.receive(ctx, input),
      (id) => this.getReceipt(ctx, id),
    );
  }

  private async receive(ctx: RequestContext, input: RecordGoodsReceiptInput): Promise<GoodsReceiptResult> {
    const [notice] = await this.orders.findShipmentsByIds(ctx, [requireId(ctx, input.shipmentNoticeId, 'entity.shipmentNotice')]);
    if (!notice || notice.anchorOrganizationId !== ctx.organizationId) throw Errors.notFound(ctx, 'entity.shipmentNotice');
    const current = await this.get(ctx, notice.orderId);
    const { order, lines } = await this.lock(ctx, current.id, current.version, OrderAction.RECEIVE);
    const inNotice = new Map((await this.orders.findShipmentLinesByShipmentIds(ctx, [notice.id])).map((l) => [l.orderLineId, l]));
    const receivedSoFar = await this.orders.receivedAgainstShipment(ctx, notice.id);
    const lineById = new Map(lines.map((l) => [l.id, l]));
    const seen = new Set<string>();
    const received: { orderLineId: string; quantity: string }[] = [];
    if (!input.lines.length) throw new BadUserInputError(ctx.t('field.required', { field: 'lines' }), { field: 'lines' });
    for (const item of input.lines) {
      const lineId = item.lineId.toLowerCase();
      const shippedLine = isUuid(lineId) ? inNotice.get(lineId) : undefined;
      if (!shippedLine) throw new BadUserInputError(ctx.t('order.lineNotShipped', { lineId: item.lineId }), { field: 'lines' });
      if (seen.has(lineId)) throw new BadUserInputError(ctx.t('order.duplicateLine', { lineId: item.lineId }), { field: 'lines' });
      seen.add(lineId);
      const line = lineById.get(lineId)!;
      const quantity = this.requirePositive(ctx, item.quantity, `lines[${line.lineNumber}].quantity`);
      const total = new Decimal(receivedSoFar.get(lineId) ?? 0).plus(quantity);
      if (total.gt(shippedLine.quantity)) {
        throw new BadUserInputError(
          ctx.t('order.overReceipt', {
            line: line.lineNumber,
            total: total.toString(),
            limit: new Decimal(shippedLine.quantity).toString(),
          }),
          { field: 'lines' },
        );
      }
      line.receivedQuantity = new Decimal(line.receivedQuantity).plus(quantity).toString();
      received.push({ orderLineId: lineId, quantity });
    }
    const receiptId = await this.orders.insertReceipt(
      ctx,
      {
        shipmentId: notice.id,
        orderId: order.id,
        anchorOrganizationId: order.anchorOrganizationId,
        supplierOrganizationId: order.supplierOrganizationId,
        receivedOn: input.receivedOn,
        createdById: ctx.userId,
      },
      received,
    );
    const change = newChange();
    for (const item of received) change.added.set(item.orderLineId, { receivedQuantity: item.quantity });
    const accepted = lines.filter((l) => l.status === OrderLineStatus.ACCEPTED);
    const complete = accepted.every((l) => new Decimal(l.receivedQuantity).gte(l.confirmedQuantity ?? l.quantity));
    const status = complete ? PurchaseOrderStatus.RECEIVED : order.status;
    if (status !== order.status) {
      assertTransition(ctx, order.status, status);
      change.order = { status };
    }
    this.note(
      change,
      order,
      OrderEventType.RECEIVED,
      { goodsReceiptId: receiptId, shipmentNoticeId: notice.id, receivedOn: input.receivedOn, status, lines: received },
      true,
    );
    await this.write(ctx, order, change);
    return { id: receiptId, shipmentId: notice.id, receivedOn: input.receivedOn, lines: received };
  }

  private async getReceipt(ctx: RequestContext, id: string): Promise<GoodsReceiptResult> {
    const receipt = await this.orders.findReceipt(ctx, id);
    if (!receipt) throw Errors.notFound(ctx, 'entity.shipmentNotice');
    const lines: GoodsReceiptLine[] = await this.orders.findReceiptLines(ctx, id);
    return {
      id: receipt.id,
      shipmentId: receipt.shipmentId,
      receivedOn: receipt.receivedOn,
      lines: lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
    };
  }

  // ---------------------------------------------------------------- loaders (per request)

  orderLoader(ctx: RequestContext): DataLoader<string, PurchaseOrder | null> {
    return requestLoader(ctx, ORDER_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.orders.findOrdersByIds(ctx, ids), (o) => o.id),
    );
  }

  linesLoader(ctx: RequestContext): DataLoader<string, PurchaseOrderLine[]> {
    return requestLoader(ctx, LINES_BY_ORDER, async (ids: readonly string[]) =>
      groupByKeys(ids, await this.orders.findLinesByOrderIds(ctx, ids), (l) => l.orderId),
    );
  }

  lineLoader(ctx: RequestContext): DataLoader<string, PurchaseOrderLine | null> {
    return requestLoader(ctx, LINE_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.orders.findLinesByIds(ctx, ids), (l) => l.id),
    );
  }

  eventsLoader(ctx: RequestContext): DataLoader<string, OrderEvent[]> {
    return requestLoader(ctx, EVENTS_BY_ORDER, async (ids: readonly string[]) =>
      groupByKeys(ids, await this.orders.findEventsByOrderIds(ctx, ids), (e) => e.orderId),
    );
  }

  shipmentLoader(ctx: RequestContext): DataLoader<string, ShipmentNotice | null> {
    return requestLoader(ctx, SHIPMENT_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.orders.findShipmentsByIds(ctx, ids), (s) => s.id),
    );
  }

  shipmentLinesLoader(ctx: RequestContext): DataLoader<string, ShipmentLine[]> {
    return requestLoader(ctx, SHIPMENT_LINES, async (ids: readonly string[]) =>
      groupByKeys(ids, await this.orders.findShipmentLinesByShipmentIds(ctx, ids), (l) => l.shipmentId),
    );
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Finds the order (NOT_FOUND if invisible), checks the caller's version and
   * that the order's state allows the action (CONFLICT naming the state), then
   * takes the optimistic lock: the version goes up only if nobody changed it.
   */
  /**
   * Takes the optimistic lock (the version goes up only if nobody changed the order since the caller
   * read it) and reads the order's lines, in one statement; then checks that `action` is one the
   * order's state allows. A failed check fails the mutation, whose savepoint undoes the lock.
   */
  private async lock(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: OrderAction,
  ): Promise<{ order: PurchaseOrder; lines: PurchaseOrderLine[] }> {
    const result = await this.orders.lockWithLines(ctx, requireId(ctx, id, 'entity.purchaseOrder'), expectedVersion);
    if (!result.locked) {
      if (!result.current) throw Errors.notFound(ctx, 'entity.purchaseOrder');
      throw new ConflictError(ctx.t('order.staleVersion', { current: result.current.version, expected: expectedVersion }));
    }
    assertAction(ctx, action, result.locked.status);
    return { order: result.locked, lines: result.lines };
  }

  /** The order's lines named by `ids`: each must exist in the order and appear once. */
  private linesById(ctx: RequestContext, lines: PurchaseOrderLine[], ids: string[], field: string): Map<string, PurchaseOrderLine> {
    if (!ids.length) throw new BadUserInputError(ctx.t('field.required', { field }), { field });
    const all = new Map(lines.map((l) => [l.id, l]));
    const chosen = new Map<string, PurchaseOrderLine>();
    for (const raw of ids) {
      const id = raw.toLowerCase();
      const line = isUuid(id) ? all.get(id) : undefined;
      if (!line) throw new BadUserInputError(ctx.t('order.lineNotInOrder', { lineId: raw }), { field });
      if (chosen.has(id)) throw new BadUserInputError(ctx.t('order.duplicateLine', { lineId: raw }), { field });
      chosen.set(id, line);
    }
    return chosen;
  }

  /** Checks new lines (the caller's parts, mapped to the supplier, sane amounts) and numbers them from `firstNumber`. */
  private async newLines(
    ctx: RequestContext,
    supplierId: string,
    input: { partId: string; quantity: string; unitPrice: string; requestedDate: string }[],
    firstNumber: number,
    field: string,
  ): Promise<NewLine[]> {
    const partIds = input.map((l) => requireId(ctx, l.partId, 'entity.part'));
    const parts = await this.parts.ownWithMapping(ctx, [...new Set(partIds)], supplierId);
    return input.map((line, i) => {
      const lineNumber = firstNumber + i;
      const found = parts.get(partIds[i]);
      if (!found) throw Errors.notFound(ctx, 'entity.part');
      if (!found.mapped) {
        throw new BadUserInputError(ctx.t('order.partNotMapped', { line: lineNumber, partNumber: found.part.partNumber }), {
          field: `${field}[${i}].partId`,
        });
      }
      return {
        lineNumber,
        partId: found.part.id,
        supplierPartNumber: found.supplierPartNumber,
        quantity: this.requirePositive(ctx, line.quantity, `${field}[${i}].quantity`),
        unitPrice: this.requireNotNegative(ctx, line.unitPrice, `${field}[${i}].unitPrice`),
        uom: found.part.uom,
        requestedDate: line.requestedDate,
      };
    });
  }

  /**
   * quantity × unit price of each line, and their sum, must fit the order's total_amount
   * (numeric(30,6)); two valid numeric(24,6) values can multiply beyond it. Checked before
   * anything is stored, so such input is BAD_USER_INPUT naming the line, not an overflow.
   * `checked` are the lines to check one by one; the total is over `all` (default: `checked`).
   */
  private requireAmountsFit(
    ctx: RequestContext,
    checked: { lineNumber: number; quantity: string; unitPrice: string; field: string }[],
    totalField?: string,
    all: { quantity: string; unitPrice: string }[] = checked,
  ): void {
    for (const line of checked) {
      if (!fitsAmount(exactProduct(line.quantity, line.unitPrice))) {
        throw new BadUserInputError(ctx.t('order.lineAmountTooLarge', { field: line.field, line: line.lineNumber, max: MAX_AMOUNT }), {
          field: line.field,
        });
      }
    }
    if (totalField === undefined) return;
    const total = all.reduce((sum, l) => sum.plus(exactProduct(l.quantity, l.unitPrice)), exactProduct('0', '0'));
    if (!fitsAmount(total))
      throw new BadUserInputError(ctx.t('order.totalTooLarge', { field: totalField, max: MAX_AMOUNT }), { field: totalField });
  }

  /** Currency and units must be codes of the lists the anchor adopted. */
  private async requireStandards(ctx: RequestContext, currency: string, lines: Pick<NewLine, 'uom' | 'lineNumber'>[]): Promise<void> {
    const violations: Violation[] = await this.standards.checkCode(ctx, ctx.organizationId, 'CURRENCY', currency, 'currency');
    const checked = new Set<string>();
    for (const line of lines) {
      if (checked.has(line.uom)) continue;
      checked.add(line.uom);
      violations.push(...(await this.standards.checkCode(ctx, ctx.organizationId, 'UOM', line.uom, `lines[${line.lineNumber}].uom`)));
    }
    if (violations.length) throw Errors.validationFailed(ctx, violations);
  }

  private requirePositive(ctx: RequestContext, value: string, field: string): string {
    if (!new Decimal(value).gt(0)) throw new BadUserInputError(ctx.t('order.quantityPositive', { field }), { field });
    return value;
  }

  private requireNotNegative(ctx: RequestContext, value: string, field: string): string {
    if (new Decimal(value).isNegative()) throw new BadUserInputError(ctx.t('order.priceNotNegative', { field }), { field });
    return value;
  }

  /**
   * Writes the order event, the audit row and the outbox event (for
   * subscriptions, webhooks and e-mail), all in the request's transaction.
   */
  /** An order event of the change, with its audit row and its outbox event (written by `write`). */
  private note(
    change: OrderChange,
    order: Pick<PurchaseOrder, 'id' | 'anchorOrganizationId' | 'supplierOrganizationId' | 'revision'> &
      Partial<Pick<PurchaseOrder, 'number'>>,
    type: OrderEventType,
    details: Record<string, unknown>,
    supplierVisible: boolean,
    notify: Record<string, unknown> = {},
  ): void {
    const eventId = randomUUID();
    change.events.push({ id: eventId, type, revision: order.revision, details, supplierVisible });
    change.audit.push({ action: `order.${type.toLowerCase()}`, entityType: 'PurchaseOrder', entityId: order.id, details });
    change.outbox.push(
      prepareEvent({
        type: `order.${type.toLowerCase()}`,
        organizationIds: supplierVisible ? [order.anchorOrganizationId, order.supplierOrganizationId] : [order.anchorOrganizationId],
        entityType: 'PurchaseOrder',
        entityId: order.id,
        // `at`, the order event's time, is added by the statement that writes the event.
        data: {
          purchaseOrderId: order.id,
          orderNumber: order.number ?? details.number ?? null,
          anchorId: order.anchorOrganizationId,
          supplierId: order.supplierOrganizationId,
          orderEventId: eventId,
          revision: order.revision,
          details,
          ...notify,
        },
      }),
    );
  }

  /**
   * Writes what the mutation changed in one statement (lines, order, order events, audit rows,
   * outbox events), with the outbox's dispatch job in the same round trip, and returns the order as
   * it now is (from the statement, not read again).
   */
  private async write(ctx: RequestContext, order: Pick<PurchaseOrder, 'id'>, change: OrderChange): Promise<PurchaseOrder> {
    const lines = [...new Set([...change.lines.keys(), ...change.added.keys()])].map((id) => ({
      id,
      changes: change.lines.get(id) ?? {},
      added: change.added.get(id) ?? {},
    }));
    const [updated] = await Promise.all([
      this.orders.applyChange(ctx, order.id, {
        lines,
        order: change.order,
        recomputeTotal: change.recomputeTotal,
        events: change.events,
        audit: change.audit.map((entry) => auditRow(ctx, entry)),
        outbox: change.outbox.map((event) => outboxRow(ctx, event)),
      }),
      this.domainEvents.dispatch(ctx, change.outbox),
    ]);
    return updated;
  }
}
