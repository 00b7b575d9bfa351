import { Injectable } from '@nestjs/common';
import { BadUserInputError, businessToday, Errors, OrgKind, type RequestContext, requireId } from '@anchorlink/core';
import { PartnershipsService } from '@anchorlink/identity';
import { ScorecardsRepository } from './scorecards.repository.js';
import type { SupplierScorecard } from './supplier-scorecard.type.js';

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Supplier scorecards, computed in SQL from receipts, responses and commitments. */
@Injectable()
export class ScorecardsService {
  constructor(
    private readonly repository: ScorecardsRepository,
    private readonly partnerships: PartnershipsService,
  ) {}

  /** An anchor for any of its suppliers (its own business with them); a supplier for itself (all its anchors). */
  async scorecard(ctx: RequestContext, supplierId: string, from: string, to: string): Promise<SupplierScorecard> {
    const supplier = requireId(ctx, supplierId, 'entity.supplier');
    this.checkPeriod(ctx, from, to);
    let anchorId: string | null;
    if (ctx.organizationKind === OrgKind.ANCHOR) {
      if (!(await this.partnerships.findWithSupplier(ctx, supplier))) throw Errors.notFound(ctx, 'entity.supplier');
      anchorId = ctx.organizationId;
    } else if (supplier === ctx.organizationId) {
      anchorId = null;
    } else {
      throw Errors.notFound(ctx, 'entity.supplier');
    }
    const [card] = await this.compute(ctx, anchorId, [supplier], from, to);
    return card;
  }

  /**
   * Every scorecard the caller may read, in one request: an anchor's, one per supplier it has a
   * partnership with (suspended ones included, as for `scorecard`), in the order the partnerships
   * were made; a supplier's, its own.
   */
  async scorecards(ctx: RequestContext, from: string, to: string): Promise<SupplierScorecard[]> {
    this.checkPeriod(ctx, from, to);
    if (ctx.organizationKind !== OrgKind.ANCHOR) return this.compute(ctx, null, [ctx.organizationId], from, to);
    const suppliers = (await this.partnerships.list(ctx))
      .filter((p) => p.anchorOrganizationId === ctx.organizationId)
      .map((p) => p.supplierOrganizationId);
    return suppliers.length ? this.compute(ctx, ctx.organizationId, suppliers, from, to) : [];
  }

  /** The anchor's on-time delivery rate (订单准时率) over all its suppliers in the last `days` days. */
  async onTimeRate(ctx: RequestContext, days: number): Promise<number | null> {
    const to = businessToday();
    const fromDate = new Date(`${to}T00:00:00Z`);
    fromDate.setUTCDate(fromDate.getUTCDate() - (days - 1));
    const bySupplier = await this.repository.delivery(ctx, ctx.organizationId, null, fromDate.toISOString().slice(0, 10), to);
    let onTime = 0;
    let received = 0;
    for (const counts of bySupplier.values()) {
      onTime += counts.onTime;
      received += counts.receivedLines;
    }
    return rate(onTime, received);
  }

  private checkPeriod(ctx: RequestContext, from: string, to: string): void {
    if (from > to) throw new BadUserInputError(ctx.t('field.range', { field: 'from', min: '', max: to }), { field: 'from' });
  }

  /** Three statements whatever the number of suppliers. */
  private async compute(
    ctx: RequestContext,
    anchorId: string | null,
    suppliers: string[],
    from: string,
    to: string,
  ): Promise<SupplierScorecard[]> {
    const delivery = await this.repository.delivery(ctx, anchorId, suppliers, from, to);
    const orders = await this.repository.orders(ctx, anchorId, suppliers, from, to);
    const commitments = await this.repository.forecastCommitRatio(ctx, anchorId, suppliers);
    return suppliers.map((supplierId) => {
      const received = delivery.get(supplierId) ?? { receivedLines: 0, onTime: 0, inFull: 0, otif: 0 };
      const ordered = orders.get(supplierId) ?? { ordersCount: 0, meanResponseHours: null };
      return {
        supplierId,
        from,
        to,
        ordersCount: ordered.ordersCount,
        onTimeRate: rate(received.onTime, received.receivedLines),
        inFullRate: rate(received.inFull, received.receivedLines),
        otifRate: rate(received.otif, received.receivedLines),
        meanResponseHours: ordered.meanResponseHours === null ? null : Math.round(ordered.meanResponseHours * 100) / 100,
        forecastCommitRatio: commitments.get(supplierId) ?? null,
      };
    });
  }
}
