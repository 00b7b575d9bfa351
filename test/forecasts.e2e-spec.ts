import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { codes, TestApp } from './support/test-app.js';
import { statementsOf } from './support/statements.js';
import { BEARINGS, BUYER, BUYER2, CASTINGS, demoPartId, HYDRAULICS, MISSING_ID, ORG, PLANNER } from './support/fixtures.js';

const FORECAST_FIELDS = `id revision status granularity horizonStart bucketCount firmBuckets publishedAt
  anchor { id } supplier { id }
  summary { totalDemand totalCommitted shortfallBuckets }
  lines { part { partNumber } buckets { periodStart quantity firm previousQuantity committedQuantity commitNote } }`;
const PUBLISH = `mutation($input: PublishForecastInput!) { publishForecast(input: $input) { ${FORECAST_FIELDS} } }`;
const IMPORT = `mutation($input: ImportForecastInput!) { importForecast(input: $input) { ${FORECAST_FIELDS} } }`;
const COMMIT = `mutation($id: ID!, $c: [CommitmentInput!]!) { commitForecast(forecastId: $id, commitments: $c) { ${FORECAST_FIELDS} } }`;
const FORECAST = `query($id: ID!, $partId: ID) { forecast(id: $id) { id status lines(partId: $partId) { part { id partNumber } buckets { periodStart quantity } } } }`;
const FORECASTS = `query($filter: ForecastFilter, $first: Int, $after: String) { forecasts(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id revision status supplier { id } } } }`;
const RISKS = `query($firmOnly: Boolean) { supplyRisks(firmOnly: $firmOnly) { forecast { id supplier { id } } part { partNumber } periodStart demand committed firm } }`;

const P1001 = demoPartId('anchor', 'YH-CST-1001');
const P1002 = demoPartId('anchor', 'YH-CST-1002');
const P1003 = demoPartId('anchor', 'YH-CST-1003');

function weekly(lines: [string, string[]][], extra: Record<string, unknown> = {}) {
  return {
    supplierId: ORG.castings,
    granularity: 'WEEK',
    horizonStart: '2026-12-21',
    bucketCount: lines[0][1].length,
    firmBuckets: 2,
    lines: lines.map(([partId, quantities]) => ({ partId, quantities })),
    ...extra,
  };
}

