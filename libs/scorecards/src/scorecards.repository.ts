import { Injectable } from '@nestjs/common';
import { BUSINESS_TIME_ZONE, DatabaseGate, type RequestContext } from '@anchorlink/core';

export interface DeliveryCounts {
  receivedLines: number;
  onTime: number;
  inFull: number;
  otif: number;
}

export interface OrderCounts {
  ordersCount: number;
  meanResponseHours: number | null;
}

/**
 * The performance measures, each one SQL statement over the period for any
 * number of suppliers, answered per supplier (a supplier without rows has no
 * entry). A line counts as received on the date of its last receipt; on time
 * when that is no later than its confirmed date; in full when everything
 * received reaches the confirmed quantity. `anchorId` null: every anchor the
 * supplier serves; `supplierIds` null: every supplier of the anchor.
 */
@Injectable()
export class ScorecardsRepository {
  constructor(private readonly db: DatabaseGate) {}

  async delivery(
    ctx: RequestContext,
    anchorId: string | null,
    supplierIds: readonly string[] | null,
    from: string,
    to: string,
  ): Promise<Map<string, DeliveryCounts>> {
    const em = await this.db.manager(ctx);
    const rows = await em.query<(DeliveryCounts & { supplierId: string })[]>(
      `WITH received AS (
         SELECT l.id, l.supplier_org_id, COALESCE(l.confirmed_date, l.requested_date) AS due, COALESCE(l.confirmed_quantity, l.quantity) AS promised,
                l.received_quantity, max(r.received_on) AS last_received
           FROM purchase_order_lines l
           JOIN goods_receipt_lines rl ON rl.order_line_id = l.id
           JOIN goods_receipts r ON r.id = rl.receipt_id
          WHERE ($1::uuid IS NULL OR l.anchor_org_id = $1) AND ($2::uuid[] IS NULL OR l.supplier_org_id = ANY($2::uuid[]))
            AND (l.anchor_org_id = $5 OR l.supplier_org_id = $5)
          GROUP BY l.id, l.supplier_org_id)
       SELECT supplier_org_id AS "supplierId",
              count(*)::int AS "receivedLines",
              (count(*) FILTER (WHERE last_received <= due))::int AS "onTime",
              (count(*) FILTER (WHERE received_quantity >= promised))::int AS "inFull",
              (count(*) FILTER (WHERE last_received <= due AND received_quantity >= promised))::int AS otif
         FROM received WHERE last_received BETWEEN $3 AND $4
        GROUP BY supplier_org_id`,
      [anchorId, supplierIds, from, to, ctx.organizationId],
    );
    return new Map(rows.map(({ supplierId, ...counts }) => [supplierId, counts]));
  }

  async orders(
    ctx: RequestContext,
    anchorId: string | null,
    supplierIds: readonly string[],
    from: string,
    to: string,
  ): Promise<Map<string, OrderCounts>> {
    const em = await this.db.manager(ctx);
    const rows = await em.query<(OrderCounts & { supplierId: string })[]>(
      `SELECT o.supplier_org_id AS "supplierId", count(*)::int AS "ordersCount",
              avg(extract(epoch FROM (o.first_responded_at - o.published_at)) / 3600)::float8 AS "meanResponseHours"
         FROM purchase_orders o
        WHERE o.supplier_org_id = ANY($2::uuid[]) AND ($1::uuid IS NULL OR o.anchor_org_id = $1)
          AND (o.anchor_org_id = $5 OR o.supplier_org_id = $5)
          AND o.published_at IS NOT NULL
          AND (o.published_at AT TIME ZONE '${BUSINESS_TIME_ZONE}')::date BETWEEN $3 AND $4
        GROUP BY o.supplier_org_id`,
      [anchorId, supplierIds, from, to, ctx.organizationId],
    );
    return new Map(rows.map(({ supplierId, ...counts }) => [supplierId, counts]));
  }

  /** The share of firm forecast demand the supplier has committed to, over its published forecasts. */
  async forecastCommitRatio(
    ctx: RequestContext,
    anchorId: string | null,
    supplierIds: readonly string[],
  ): Promise<Map<string, number | null>> {
    const em = await this.db.manager(ctx);
    const rows = await em.query<{ supplierId: string; ratio: number | null }[]>(
      `SELECT f.supplier_org_id AS "supplierId",
              CASE WHEN sum(b.quantity) > 0 THEN (sum(COALESCE(b.committed_quantity, 0)) / sum(b.quantity))::float8 END AS ratio
         FROM forecasts f JOIN forecast_buckets b ON b.forecast_id = f.id
        WHERE f.status = 'PUBLISHED' AND f.supplier_org_id = ANY($2::uuid[]) AND ($1::uuid IS NULL OR f.anchor_org_id = $1)
          AND (f.anchor_org_id = $3 OR f.supplier_org_id = $3)
          AND b.bucket_index < f.firm_buckets
        GROUP BY f.supplier_org_id`,
      [anchorId, supplierIds, ctx.organizationId],
    );
    return new Map(rows.map((r) => [r.supplierId, r.ratio]));
  }
}
