import { FORECAST_LIFECYCLE, ForecastAction, forecastActions } from './forecast-lifecycle.js';
import { Injectable } from '@nestjs/common';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  AuditService,
  BadUserInputError,
  byKeys,
  ConflictError,
  DatabaseGate,
  Decimal,
  decodeCursor,
  DomainEvents,
  Errors,
  IdempotencyService,
  isCalendarDate,
  isUuid,
  normalizeDecimal,
  type Page,
  pageSize,
  parseDecimal,
  type RequestContext,
  requestLoader,
  LoaderSlot,
  requireId,
  toPage,
  type PlannedRow,
  type Selection,
} from '@anchorlink/core';
import { PartnershipsService } from '@anchorlink/identity';
import { PartsService } from '@anchorlink/parts';
import type DataLoader from 'dataloader';
import { BucketGranularity, bucketStart, isBucketStart, MAX_BUCKETS } from './buckets.js';
import type {
  CommitmentInput,
  ForecastBucketView,
  ForecastFilter,
  ForecastLineView,
  ForecastSummary,
  ImportForecastInput,
  PublishForecastInput,
  SupplyRisk,
} from './dto/forecast.types.js';
import { type Forecast, ForecastStatus } from './entities/forecast.entity.js';
import { type BucketRow, type ForecastListQuery, ForecastsRepository } from './forecasts.repository.js';

/** Parts per forecast revision (10,000 × 52 weeks is the benchmark case). */
export const MAX_FORECAST_PARTS = 20_000;
const MAX_CSV_ERRORS = 50;
const MAX_RISKS = 2_000;
const BULK_STATEMENT_TIMEOUT_MS = 120_000;

export interface CsvError {
  row: number;
  column: number;
  header: string | null;
  message: string;
}

interface Demand {
  supplierId: string;
  granularity: BucketGranularity;
  horizonStart: string;
  bucketCount: number;
  firmBuckets: number;
  partIds: string[];
  /** bucketCount quantities per part, in the order of partIds. */
  quantities: string[];
}

/**
 * Rolling demand forecasts and capacity commitments. An anchor planner
 * publishes revision n+1 for one supplier (revision n becomes SUPERSEDED, in
 * the same transaction); the supplier commits per part and bucket on the
 * current revision; the anchor watches supply risks.
 */
// Per-request loaders (RequestScope slots).
const SUMMARY_BY_FORECAST = new LoaderSlot<string, ForecastSummary>('forecasts.summary');
const FORECAST_BY_ID = new LoaderSlot<string, Forecast | null>('forecasts.byId');
const BUCKETS_BY_FORECAST = new LoaderSlot<string, BucketRow[]>('forecasts.buckets'); // one loader per part filter

@Injectable()
export class ForecastsService {
  constructor(
    private readonly forecasts: ForecastsRepository,
    private readonly partnerships: PartnershipsService,
    private readonly parts: PartsService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly events: DomainEvents,
    private readonly db: DatabaseGate,
  ) {}

  // ---------------------------------------------------------------- reads

  async get(ctx: RequestContext, id: string): Promise<Forecast> {
    const forecast = await this.loader(ctx).load(requireId(ctx, id, 'entity.forecast'));
    if (!forecast) throw Errors.notFound(ctx, 'entity.forecast');
    return forecast;
  }

  /** What the caller may do next with a forecast (the portal's buttons). */
  availableActions(ctx: RequestContext, forecast: Pick<Forecast, 'status' | 'supplierOrganizationId'>): ForecastAction[] {
    return forecastActions(ctx, forecast);
  }

  /** A forecast as the GraphQL selection asks for it (its grid included), in one statement (SqlPlanner). */
  async read(ctx: RequestContext, id: string, selection: Selection): Promise<PlannedRow> {
    const row = await this.forecasts.readForecast(ctx, requireId(ctx, id, 'entity.forecast'), selection);
    if (!row) throw Errors.notFound(ctx, 'entity.forecast');
    return row;
  }