describe('rolling demand forecasts and commitments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  const publish = async (input: Record<string, unknown>, as = PLANNER) => (await t.ok(PUBLISH, { input }, as)).publishForecast;

  describe('a revision cycle with 精工铸造', () => {
    let rev1: any;
    let rev2: any;

    it('publishes weekly buckets across the year boundary, the first ones firm', async () => {
      rev1 = await publish(
        weekly([
          [P1003, ['10', '10', '12', '12']],
          [P1001, ['5', '5', '5', '0']],
        ]),
      );
      expect(rev1).toMatchObject({
        revision: 1,
        status: 'PUBLISHED',
        granularity: 'WEEK',
        horizonStart: '2026-12-21',
        bucketCount: 4,
        firmBuckets: 2,
      });
      expect(rev1.lines.map((l: any) => l.part.partNumber)).toEqual(['YH-CST-1001', 'YH-CST-1003']);
      expect(rev1.lines[0].buckets).toEqual([
        { periodStart: '2026-12-21', quantity: '5', firm: true, previousQuantity: null, committedQuantity: null, commitNote: null },
        { periodStart: '2026-12-28', quantity: '5', firm: true, previousQuantity: null, committedQuantity: null, commitNote: null },
        { periodStart: '2027-01-04', quantity: '5', firm: false, previousQuantity: null, committedQuantity: null, commitNote: null },
        { periodStart: '2027-01-11', quantity: '0', firm: false, previousQuantity: null, committedQuantity: null, commitNote: null },
      ]);
      // Four firm buckets with demand and nothing committed.
      expect(rev1.summary).toEqual({ totalDemand: '59', totalCommitted: '0', shortfallBuckets: 4 });
    });

    it('lets the supplier commit, replace a commitment, and explain one below demand', async () => {
      const commit = (c: Record<string, unknown>[]) => t.gql(COMMIT, { id: rev1.id, c }, CASTINGS);
      const below = await commit([{ partId: P1003, periodStart: '2026-12-21', quantity: '8' }]);
      expect(codes(below)).toEqual(['BAD_USER_INPUT']);
      expect(below.errors![0].extensions.field).toBe('commitments[0].note');
      let view = (
        await t.ok(
          COMMIT,
          {
            id: rev1.id,
            c: [
              { partId: P1003, periodStart: '2026-12-21', quantity: '8', note: '模具维修两天' },
              { partId: P1003, periodStart: '2026-12-28', quantity: '10' },
              { partId: P1001, periodStart: '2026-12-21', quantity: '5' },
              { partId: P1001, periodStart: '2026-12-28', quantity: '5' },
              { partId: P1001, periodStart: '2027-01-04', quantity: '4', note: '产能有限' },
            ],
          },
          CASTINGS,
        )
      ).commitForecast;
      expect(view.summary).toEqual({ totalDemand: '59', totalCommitted: '32', shortfallBuckets: 2 });
      view = (await t.ok(COMMIT, { id: rev1.id, c: [{ partId: P1003, periodStart: '2026-12-21', quantity: '10' }] }, CASTINGS))
        .commitForecast;
      expect(view.lines[1].buckets[0]).toMatchObject({ committedQuantity: '10', commitNote: null });
      expect(view.summary).toEqual({ totalDemand: '59', totalCommitted: '34', shortfallBuckets: 1 });

      expect(codes(await commit([{ partId: P1002, periodStart: '2026-12-21', quantity: '1' }]))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await commit([{ partId: P1003, periodStart: '2026-12-22', quantity: '1' }]))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await commit([{ partId: P1003, periodStart: '2026-12-21', quantity: '-1' }]))).toEqual(['BAD_USER_INPUT']);
      expect(
        codes(
          await commit([
            { partId: P1003, periodStart: '2026-12-21', quantity: '1', note: 'a' },
            { partId: P1003, periodStart: '2026-12-21', quantity: '2', note: 'b' },
          ]),
        ),
      ).toEqual(['BAD_USER_INPUT']);
    });

    it('publishes revision 2: the previous one is superseded, the waterfall shows, unchanged commitments carry over', async () => {
      rev2 = await publish(
        weekly(
          [
            [P1001, ['5', '6', '5', '7']],
            [P1003, ['10', '10', '12', '12']],
            [P1002, ['1', '1', '1', '1']],
          ],
          { horizonStart: '2026-12-28', firmBuckets: 1 },
        ),
      );
      expect(rev2).toMatchObject({ revision: 2, status: 'PUBLISHED', horizonStart: '2026-12-28' });
      const buckets = Object.fromEntries(rev2.lines.map((l: any) => [l.part.partNumber, l.buckets]));
      // 1001: 12-28 5→6 (changed: no carry-over), 01-04 5→5 (kept: commitment 4 carries over), 01-11 0→7, 01-18 new.
      expect(buckets['YH-CST-1001'].map((b: any) => [b.periodStart, b.quantity, b.previousQuantity, b.committedQuantity])).toEqual([
        ['2026-12-28', '5', '5', '5'],
        ['2027-01-04', '6', '5', null],
        ['2027-01-11', '5', '0', null],
        ['2027-01-18', '7', null, null],
      ]);
      expect(buckets['YH-CST-1003'][0]).toMatchObject({
        periodStart: '2026-12-28',
        quantity: '10',
        previousQuantity: '10',
        committedQuantity: '10',
      });
      expect(buckets['YH-CST-1002'].every((b: any) => b.previousQuantity === null)).toBe(true);

      const old = (await t.ok(`query($id: ID!) { forecast(id: $id) { status summary { totalCommitted } } }`, { id: rev1.id }, CASTINGS))
        .forecast;
      expect(old).toEqual({ status: 'SUPERSEDED', summary: { totalCommitted: '34' } });
      const late = await t.gql(COMMIT, { id: rev1.id, c: [{ partId: P1003, periodStart: '2027-01-04', quantity: '12' }] }, CASTINGS);
      expect(codes(late)).toEqual(['CONFLICT']);
      const [{ n }] = await t.sql(
        `SELECT count(*)::int AS n FROM forecasts WHERE anchor_org_id = $1 AND supplier_org_id = $2 AND status = 'PUBLISHED'`,
        [ORG.anchor, ORG.castings],
      );
      expect(n).toBe(1);
    });

    it('reads one part without loading the others', async () => {
      const one = (await t.ok(FORECAST, { id: rev2.id, partId: P1002 }, CASTINGS)).forecast;
      expect(one.lines).toHaveLength(1);
      expect(one.lines[0].part.id).toBe(P1002);
      expect((await t.ok(FORECAST, { id: rev2.id, partId: MISSING_ID }, CASTINGS)).forecast.lines).toEqual([]);
    });

    it('lists revisions newest first, with filters and cursors', async () => {
      const list = (await t.ok(FORECASTS, { filter: { supplierId: ORG.castings } }, PLANNER)).forecasts;
      expect(list.nodes.map((f: any) => f.revision)).toEqual([2, 1]);
      const current = (await t.ok(FORECASTS, { filter: { status: 'PUBLISHED' } }, CASTINGS)).forecasts;
      expect(current.nodes.map((f: any) => f.id)).toEqual([rev2.id]);
      const page1 = (await t.ok(FORECASTS, { first: 1 }, CASTINGS)).forecasts;
      const page2 = (await t.ok(FORECASTS, { first: 1, after: page1.pageInfo.endCursor }, CASTINGS)).forecasts;
      expect([page1.nodes[0].id, page2.nodes[0].id]).toEqual([rev2.id, rev1.id]);
    });

    it('shows supply risks: the anchor across its suppliers, each supplier its own', async () => {
      await publish({
        supplierId: ORG.bearings,
        granularity: 'MONTH',
        horizonStart: '2027-01-01',
        bucketCount: 3,
        firmBuckets: 1,
        lines: [{ partId: demoPartId('anchor', 'YH-BRG-2002'), quantities: ['40', '40', '40'] }],
      });
      const anchor = (await t.ok(RISKS, {}, PLANNER)).supplyRisks;
      const suppliers = new Set(anchor.map((r: any) => r.forecast.supplier.id));
      expect(suppliers).toEqual(new Set([ORG.castings, ORG.bearings]));
      const bearingRisk = anchor.find((r: any) => r.forecast.supplier.id === ORG.bearings);
      expect(bearingRisk).toEqual({
        forecast: expect.any(Object),
        part: { partNumber: 'YH-BRG-2002' },
        periodStart: '2027-01-01',
        demand: '40',
        committed: null,
        firm: true,
      });

      const castings = (await t.ok(RISKS, {}, CASTINGS)).supplyRisks;
      expect(castings.every((r: any) => r.forecast.supplier.id === ORG.castings)).toBe(true);
      // 1001 12-28 is covered; the changed 01-04 bucket is outside the firm zone and uncommitted: not a risk.
      expect(castings.map((r: any) => `${r.part.partNumber}@${r.periodStart}`)).toEqual(['YH-CST-1002@2026-12-28']);
      await t.ok(COMMIT, { id: rev2.id, c: [{ partId: P1001, periodStart: '2027-01-04', quantity: '3', note: '产能有限' }] }, CASTINGS);
      const after = (await t.ok(RISKS, {}, CASTINGS)).supplyRisks.map((r: any) => `${r.part.partNumber}@${r.periodStart}:${r.firm}`);
      expect(after).toEqual(['YH-CST-1002@2026-12-28:true', 'YH-CST-1001@2027-01-04:false']);
      expect((await t.ok(RISKS, { firmOnly: true }, CASTINGS)).supplyRisks).toHaveLength(1);
      expect((await t.ok(RISKS, {}, HYDRAULICS)).supplyRisks).toEqual([]);
      expect((await t.ok(RISKS, {}, BUYER2)).supplyRisks).toEqual([]);
    });

    it('reads a forecast in one statement exactly as the resolvers answer it, for both sides', async () => {
      // The planned read (forecast, forecasts) against the entity's resolvers (a supply risk's forecast), every field.
      const full = `${FORECAST_FIELDS} one: lines(partId: "${P1003}") { part { id } buckets { q: quantity firm } } none: lines(partId: "not-an-id") { part { id } }`;
      for (const who of [PLANNER, CASTINGS]) {
        const risks = (await t.ok(`query { supplyRisks { forecast { ${full} } } }`, {}, who)).supplyRisks;
        const viaResolvers = risks.find((r: any) => r.forecast.id === rev2.id).forecast;
        expect(viaResolvers.lines.length).toBeGreaterThanOrEqual(2);
        expect(viaResolvers.one).toHaveLength(1);
        expect(viaResolvers.none).toEqual([]);
        const counted = await statementsOf(() => t.ok(`query($id: ID!) { forecast(id: $id) { ${full} } }`, { id: rev2.id }, who));
        expect(counted.result.forecast).toEqual(viaResolvers);
        // START, the forecast with its grid, the summary (read by the forecasts lib), COMMIT.
        expect(counted.statements).toBeLessThanOrEqual(4);
        const listed = (await t.ok(`query { forecasts(first: 50) { nodes { ${full} } } }`, {}, who)).forecasts.nodes;
        expect(listed.find((f: any) => f.id === rev2.id)).toEqual(viaResolvers);
      }
    });

    it('keeps forecasts from other tenants exactly like missing ones', async () => {
      for (const as of [HYDRAULICS, BUYER2, BEARINGS]) {
        const foreign = await t.gql(FORECAST, { id: rev2.id }, as);
        const missing = await t.gql(FORECAST, { id: MISSING_ID }, as);
        expect(codes(foreign)).toEqual(['NOT_FOUND']);
        expect(foreign.errors![0].message).toBe(missing.errors![0].message);
        expect((await t.ok(FORECASTS, { first: 200 }, as)).forecasts.nodes.map((f: any) => f.id)).not.toContain(rev2.id);
      }
      const foreignCommit = await t.gql(
        COMMIT,
        { id: rev2.id, c: [{ partId: P1001, periodStart: '2026-12-28', quantity: '1', note: 'x' }] },
        HYDRAULICS,
      );
      expect(codes(foreignCommit)).toEqual(['NOT_FOUND']);
    });
  });

  it('checks the horizon, the bucket counts, every line and every part, and stores nothing on error', async () => {
    const [{ n: before }] = await t.sql(`SELECT count(*)::int AS n FROM forecasts`);
    const refuse = async (input: Record<string, unknown>, code = 'BAD_USER_INPUT') => {
      const res = await t.gql(PUBLISH, { input }, PLANNER);
      expect(codes(res)).toEqual([code]);
      return res.errors![0];
    };
    await refuse(weekly([[P1001, ['1', '2']]], { horizonStart: '2026-12-22' }));
    await refuse(weekly([[P1001, ['1', '2']]], { granularity: 'MONTH', horizonStart: '2026-12-21' }));
    await refuse(weekly([[P1001, ['1', '2']]], { firmBuckets: 3 }));
    await refuse(weekly([[P1001, ['1', '2']]], { firmBuckets: 0 }));
    await refuse(weekly([[P1001, Array(105).fill('1')]]));
    const short = await refuse(
      weekly([
        [P1001, ['1', '2']],
        [P1003, ['1']],
      ]),
    );
    expect(short.message).toContain('2');
    expect(short.extensions.field).toBe('lines[1].quantities');
    await refuse(weekly([[P1001, ['1', '-2']]]));
    await refuse(weekly([[P1001, ['1', 'x']]]));
    await refuse(
      weekly([
        [P1001, ['1', '2']],
        [P1001, ['1', '2']],
      ]),
    );
    const unmapped = await refuse(weekly([[demoPartId('anchor', 'YH-HYD-3001'), ['1', '2']]]));
    expect(unmapped.message).toContain('YH-HYD-3001');
    await refuse(weekly([[demoPartId('anchor2', 'DF-BRG-501'), ['1', '2']]]), 'NOT_FOUND');
    await refuse(weekly([[P1001, ['1', '2']]], { supplierId: ORG.anchor2 }), 'NOT_FOUND');
    expect(codes(await t.gql(PUBLISH, { input: weekly([[P1001, ['1', '2']]]) }, BUYER))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(PUBLISH, { input: weekly([[P1001, ['1', '2']]]) }, CASTINGS))).toEqual(['FORBIDDEN']);
    const [{ n: after }] = await t.sql(`SELECT count(*)::int AS n FROM forecasts`);
    expect(after).toBe(before);
  });

  it('publishes monthly buckets on the 1st', async () => {
    const forecast = await publish({
      supplierId: ORG.hydraulics,
      granularity: 'MONTH',
      horizonStart: '2026-11-01',
      bucketCount: 4,
      firmBuckets: 1,
      lines: [{ partId: demoPartId('anchor', 'YH-HYD-3005'), quantities: ['1200.5', '1000', '800', '800'] }],
    });
    expect(forecast.lines[0].buckets.map((b: any) => b.periodStart)).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
    expect(forecast.summary.totalDemand).toBe('3800.5');
  });

  it('returns the first result for a retried idempotency key', async () => {
    const input = {
      ...weekly([[demoPartId('anchor', 'YH-HYD-3001'), ['3', '3']]], { supplierId: ORG.hydraulics }),
      idempotencyKey: 'plan-run-77',
    };
    const first = await publish(input);
    const again = await publish(input);
    expect(again.id).toBe(first.id);
    expect(codes(await t.gql(PUBLISH, { input: { ...input, firmBuckets: 1 } }, PLANNER))).toEqual(['CONFLICT']);
  });

  describe('CSV import', () => {
    const csv = (rows: string[]) => rows.join('\n');
    const importCsv = (text: string, extra: Record<string, unknown> = {}) =>
      t.gql(IMPORT, { input: { supplierId: ORG.bearings, granularity: 'WEEK', firmBuckets: 2, csv: text, ...extra } }, PLANNER);

    it('imports by the anchor part number or the supplier part number', async () => {
      const byPart = await importCsv(csv(['part_number,2027-01-04,2027-01-11,2027-01-18', 'YH-BRG-2001,2,2,3', 'YH-BRG-2003,"1,200",0,']));
      expect(byPart.errors).toBeUndefined();
      const forecast = byPart.data!.importForecast;
      expect(forecast).toMatchObject({ horizonStart: '2027-01-04', bucketCount: 3, firmBuckets: 2 });
      expect(forecast.lines.map((l: any) => [l.part.partNumber, l.buckets.map((b: any) => b.quantity)])).toEqual([
        ['YH-BRG-2001', ['2', '2', '3']],
        ['YH-BRG-2003', ['1200', '0', '0']],
      ]);
      const bySupplier = await importCsv(csv(['\uFEFFsupplier_part_number,2027-01-04,2027-01-11', 'HD-32218-P6,7,7']));
      expect(bySupplier.errors).toBeUndefined();
      expect(bySupplier.data!.importForecast.lines[0].part.partNumber).toBe('YH-BRG-2002');
    });

    it('names the row and column of every error and stores nothing', async () => {
      const [{ n: before }] = await t.sql(`SELECT count(*)::int AS n FROM forecasts`);
      const res = await importCsv(
        csv([
          'part_number,2027-01-04,2027-01-11',
          'YH-BRG-2001,2,abc',
          'NO-SUCH-PART,1,1',
          'YH-CST-1001,1,1',
          'YH-BRG-2004,-5,1',
          'YH-BRG-2001,1,1',
          'YH-BRG-2002,1',
        ]),
      );
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      const errors = res.errors![0].extensions.errors.map((e: any) => `${e.row}:${e.column}`);
      expect(errors).toEqual(['2:3', '3:1', '4:1', '5:2', '6:1', '7:3']);
      expect(res.errors![0].extensions.errors[0]).toMatchObject({
        row: 2,
        column: 3,
        header: '2027-01-11',
        message: '“abc”不是数量（须为 ≥ 0 的小数）',
      });
      expect(res.errors![0].extensions.errors[1].message).toBe('未知物料号“NO-SUCH-PART”');
      // Each error in the language asked for.
      const english = await t.gql(
        IMPORT,
        {
          input: {
            supplierId: ORG.bearings,
            granularity: 'WEEK',
            firmBuckets: 2,
            csv: csv(['part_number,2027-01-04,2027-01-11', 'NO-SUCH-PART,1,1']),
          },
        },
        PLANNER,
        { 'accept-language': 'en' },
      );
      expect(english.errors![0].message).toBe('The CSV has errors (1); nothing was stored');
      expect(english.errors![0].extensions.errors[0].message).toBe('Unknown part number "NO-SUCH-PART"');
      const badDates = await importCsv(csv(['part_number,2027-01-04,2027-01-18', 'YH-BRG-2001,1,1']));
      expect(badDates.errors![0].extensions.errors).toEqual([expect.objectContaining({ row: 1, column: 3, header: '2027-01-18' })]);
      const notMonday = await importCsv(csv(['part_number,2027-01-05', 'YH-BRG-2001,1']), { firmBuckets: 1 });
      expect(notMonday.errors![0].extensions.errors[0]).toMatchObject({ row: 1, column: 2 });
      expect(codes(await importCsv(csv(['sku,2027-01-04', 'YH-BRG-2001,1']), { firmBuckets: 1 }))).toEqual(['BAD_USER_INPUT']);
      const many = await importCsv(csv(['part_number,2027-01-04', ...Array.from({ length: 80 }, (_, i) => `MISSING-${i},1`)]), {
        firmBuckets: 1,
      });
      expect(many.errors![0].extensions.errors).toHaveLength(50);
      const [{ n: after }] = await t.sql(`SELECT count(*)::int AS n FROM forecasts`);
      expect(after).toBe(before);
    });
  });

  it('writes publishing and committing to the outbox, and nothing for a refused change', async () => {
    const forecast = await publish(weekly([[demoPartId('anchor', 'YH-HYD-3002'), ['2', '2']]], { supplierId: ORG.hydraulics }));
    await t.ok(
      COMMIT,
      { id: forecast.id, c: [{ partId: demoPartId('anchor', 'YH-HYD-3002'), periodStart: '2026-12-21', quantity: '2' }] },
      HYDRAULICS,
    );
    const refused = await t.gql(
      COMMIT,
      { id: forecast.id, c: [{ partId: demoPartId('anchor', 'YH-HYD-3002'), periodStart: '2026-12-21', quantity: '1' }] },
      HYDRAULICS,
    );
    expect(refused.errors).toBeDefined();
    const events = await t.sql(`SELECT type, organization_ids FROM outbox_events WHERE entity_id = $1 ORDER BY seq`, [forecast.id]);
    expect(events.map((e: any) => e.type)).toEqual(['forecast.published', 'forecast.committed']);
    expect(events[0].organization_ids).toEqual([ORG.anchor, ORG.hydraulics]);
  });

  it('audits publishing and committing', async () => {
    const rows = await t.sql(`SELECT action, org_id FROM audit_events WHERE entity_type = 'Forecast'`);
    expect(rows.filter((r: any) => r.action === 'forecast.published' && r.org_id === ORG.anchor).length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r: any) => r.action === 'forecast.committed' && r.org_id === ORG.castings).length).toBeGreaterThanOrEqual(3);
    expect(BUYER).toBeTruthy();
  });
});
