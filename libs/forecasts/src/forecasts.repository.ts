import { Injectable } from '@nestjs/common';
import {
  DatabaseGate,
  type PageRoot,
  type PlannedRow,
  plannedRows,
  preparedQuery,
  type RequestContext,
  type Selection,
  SqlPlanner,
  type TotalCount,
} from '@anchorlink/core';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { BucketGranularity } from './buckets.js';
import { Forecast, ForecastStatus } from './entities/forecast.entity.js';

export interface ForecastListQuery {
  supplierId: string | null;
  anchorId: string | null;
  status: ForecastStatus | null;
  after: [string, string] | null;
  limit: number;
}

export interface BucketRow {
  forecastId: string;
  partId: string;
  bucketIndex: number;
  periodStart: string;
  quantity: string;
  previousQuantity: string | null;
  committedQuantity: string | null;
  commitNote: string | null;
}

export interface SummaryRow {
  forecastId: string;
  totalDemand: string;
  totalCommitted: string;
  shortfallBuckets: number;
}

export interface RiskRow {
  forecastId: string;
  partId: string;
  periodStart: string;
  demand: string;
  committed: string | null;
  firm: boolean;
}

/** "Needs attention": committed below demand, or nothing committed for real demand in the firm zone. */
const SHORTFALL = `((b.committed_quantity IS NOT NULL AND b.committed_quantity < b.quantity)
  OR (b.committed_quantity IS NULL AND b.bucket_index < f.firm_buckets AND b.quantity > 0))`;

/**
 * Queries on forecasts and their buckets. A forecast belongs to its anchor and
 * is read by its supplier; every query says so and the RLS policies say it again.
 * Buckets are written and read set-based, never as one object per row.
 */
@Injectable()
export class ForecastsRepository {
  constructor(
    private readonly db: DatabaseGate,
    private readonly planner: SqlPlanner,
  ) {}

  private em(ctx: RequestContext): Promise<EntityManager> {
    return this.db.manager(ctx);
  }

