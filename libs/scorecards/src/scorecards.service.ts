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
    private readonly scorecards: ScorecardsRepository,
    private readonly partnerships: PartnershipsService,
  ) {}

  /** An anchor for any of its suppliers (its own business with them); a supplier for itself (all its anchors). */
  async scorecard(ctx: RequestContext, supplierId: string, from: string, to: string): Promise<SupplierScorecard> {
    const supplier = requireId(ctx, supplierId, 'entity.supplier');
    if (from > to) throw new BadUserInputError(ctx.t('field.range', { field: 'from', min: '', max: to }), { field: 'from' });
    let anchorId: string | null;
    if (ctx.organizationKind === OrgKind.ANCHOR) {
      if (!(await this.partnerships.findWithSupplier(ctx, supplier))) throw Errors.notFound(ctx, 'entity.supplier');
      anchorId = ctx.organizationId;
    } else if (supplier === ctx.organizationId) {
      anchorId = null;
    } else {
      throw Errors.notFound(ctx, 'entity.supplier');
    }
    const [delivery, orders, forecastCommitRatio] = [
      await this.scorecards.delivery(ctx, anchorId, supplier, from, to),
      await this.scorecards.orders(ctx, anchorId, supplier, from, to),
      await this.scorecards.forecastCommitRatio(ctx, anchorId, supplier),
    ];
    return {
      supplierId: supplier,
      from,
      to,
      ordersCount: orders.ordersCount,
      onTimeRate: rate(delivery.onTime, delivery.receivedLines),
      inFullRate: rate(delivery.inFull, delivery.receivedLines),
      otifRate: rate(delivery.otif, delivery.receivedLines),
      meanResponseHours: orders.meanResponseHours === null ? null : Math.round(orders.meanResponseHours * 100) / 100,
      forecastCommitRatio,
    };
  }

  /** The anchor's on-time delivery rate (订单准时率) over all its suppliers in the last `days` days. */
  async onTimeRate(ctx: RequestContext, days: number): Promise<number | null> {
    const to = businessToday();
    const fromDate = new Date(`${to}T00:00:00Z`);
    fromDate.setUTCDate(fromDate.getUTCDate() - (days - 1));
    const delivery = await this.scorecards.delivery(ctx, ctx.organizationId, null, fromDate.toISOString().slice(0, 10), to);
    return rate(delivery.onTime, delivery.receivedLines);
  }
}
