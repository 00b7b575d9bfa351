import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  businessToday,
  ConflictError,
  Decimal,
  exactProduct,
  isUuid,
  normalizeDecimal,
  type RequestContext,
  requireId,
} from '@anchorlink/core';
import { type Organization, OrganizationsService } from '@anchorlink/identity';
import {
  ChangeReason,
  LineDecision,
  type LineResponseInput,
  OrderLineStatus,
  type PurchaseOrder,
  type PurchaseOrderLine,
  OrdersService,
} from '@anchorlink/orders';
import { PartsService } from '@anchorlink/parts';
import { buildUblOrder, parseUblOrderResponse, type UblParty, UblDocumentError, type UblResponseLine } from './ubl.js';

/**
 * UBL 2.1 interchange with suppliers' ERPs: a purchase order out as a UBL
 * Order, a UBL OrderResponse in, applied exactly as respondToPurchaseOrder.
 */
@Injectable()
export class PurchaseOrderInterchangeService {
  constructor(
    private readonly orders: OrdersService,
    private readonly parts: PartsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The order as a UBL Order document, and the version to send back as If-Match. */
  async ublOrder(ctx: RequestContext, id: string): Promise<{ xml: string; version: number; number: string }> {
    const order = await this.orders.get(ctx, requireId(ctx, id, 'entity.purchaseOrder'));
    const lines = await this.orders.linesLoader(ctx).load(order.id);
    const parts = await this.parts.loader(ctx).loadMany(lines.map((l) => l.partId));
    const [anchor, supplier] = await this.organizations.loader(ctx).loadMany([order.anchorOrganizationId, order.supplierOrganizationId]);
    const partyOf = (o: Organization | Error | null, fallback: string): UblParty =>
      o && !(o instanceof Error) ? { name: o.name, creditCode: o.creditCode ?? null } : { name: fallback, creditCode: null };
    const xml = buildUblOrder({
      id: order.id,
      number: order.number,
      revision: order.revision,
      // The date in China, as the parties read it (not the UTC date of the instant).
      issueDate: businessToday(order.publishedAt ?? order.createdAt),
      currency: order.currency,
      notes: order.notes,
      buyer: partyOf(anchor, order.anchorOrganizationId),
      seller: partyOf(supplier, order.supplierOrganizationId),
      totalAmount: normalizeDecimal(order.totalAmount),
      lines: lines.map((line, i) => {
        const part = parts[i] && !(parts[i] instanceof Error) ? (parts[i] as { partNumber: string; description: string }) : null;
        return {
          id: line.id,
          lineNumber: line.lineNumber,
          partNumber: part?.partNumber ?? line.partId,
          description: part?.description ?? '',
          supplierPartNumber: line.supplierPartNumber,
          quantity: normalizeDecimal(line.quantity),
          uom: line.uom,
          unitPrice: normalizeDecimal(line.unitPrice),
          lineAmount: exactProduct(line.quantity, line.unitPrice).toFixed(),
          requestedDate: line.requestedDate,
        };
      }),
    });
    return { xml, version: order.version, number: order.number };
  }

  /**
   * Applies a supplier's UBL OrderResponse: AP accepts every line awaiting an
   * answer, RE rejects them all, CA answers line by line. `ifMatch` (the
   * version from the Order's ETag) guards against answering a stale order.
   */
  async applyOrderResponse(ctx: RequestContext, id: string, xml: string, ifMatch: string | undefined): Promise<PurchaseOrder> {
    const order = await this.orders.get(ctx, requireId(ctx, id, 'entity.purchaseOrder'));
    let response;
    try {
      response = parseUblOrderResponse(xml);
    } catch (error) {
      if (error instanceof UblDocumentError) throw invalid(ctx, error.reasons);
      throw error;
    }
    const reasons: string[] = [];
    if (response.orderNumber && response.orderNumber !== order.number) {
      reasons.push(`OrderReference/ID ${response.orderNumber} is not this order (${order.number})`);
    }
    if (response.orderUuid && (!isUuid(response.orderUuid) || response.orderUuid.toLowerCase() !== order.id)) {
      reasons.push(`OrderReference/UUID ${response.orderUuid} is not this order`);
    }
    const lines = await this.orders.linesLoader(ctx).load(order.id);
    const byNumber = new Map(lines.map((l) => [l.lineNumber, l]));
    for (const line of response.lines) {
      if (!byNumber.has(line.lineNumber)) reasons.push(`line ${line.lineNumber} is not a line of order ${order.number}`);
    }
    if (reasons.length) throw invalid(ctx, reasons);

    const pending = lines.filter((l) => l.status === OrderLineStatus.PENDING);
    const rejectReason = response.note ?? 'Rejected by the supplier (UBL OrderResponse RE)';
    let answers: LineResponseInput[];
    if (response.code === 'AP') {
      answers = pending.map((l) => ({ lineId: l.id, decision: LineDecision.ACCEPT }));
    } else if (response.code === 'RE') {
      answers = pending.map((l) => ({ lineId: l.id, decision: LineDecision.REJECT, reasonCode: ChangeReason.OTHER, reason: rejectReason }));
    } else {
      answers = response.lines.map((l) => this.lineAnswer(byNumber.get(l.lineNumber)!, l, response.note));
    }
    if (answers.length === 0) throw new ConflictError(ctx.t('order.nothingToAnswer'));
    return this.orders.respond(ctx, order.id, expectedVersion(ctx, ifMatch, order.version), answers);
  }

  private lineAnswer(line: PurchaseOrderLine, answer: UblResponseLine, note: string | null): LineResponseInput {
    const reason = answer.note ?? note;
    if (answer.status === 'ACCEPTED') return { lineId: line.id, decision: LineDecision.ACCEPT };
    if (answer.status === 'REJECTED') {
      return {
        lineId: line.id,
        decision: LineDecision.REJECT,
        reasonCode: ChangeReason.OTHER,
        reason: reason ?? 'Rejected by the supplier (UBL LineStatusCode 7)',
      };
    }
    const quantityChanged = answer.quantity !== null && !new Decimal(answer.quantity).eq(line.quantity);
    const dateChanged = answer.deliveryDate !== null && answer.deliveryDate !== line.requestedDate;
    return {
      lineId: line.id,
      decision: LineDecision.PROPOSE_CHANGE,
      quantity: answer.quantity,
      deliveryDate: answer.deliveryDate,
      unitPrice: answer.unitPrice,
      reasonCode: quantityChanged ? ChangeReason.QUANTITY_CHANGED : dateChanged ? ChangeReason.DATE_CHANGED : ChangeReason.PRICE_CHANGED,
      reason,
    };
  }
}

function invalid(ctx: RequestContext, reasons: string[]): BadUserInputError {
  return new BadUserInputError(ctx.t('ubl.invalid', { detail: reasons.join('; ') }), { errors: reasons.map((message) => ({ message })) });
}

/** `If-Match: "3"` (or W/"3") names the version the ERP read; absent, the current one. */
function expectedVersion(ctx: RequestContext, ifMatch: string | undefined, current: number): number {
  if (ifMatch === undefined || ifMatch.trim() === '*') return current;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) throw new BadUserInputError(ctx.t('ubl.ifMatchInvalid'), { field: 'If-Match' });
  return Number(match[1]);
}