  private visible<T extends SelectQueryBuilder<Forecast>>(qb: T, ctx: RequestContext): T {
    return qb.andWhere('(f.anchor_org_id = :me OR f.supplier_org_id = :me)', { me: ctx.organizationId });
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<Forecast[]> {
    const em = await this.em(ctx);
    return this.visible(em.createQueryBuilder(Forecast, 'f').where('f.id = ANY(:ids)', { ids }), ctx).getMany();
  }

  /** One of the caller's forecasts as the GraphQL selection asks for it, in one statement (SqlPlanner), or null. */
  async readForecast(ctx: RequestContext, id: string, selection: Selection): Promise<PlannedRow | null> {
    const { text, params } = this.planner.select('Forecast', selection, {
      params: [ctx.organizationId, id],
      source: () => ({ from: 'forecasts f', alias: 'f', where: '(f.anchor_org_id = $1 OR f.supplier_org_id = $1) AND f.id = $2' }),
    });
    const [row] = plannedRows(await preparedQuery<{ row: PlannedRow }>(await this.db.sql(ctx), 'forecasts.read', text, params));
    return row ?? null;
  }

  /** A page of the caller's forecasts as a connection, newest first, in one statement (SqlPlanner). */
  async pageForecasts(ctx: RequestContext, query: ForecastListQuery, selection: Selection): Promise<PlannedRow> {
    const params: unknown[] = [ctx.organizationId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['(f.anchor_org_id = $1 OR f.supplier_org_id = $1)'];
    if (query.supplierId) where.push(`f.supplier_org_id = ${param(query.supplierId)}`);
    if (query.anchorId) where.push(`f.anchor_org_id = ${param(query.anchorId)}`);
    if (query.status) where.push(`f.status = ${param(query.status)}::forecast_status`);
    const filtered = where.join(' AND ');
    const after = query.after
      ? ` AND (f.published_at, f.id) < (${param(query.after[0])}::timestamptz, ${param(query.after[1])}::uuid)`
      : '';
    const more = param(query.limit + 1);
    const page: PageRoot = {
      order: (a) => `${a}.published_at DESC, ${a}.id DESC`,
      cursor: (a) => `json_build_array(to_char(${a}.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${a}.id)`,
      // From the same parameter: one that no selected field uses would leave PostgreSQL unable to type it.
      size: `(${more}::int - 1)`,
      counted: `forecasts f WHERE ${filtered}`,
    };
    const { text, params: bound } = this.planner.select('ForecastConnection', selection, {
      params,
      source: () => ({
        with: `page AS (SELECT f.* FROM forecasts f WHERE ${filtered}${after} ORDER BY f.published_at DESC, f.id DESC LIMIT ${more})`,
        from: '(SELECT 1) c',
        alias: 'c',
        where: 'true',
        root: { page },
      }),
    });
    const [row] = plannedRows(await preparedQuery<{ row: PlannedRow }>(await this.db.sql(ctx), 'forecasts.page', text, bound));
    return row;
  }

  async list(ctx: RequestContext, query: ForecastListQuery): Promise<{ rows: Forecast[]; totalCount: TotalCount }> {
    const em = await this.em(ctx);
    const filtered = () => {
      const qb = this.visible(em.createQueryBuilder(Forecast, 'f').where('true'), ctx);
      if (query.supplierId) qb.andWhere('f.supplier_org_id = :supplierId', { supplierId: query.supplierId });
      if (query.anchorId) qb.andWhere('f.anchor_org_id = :anchorId', { anchorId: query.anchorId });
      if (query.status) qb.andWhere('f.status = :status', { status: query.status });
      return qb;
    };
    const page = filtered()
      .orderBy('f.published_at', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(query.limit + 1);
    if (query.after) {
      page.andWhere('(f.published_at, f.id) < (:afterAt::timestamptz, :afterId::uuid)', {
        afterAt: query.after[0],
        afterId: query.after[1],
      });
    }
    // Counted only if the client asks for totalCount.
    return { rows: await page.getMany(), totalCount: () => filtered().getCount() };
  }

  /**
   * Serializes publishing for one anchor–supplier pair (revision numbers never
   * collide), then returns the current revision, if any.
   */
  async lockPair(ctx: RequestContext, supplierId: string): Promise<Forecast | null> {
    const em = await this.em(ctx);
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('forecast:' || $1 || ':' || $2))`, [ctx.organizationId, supplierId]);
    return em
      .createQueryBuilder(Forecast, 'f')
      .where('f.anchor_org_id = :me AND f.supplier_org_id = :supplierId', { me: ctx.organizationId, supplierId })
      .orderBy('f.revision', 'DESC')
      .limit(1)
      .getOne();
  }

  async supersede(ctx: RequestContext, id: string): Promise<void> {
    const em = await this.em(ctx);
    await em.query(
      `UPDATE forecasts SET status = 'SUPERSEDED', superseded_at = now() WHERE id = $1 AND anchor_org_id = $2 AND status = 'PUBLISHED'`,
      [id, ctx.organizationId],
    );
  }

  async insert(
    ctx: RequestContext,
    values: Pick<Forecast, 'supplierOrganizationId' | 'revision' | 'granularity' | 'horizonStart' | 'bucketCount' | 'firmBuckets'>,
  ): Promise<string> {
    const em = await this.em(ctx);
    const [row] = await em.query<{ id: string }[]>(
      `INSERT INTO forecasts (anchor_org_id, supplier_org_id, revision, status, granularity, horizon_start, bucket_count, firm_buckets, published_by)
       VALUES ($1, $2, $3, 'PUBLISHED', $4, $5, $6, $7, $8) RETURNING id`,
      [
        ctx.organizationId,
        values.supplierOrganizationId,
        values.revision,
        values.granularity,
        values.horizonStart,
        values.bucketCount,
        values.firmBuckets,
        ctx.userId,
      ],
    );
    return row.id;
  }

  /**
   * Writes every bucket of a revision in one INSERT … SELECT over unnest():
   * `quantities` holds bucketCount values per part, in the order of `partIds`.
   * Each bucket gets the previous revision's quantity for the same part and
   * period, and keeps the previous commitment when the demand did not change.
   */
  async insertBuckets(
    ctx: RequestContext,
    forecast: { id: string; supplierOrganizationId: string; granularity: BucketGranularity; horizonStart: string; bucketCount: number },
    previousId: string | null,
    partIds: string[],
    quantities: string[],
  ): Promise<number> {
    const em = await this.em(ctx);
    const [, inserted] = await em.query<[unknown, number]>(
      `INSERT INTO forecast_buckets (forecast_id, part_id, bucket_index, anchor_org_id, supplier_org_id, period_start, quantity,
                                     previous_quantity, committed_quantity, commit_note, committed_at)
       SELECT $1, parts.part_id, q.idx, $2, $3, q.period_start, q.quantity, prev.quantity,
              CASE WHEN prev.quantity = q.quantity THEN prev.committed_quantity END,
              CASE WHEN prev.quantity = q.quantity THEN prev.commit_note END,
              CASE WHEN prev.quantity = q.quantity THEN prev.committed_at END
         FROM (SELECT quantity, ((n - 1) % $6)::smallint AS idx, ((n - 1) / $6) + 1 AS part_ordinal,
                      CASE WHEN $4 = 'WEEK' THEN $5::date + ((n - 1) % $6)::int * 7
                           ELSE ($5::date + make_interval(months => ((n - 1) % $6)::int))::date END AS period_start
                 FROM unnest($8::numeric[]) WITH ORDINALITY AS u(quantity, n)) q
         JOIN unnest($7::uuid[]) WITH ORDINALITY AS parts(part_id, ordinal) ON parts.ordinal = q.part_ordinal
         LEFT JOIN forecast_buckets prev
                ON prev.forecast_id = $9 AND prev.part_id = parts.part_id AND prev.period_start = q.period_start`,
      [
        forecast.id,
        ctx.organizationId,
        forecast.supplierOrganizationId,
        forecast.granularity,
        forecast.horizonStart,
        forecast.bucketCount,
        partIds,
        quantities,
        previousId,
      ],
    );
    return inserted;
  }

  /** Buckets of these forecasts, optionally of one part only, by part number then period. */
  async findBuckets(ctx: RequestContext, forecastIds: readonly string[], partId: string | null): Promise<BucketRow[]> {
    const em = await this.em(ctx);
    return em.query(
      `SELECT b.forecast_id AS "forecastId", b.part_id AS "partId", b.bucket_index AS "bucketIndex", b.period_start AS "periodStart",
              b.quantity, b.previous_quantity AS "previousQuantity", b.committed_quantity AS "committedQuantity", b.commit_note AS "commitNote"
         FROM forecast_buckets b JOIN parts p ON p.id = b.part_id
        WHERE b.forecast_id = ANY($1) AND ($2::uuid IS NULL OR b.part_id = $2)
          AND (b.anchor_org_id = $3 OR b.supplier_org_id = $3)
        ORDER BY b.forecast_id, p.part_number, b.part_id, b.bucket_index`,
      [forecastIds, partId, ctx.organizationId],
    );
  }

  /** The demand of the named buckets of one forecast, for checking commitments. */
  async findDemand(
    ctx: RequestContext,
    forecastId: string,
    partIds: string[],
    periodStarts: string[],
  ): Promise<Map<string, { quantity: string; partNumber: string }>> {
    const em = await this.em(ctx);
    const rows: { part_id: string; period_start: string; quantity: string; part_number: string }[] = await em.query(
      `SELECT b.part_id, b.period_start, b.quantity, p.part_number
         FROM forecast_buckets b JOIN unnest($2::uuid[], $3::date[]) AS u(part_id, period_start)
           ON b.part_id = u.part_id AND b.period_start = u.period_start
         JOIN parts p ON p.id = b.part_id
        WHERE b.forecast_id = $1 AND (b.anchor_org_id = $4 OR b.supplier_org_id = $4)`,
      [forecastId, partIds, periodStarts, ctx.organizationId],
    );
    return new Map(rows.map((r) => [`${r.part_id}|${r.period_start}`, { quantity: r.quantity, partNumber: r.part_number }]));
  }

  async commit(
    ctx: RequestContext,
    forecastId: string,
    commitments: { partId: string; periodStart: string; quantity: string; note: string | null }[],
  ): Promise<number> {
    const em = await this.em(ctx);
    const [, updated] = await em.query<[unknown, number]>(
      `UPDATE forecast_buckets b
          SET committed_quantity = u.quantity, commit_note = u.note, committed_at = now()
         FROM unnest($2::uuid[], $3::date[], $4::numeric[], $5::text[]) AS u(part_id, period_start, quantity, note)
        WHERE b.forecast_id = $1 AND b.part_id = u.part_id AND b.period_start = u.period_start AND b.supplier_org_id = $6`,
      [
        forecastId,
        commitments.map((c) => c.partId),
        commitments.map((c) => c.periodStart),
        commitments.map((c) => c.quantity),
        commitments.map((c) => c.note),
        ctx.organizationId,
      ],
    );
    return updated;
  }

  async summaries(ctx: RequestContext, forecastIds: readonly string[]): Promise<SummaryRow[]> {
    const em = await this.em(ctx);
    return em.query(
      `SELECT f.id AS "forecastId",
              COALESCE(sum(b.quantity), 0)::text AS "totalDemand",
              COALESCE(sum(b.committed_quantity), 0)::text AS "totalCommitted",
              (count(*) FILTER (WHERE ${SHORTFALL}))::int AS "shortfallBuckets"
         FROM forecasts f LEFT JOIN forecast_buckets b ON b.forecast_id = f.id
        WHERE f.id = ANY($1) AND (f.anchor_org_id = $2 OR f.supplier_org_id = $2)
        GROUP BY f.id`,
      [forecastIds, ctx.organizationId],
    );
  }

  /** Shortfalls of the current revisions the caller is a party of (an anchor: all its suppliers). */
  async supplyRisks(ctx: RequestContext, firmOnly: boolean, limit: number): Promise<RiskRow[]> {
    const em = await this.em(ctx);
    return em.query(
      `SELECT b.forecast_id AS "forecastId", b.part_id AS "partId", b.period_start AS "periodStart",
              b.quantity::text AS demand, b.committed_quantity::text AS committed, (b.bucket_index < f.firm_buckets) AS firm
         FROM forecasts f JOIN forecast_buckets b ON b.forecast_id = f.id
        WHERE f.status = 'PUBLISHED' AND (f.anchor_org_id = $1 OR f.supplier_org_id = $1)
          AND ${SHORTFALL} AND (NOT $2 OR b.bucket_index < f.firm_buckets)
        ORDER BY b.period_start, f.supplier_org_id, b.part_id
        LIMIT $3`,
      [ctx.organizationId, firmOnly, limit],
    );
  }

  /** The caller's (anchor's) parts by its part number, or by the supplier's part number for that supplier. */
  async partsByNumber(ctx: RequestContext, supplierId: string, numbers: string[], bySupplierNumber: boolean): Promise<Map<string, string>> {
    const em = await this.em(ctx);
    const rows: { number: string; part_id: string }[] = await em.query(
      bySupplierNumber
        ? `SELECT sp.supplier_part_number AS number, sp.part_id FROM supplier_parts sp
            WHERE sp.anchor_org_id = $1 AND sp.supplier_org_id = $2 AND sp.supplier_part_number = ANY($3)`
        : `SELECT p.part_number AS number, p.id AS part_id FROM parts p WHERE p.anchor_org_id = $1 AND p.part_number = ANY($2)`,
      bySupplierNumber ? [ctx.organizationId, supplierId, numbers] : [ctx.organizationId, numbers],
    );
    return new Map(rows.map((r) => [r.number, r.part_id]));
  }
}
