import { connectionSqlType, isUuid, type SqlType } from '@anchorlink/core';
import { Forecast } from './entities/forecast.entity.js';

/**
 * How SQL reads a forecast and its grid (SqlPlanner). A line is a part's
 * buckets of one forecast, ordered by part number; a bucket is firm when it
 * lies within the forecast's firm zone. Every relation names the caller's
 * organization again (`$1`).
 */
export const FORECAST_SQL_TYPES: SqlType[] = [
  {
    name: 'Forecast',
    entity: Forecast,
    fields: {
      anchor: {
        one: 'Organization',
        source: (f, scope) => {
          const o = scope.alias('org');
          return { from: `organizations ${o}`, alias: o, where: `${o}.id = ${f}.anchor_org_id` };
        },
      },
      supplier: {
        one: 'Organization',
        source: (f, scope) => {
          const o = scope.alias('org');
          return { from: `organizations ${o}`, alias: o, where: `${o}.id = ${f}.supplier_org_id` };
        },
      },
      // With a part, only that part's line (none for an id that is not one).
      lines: {
        many: 'ForecastLine',
        source: (f, scope, args) => {
          const fl = scope.alias('fl');
          const partId = args.partId as string | null | undefined;
          const part =
            partId === null || partId === undefined ? '' : isUuid(partId) ? ` AND b.part_id = ${scope.bind(partId)}::uuid` : ' AND false';
          return {
            from: `(SELECT b.forecast_id, b.part_id, min(p.part_number) AS part_number, ${f}.firm_buckets
                      FROM forecast_buckets b JOIN parts p ON p.id = b.part_id
                     WHERE b.forecast_id = ${f}.id AND b.supplier_org_id = ${f}.supplier_org_id
                       AND (b.anchor_org_id = ${scope.organization} OR b.supplier_org_id = ${scope.organization})${part}
                     GROUP BY b.forecast_id, b.part_id) ${fl}`,
            alias: fl,
            where: 'true',
            orderBy: `${fl}.part_number, ${fl}.part_id`,
          };
        },
      },
      // From the forecast's lifecycle, the caller's roles and side (ForecastResolver.availableActions).
      availableActions: { delegate: { status: (f) => `${f}.status`, supplierOrganizationId: (f) => `${f}.supplier_org_id` } },
      // The totals come from the forecasts lib's own batched read (ForecastResolver.summary reads the id).
      summary: { delegate: { id: (f) => `${f}.id` } },
    },
  },
  {
    name: 'ForecastLine',
    fields: {
      part: {
        one: 'Part',
        source: (fl, scope) => {
          const p = scope.alias('p');
          return { from: `parts ${p}`, alias: p, where: `${p}.id = ${fl}.part_id` };
        },
      },
      buckets: {
        many: 'ForecastBucket',
        source: (fl, scope) => {
          const b = scope.alias('b');
          return {
            from: `(SELECT b.*, ${fl}.firm_buckets FROM forecast_buckets b
                     WHERE b.forecast_id = ${fl}.forecast_id AND b.part_id = ${fl}.part_id
                       AND (b.anchor_org_id = ${scope.organization} OR b.supplier_org_id = ${scope.organization})) ${b}`,
            alias: b,
            where: 'true',
            orderBy: `${b}.bucket_index`,
          };
        },
      },
    },
  },
  {
    name: 'ForecastBucket',
    fields: {
      periodStart: { column: 'period_start' },
      quantity: { column: 'quantity' },
      firm: { sql: (b) => `(${b}.bucket_index < ${b}.firm_buckets)` },
      previousQuantity: { column: 'previous_quantity' },
      committedQuantity: { column: 'committed_quantity' },
      commitNote: { column: 'commit_note' },
    },
  },
  connectionSqlType('ForecastConnection', 'Forecast'),
];