  async list(
    ctx: RequestContext,
    filter: ForecastFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<Forecast>> {
    const query = this.listQuery(ctx, filter, first, after);
    const { rows, totalCount } = await this.forecasts.list(ctx, query);
    for (const forecast of rows) this.loader(ctx).prime(forecast.id, forecast);
    return toPage(rows, query.limit, totalCount, (f) => [f.publishedAt.toISOString(), f.id]);
  }

  /** The caller's forecasts as a connection, as the GraphQL selection asks for it, in one statement (SqlPlanner). */
  page(
    ctx: RequestContext,
    filter: ForecastFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    selection: Selection,
  ): Promise<PlannedRow> {
    return this.forecasts.pageForecasts(ctx, this.listQuery(ctx, filter, first, after), selection);
  }

  private listQuery(
    ctx: RequestContext,
    filter: ForecastFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): ForecastListQuery {
    const size = pageSize(ctx, first);
    const cursor = decodeCursor(ctx, after, ['timestamp', 'uuid']);
    const id = (value: string | null | undefined) =>
      value == null ? null : isUuid(value) ? value : '00000000-0000-0000-0000-000000000000';
    return {
      supplierId: id(filter?.supplierId),
      anchorId: id(filter?.anchorId),
      status: filter?.status ?? null,
      after: cursor,
      limit: size,
    };
  }

  /** The lines of a forecast; with a part, only that part's buckets are read. */
  async lines(ctx: RequestContext, forecast: Forecast, partId: string | null | undefined): Promise<ForecastLineView[]> {
    if (partId !== null && partId !== undefined && !isUuid(partId)) return [];
    const rows = await this.bucketsLoader(ctx, partId ?? null).load(forecast.id);
    const lines: ForecastLineView[] = [];
    let current: ForecastLineView | undefined;
    for (const row of rows) {
      if (current?.partId !== row.partId) {
        current = { partId: row.partId, buckets: [] };
        lines.push(current);
      }
      current.buckets.push(this.bucketView(forecast, row));
    }
    return lines;
  }

  summary(ctx: RequestContext, forecast: Forecast): Promise<ForecastSummary> {
    return requestLoader(ctx, SUMMARY_BY_FORECAST, async (ids: readonly string[]) => {
      const rows = await this.forecasts.summaries(ctx, ids);
      return byKeys(ids, rows, (r) => r.forecastId).map((r) => ({
        totalDemand: r?.totalDemand ?? '0',
        totalCommitted: r?.totalCommitted ?? '0',
        shortfallBuckets: r?.shortfallBuckets ?? 0,
      }));
    }).load(forecast.id);
  }

  /**
   * Buckets of current revisions that need attention: committed below demand,
   * or nothing committed for real demand in the firm zone. An anchor sees all
   * its suppliers', a supplier its own. The earliest periods come first.
   */
  async supplyRisks(ctx: RequestContext, firmOnly: boolean | null | undefined): Promise<SupplyRisk[]> {
    const rows = await this.forecasts.supplyRisks(ctx, firmOnly === true, MAX_RISKS);
    return rows.map((r) => ({
      ...r,
      demand: normalizeDecimal(r.demand),
      committed: r.committed === null ? null : normalizeDecimal(r.committed),
    }));
  }

  // ---------------------------------------------------------------- anchor: publish

  publish(ctx: RequestContext, input: PublishForecastInput): Promise<Forecast> {
    const { idempotencyKey, ...request } = input;
    return this.idempotency.once(
      ctx,
      'publishForecast',
      idempotencyKey,
      request,
      () => this.publishChecked(ctx, input),
      (id) => this.get(ctx, id),
    );
  }

  private async publishChecked(ctx: RequestContext, input: PublishForecastInput): Promise<Forecast> {
    const supplierId = requireId(ctx, input.supplierId, 'entity.supplier');
    await this.partnerships.requireActive(ctx, supplierId);
    this.checkHorizon(ctx, input.granularity, input.horizonStart, input.bucketCount, input.firmBuckets);
    if (!input.lines.length) throw new BadUserInputError(ctx.t('field.required', { field: 'lines' }), { field: 'lines' });
    if (input.lines.length > MAX_FORECAST_PARTS) {
      throw new BadUserInputError(ctx.t('forecast.tooManyLines', { max: MAX_FORECAST_PARTS }), { field: 'lines' });
    }
    const partIds: string[] = [];
    const quantities: string[] = [];
    const seen = new Set<string>();
    input.lines.forEach((line, i) => {
      const partId = requireId(ctx, line.partId, 'entity.part');
      if (seen.has(partId))
        throw new BadUserInputError(ctx.t('forecast.duplicatePart', { part: line.partId }), { field: `lines[${i}].partId` });
      seen.add(partId);
      if (line.quantities.length !== input.bucketCount) {
        throw new BadUserInputError(
          ctx.t('forecast.lineLength', { line: i + 1, part: line.partId, actual: line.quantities.length, expected: input.bucketCount }),
          { field: `lines[${i}].quantities` },
        );
      }
      line.quantities.forEach((q, b) => {
        if (q.startsWith('-') && q !== '0') {
          throw new BadUserInputError(ctx.t('forecast.negative', { line: i + 1, bucket: b + 1 }), {
            field: `lines[${i}].quantities[${b}]`,
          });
        }
      });
      partIds.push(partId);
      quantities.push(...line.quantities);
    });
    await this.requireMapped(ctx, supplierId, partIds);
    return this.store(ctx, {
      supplierId,
      granularity: input.granularity,
      horizonStart: input.horizonStart,
      bucketCount: input.bucketCount,
      firmBuckets: input.firmBuckets,
      partIds,
      quantities,
    });
  }

  /**
   * A forecast from CSV: `part_number` (or `supplier_part_number`), then one
   * column per bucket named by its start date, consecutive. Every error names
   * its row and column; with any error nothing is stored.
   */
  importCsv(ctx: RequestContext, input: ImportForecastInput): Promise<Forecast> {
    const { idempotencyKey, ...request } = input;
    return this.idempotency.once(
      ctx,
      'importForecast',
      idempotencyKey,
      request,
      () => this.importChecked(ctx, input),
      (id) => this.get(ctx, id),
    );
  }

  private async importChecked(ctx: RequestContext, input: ImportForecastInput): Promise<Forecast> {
    const supplierId = requireId(ctx, input.supplierId, 'entity.supplier');
    await this.partnerships.requireActive(ctx, supplierId);
    const errors: CsvError[] = [];
    const fail = (row: number, column: number, header: string | null, message: string) => {
      if (errors.length < MAX_CSV_ERRORS) errors.push({ row, column, header, message });
    };
    const stop = () => new BadUserInputError(ctx.t('forecast.csvInvalid', { count: errors.length }), { field: 'csv', errors });

    let records: string[][];
    try {
      records = parseCsv(input.csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
    } catch (error) {
      fail((error as { lines?: number }).lines ?? 1, 1, null, ctx.t('forecast.csvUnreadable', { detail: (error as Error).message }));
      throw stop();
    }
    const [header, ...rows] = records;
    if (!header || header.length < 2) {
      fail(1, 1, header?.[0] ?? null, ctx.t('forecast.csvHeader'));
      throw stop();
    }
    const keyColumn = header[0].toLowerCase();
    const bySupplierNumber = keyColumn === 'supplier_part_number';
    if (keyColumn !== 'part_number' && !bySupplierNumber) fail(1, 1, header[0], ctx.t('forecast.csvKeyColumn'));
    const dates = header.slice(1);
    const horizonStart = dates[0];
    if (!isCalendarDate(horizonStart) || !isBucketStart(input.granularity, horizonStart)) {
      fail(1, 2, horizonStart, ctx.t('forecast.horizonStart', { date: horizonStart }));
    } else {
      dates.forEach((date, i) => {
        const expected = bucketStart(input.granularity, horizonStart, i);
        if (date !== expected) {
          const unit = ctx.t(input.granularity === BucketGranularity.WEEK ? 'forecast.csvUnitWeek' : 'forecast.csvUnitMonth');
          fail(1, i + 2, date, ctx.t('forecast.csvDates', { expected, unit }));
        }
      });
    }
    if (dates.length > MAX_BUCKETS || input.firmBuckets < 1 || input.firmBuckets > dates.length) {
      fail(1, 2, null, ctx.t('forecast.bucketCounts', { max: MAX_BUCKETS }));
    }
    if (!rows.length) fail(2, 1, null, ctx.t('forecast.csvNoRows'));
    if (rows.length > MAX_FORECAST_PARTS) fail(rows.length + 1, 1, null, ctx.t('forecast.tooManyLines', { max: MAX_FORECAST_PARTS }));
    if (errors.length) throw stop();

    const numbers = rows.map((r) => r[0] ?? '');
    const found = await this.forecasts.partsByNumber(ctx, supplierId, [...new Set(numbers)], bySupplierNumber);
    const mapping = bySupplierNumber ? null : await this.parts.ownWithMapping(ctx, [...found.values()], supplierId);
    const partIds: string[] = [];
    const quantities: string[] = [];
    const seen = new Map<string, number>();
    rows.forEach((row, r) => {
      const rowNumber = r + 2;
      const number = row[0] ?? '';
      const partId = found.get(number);
      if (!partId)
        fail(
          rowNumber,
          1,
          header[0],
          ctx.t(bySupplierNumber ? 'forecast.csvUnknownSupplierPart' : 'forecast.csvUnknownPart', { part: number }),
        );
      else if (mapping && !mapping.get(partId)?.mapped) fail(rowNumber, 1, header[0], ctx.t('forecast.notMapped', { part: number }));
      else if (seen.has(partId)) fail(rowNumber, 1, header[0], ctx.t('forecast.csvDuplicate', { part: number, row: seen.get(partId)! }));
      else seen.set(partId, rowNumber);
      if (row.length !== header.length) {
        fail(
          rowNumber,
          Math.min(row.length, header.length) + 1,
          null,
          ctx.t('forecast.csvCellCount', { actual: row.length - 1, expected: dates.length }),
        );
      }
      for (let c = 1; c < header.length; c++) {
        const cell = row[c] ?? '';
        try {
          const value = parseDecimal(cell === '' ? '0' : cell.replace(/,/g, ''));
          if (value.startsWith('-')) throw new Error('negative');
          quantities.push(value);
        } catch {
          fail(rowNumber, c + 1, header[c], ctx.t('forecast.csvNotQuantity', { value: cell.slice(0, 30) }));
          quantities.push('0');
        }
      }
      partIds.push(partId ?? '');
    });
    if (errors.length) throw stop();
    return this.store(ctx, {
      supplierId,
      granularity: input.granularity,
      horizonStart,
      bucketCount: dates.length,
      firmBuckets: input.firmBuckets,
      partIds,
      quantities,
    });
  }

  /** Supersedes the current revision and writes the new one, set-based, in the request's transaction. */
  private async store(ctx: RequestContext, demand: Demand): Promise<Forecast> {
    // Half a million buckets take a few seconds: more than the default per-statement limit allows.
    await this.db.extendStatementTimeout(ctx, BULK_STATEMENT_TIMEOUT_MS);
    const previous = await this.forecasts.lockPair(ctx, demand.supplierId);
    if (previous?.status === ForecastStatus.PUBLISHED) {
      FORECAST_LIFECYCLE.assertTransition(ctx, previous.status, ForecastStatus.SUPERSEDED);
      await this.forecasts.supersede(ctx, previous.id);
    }
    const revision = (previous?.revision ?? 0) + 1;
    const id = await this.forecasts.insert(ctx, {
      supplierOrganizationId: demand.supplierId,
      revision,
      granularity: demand.granularity,
      horizonStart: demand.horizonStart,
      bucketCount: demand.bucketCount,
      firmBuckets: demand.firmBuckets,
    });
    const buckets = await this.forecasts.insertBuckets(
      ctx,
      {
        id,
        supplierOrganizationId: demand.supplierId,
        granularity: demand.granularity,
        horizonStart: demand.horizonStart,
        bucketCount: demand.bucketCount,
      },
      previous?.id ?? null,
      demand.partIds,
      demand.quantities,
    );
    const details = {
      supplierId: demand.supplierId,
      revision,
      supersededRevision: previous?.status === ForecastStatus.PUBLISHED ? previous.revision : null,
      granularity: demand.granularity,
      horizonStart: demand.horizonStart,
      bucketCount: demand.bucketCount,
      firmBuckets: demand.firmBuckets,
      parts: demand.partIds.length,
      buckets,
    };
    await this.audit.record(ctx, { action: 'forecast.published', entityType: 'Forecast', entityId: id, details });
    await this.events.emit(ctx, {
      type: 'forecast.published',
      organizationIds: [ctx.organizationId, demand.supplierId],
      entityType: 'Forecast',
      entityId: id,
      data: { forecastId: id, anchorId: ctx.organizationId, ...details },
    });
    return this.reread(ctx, id);
  }

  // ---------------------------------------------------------------- supplier: commit

  async commit(ctx: RequestContext, forecastId: string, commitments: CommitmentInput[]): Promise<Forecast> {
    const forecast = await this.get(ctx, forecastId);
    if (forecast.supplierOrganizationId !== ctx.organizationId) throw Errors.notFound(ctx, 'entity.forecast');
    if (!FORECAST_LIFECYCLE.allows(ForecastAction.COMMIT, forecast.status))
      throw new ConflictError(ctx.t('forecast.superseded', { revision: forecast.revision }));
    if (!commitments.length) throw new BadUserInputError(ctx.t('field.required', { field: 'commitments' }), { field: 'commitments' });
    const seen = new Set<string>();
    const normalized = commitments.map((c, i) => {
      const part = c.partId;
      if (!isUuid(part))
        throw new BadUserInputError(ctx.t('forecast.noBucket', { part, period: c.periodStart }), { field: `commitments[${i}]` });
      const key = `${part.toLowerCase()}|${c.periodStart}`;
      if (seen.has(key)) {
        throw new BadUserInputError(ctx.t('forecast.duplicateCommitment', { part, period: c.periodStart }), { field: `commitments[${i}]` });
      }
      seen.add(key);
      if (c.quantity.startsWith('-')) {
        throw new BadUserInputError(ctx.t('order.priceNotNegative', { field: `commitments[${i}].quantity` }), {
          field: `commitments[${i}].quantity`,
        });
      }
      const note = c.note?.trim() ? c.note.trim().slice(0, 1000) : null;
      return { partId: part.toLowerCase(), periodStart: c.periodStart, quantity: c.quantity, note, index: i };
    });
    const demand = await this.forecasts.findDemand(
      ctx,
      forecast.id,
      normalized.map((c) => c.partId),
      normalized.map((c) => c.periodStart),
    );
    for (const c of normalized) {
      const bucket = demand.get(`${c.partId}|${c.periodStart}`);
      if (bucket === undefined) {
        throw new BadUserInputError(ctx.t('forecast.noBucket', { part: c.partId, period: c.periodStart }), {
          field: `commitments[${c.index}]`,
        });
      }
      if (new Decimal(c.quantity).lt(bucket.quantity) && !c.note) {
        // Named by its part number: the people reading this never see part ids.
        throw new BadUserInputError(ctx.t('forecast.noteRequired', { part: bucket.partNumber, period: c.periodStart }), {
          field: `commitments[${c.index}].note`,
        });
      }
    }
    await this.forecasts.commit(ctx, forecast.id, normalized);
    const details = {
      revision: forecast.revision,
      commitments: normalized.length,
      ...(normalized.length <= 100 ? { buckets: normalized.map(({ index: _i, ...c }) => c) } : {}),
    };
    await this.audit.record(ctx, { action: 'forecast.committed', entityType: 'Forecast', entityId: forecast.id, details });
    await this.events.emit(ctx, {
      type: 'forecast.committed',
      organizationIds: [forecast.anchorOrganizationId, forecast.supplierOrganizationId],
      entityType: 'Forecast',
      entityId: forecast.id,
      data: { forecastId: forecast.id, anchorId: forecast.anchorOrganizationId, supplierId: forecast.supplierOrganizationId, ...details },
    });
    return this.reread(ctx, forecast.id);
  }

  /** The forecast as the mutation left it: not from the request's loader, which may hold it as it was. */
  private async reread(ctx: RequestContext, id: string): Promise<Forecast> {
    const [forecast] = await this.forecasts.findByIds(ctx, [id]);
    if (!forecast) throw Errors.notFound(ctx, 'entity.forecast');
    return forecast;
  }

  // ---------------------------------------------------------------- helpers

  loader(ctx: RequestContext): DataLoader<string, Forecast | null> {
    return requestLoader(ctx, FORECAST_BY_ID, async (ids: readonly string[]) =>
      byKeys(ids, await this.forecasts.findByIds(ctx, ids), (f) => f.id),
    );
  }

  private bucketsLoader(ctx: RequestContext, partId: string | null): DataLoader<string, BucketRow[]> {
    const batch = async (ids: readonly string[]) => {
      const rows = await this.forecasts.findBuckets(ctx, ids, partId);
      const byForecast = new Map<string, BucketRow[]>(ids.map((id) => [id, []]));
      for (const row of rows) byForecast.get(row.forecastId)?.push(row);
      return ids.map((id) => byForecast.get(id) ?? []);
    };
    return requestLoader(ctx, BUCKETS_BY_FORECAST, batch, partId ?? '*');
  }

  private bucketView(forecast: Forecast, row: BucketRow): ForecastBucketView {
    return {
      periodStart: row.periodStart,
      quantity: row.quantity,
      firm: row.bucketIndex < forecast.firmBuckets,
      previousQuantity: row.previousQuantity,
      committedQuantity: row.committedQuantity,
      commitNote: row.commitNote,
    };
  }

  private checkHorizon(
    ctx: RequestContext,
    granularity: BucketGranularity,
    horizonStart: string,
    bucketCount: number,
    firmBuckets: number,
  ): void {
    if (!isBucketStart(granularity, horizonStart)) {
      throw new BadUserInputError(ctx.t('forecast.horizonStart', { date: horizonStart }), { field: 'horizonStart' });
    }
    if (!(
      Number.isInteger(bucketCount) &&
      Number.isInteger(firmBuckets) &&
      firmBuckets >= 1 &&
      firmBuckets <= bucketCount &&
      bucketCount <= MAX_BUCKETS
    )) {
      throw new BadUserInputError(ctx.t('forecast.bucketCounts', { max: MAX_BUCKETS }), { field: 'bucketCount' });
    }
  }

  private async requireMapped(ctx: RequestContext, supplierId: string, partIds: string[]): Promise<void> {
    const parts = await this.parts.ownWithMapping(ctx, partIds, supplierId);
    partIds.forEach((id, i) => {
      const found = parts.get(id);
      if (!found) throw Errors.notFound(ctx, 'entity.part');
      if (!found.mapped) {
        throw new BadUserInputError(ctx.t('forecast.notMapped', { part: found.part.partNumber }), { field: `lines[${i}].partId` });
      }
    });
  }
}
