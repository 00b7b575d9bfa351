import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoDataLoader } from '@anchorlink/demo-data';
import { TestApp } from './support/test-app.js';
import { BUYER, CASTINGS, ORG, PLANNER } from './support/fixtures.js';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    // The test template holds the master data only; `npm start` also loads this activity.
    await t.app.get(DemoDataLoader).load({ activity: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has the exact master data the README lists', async () => {
    const orgs = await t.sql(`SELECT name, kind FROM organizations ORDER BY name`);
    expect(orgs).toEqual(
      expect.arrayContaining([
        { name: '长三角智能制造产业联盟', kind: 'ALLIANCE' },
        { name: '远航重工', kind: 'ANCHOR' },
        { name: '东方精机', kind: 'ANCHOR' },
        { name: '精工铸造', kind: 'SUPPLIER' },
        { name: '华东轴承', kind: 'SUPPLIER' },
        { name: '恒通液压', kind: 'SUPPLIER' },
      ]),
    );
    const perSupplier = await t.sql(
      `SELECT o.name, count(*)::int AS n FROM supplier_parts sp JOIN organizations o ON o.id = sp.supplier_org_id
        WHERE sp.anchor_org_id = $1 GROUP BY o.name`,
      [ORG.anchor],
    );
    expect(perSupplier.every((r: any) => r.n >= 3)).toBe(true);
  });

  it('adds order history, a forecast, rollouts at three stages and assessments at different levels', async () => {
    const orders = await t.sql(`SELECT number, status FROM purchase_orders WHERE number LIKE 'PO-DEMO-%' ORDER BY number`);
    expect(orders).toEqual([
      { number: 'PO-DEMO-0001', status: 'CLOSED' },
      { number: 'PO-DEMO-0002', status: 'SHIPPED' },
      { number: 'PO-DEMO-0003', status: 'PUBLISHED' },
      { number: 'PO-DEMO-0004', status: 'CHANGE_PROPOSED' },
      { number: 'PO-DEMO-0005', status: 'DRAFT' },
    ]);
    const forecast = (
      await t.ok(
        `{ forecasts(filter: { status: PUBLISHED }) { nodes { revision bucketCount firmBuckets summary { shortfallBuckets totalCommitted } } } }`,
        {},
        CASTINGS,
      )
    ).forecasts.nodes;
    expect(forecast).toHaveLength(1);
    expect(forecast[0]).toMatchObject({ bucketCount: 12, firmBuckets: 4 });
    expect(Number(forecast[0].summary.totalCommitted)).toBeGreaterThan(0);
    expect(forecast[0].summary.shortfallBuckets).toBeGreaterThan(0);

    const rollouts = (await t.ok(`{ rollouts { status progress supplier { name } } }`, {}, BUYER)).rollouts;
    expect(rollouts.map((r: any) => [r.supplier.name, r.status, r.progress]).sort()).toEqual([
      ['华东轴承', 'IN_PROGRESS', 0.5],
      ['恒通液压', 'NOT_STARTED', 0],
      ['精工铸造', 'COMPLETED', 1],
    ]);
    const levels = await t.sql(`SELECT name, gradient_level FROM organizations WHERE gradient_level IS NOT NULL ORDER BY name`);
    expect(Object.fromEntries(levels.map((r: any) => [r.name, r.gradient_level]))).toEqual({
      远航重工: 'NAVIGATOR',
      精工铸造: 'BASIC',
      华东轴承: 'ADVANCED',
      恒通液压: 'EXCELLENT',
    });
    const overview = (
      await t.ok(`{ networkOverview { supplierCount activeRollouts completedRollouts onTimeDeliveryRate openOrders } }`, {}, PLANNER)
    ).networkOverview;
    expect(overview).toMatchObject({ supplierCount: 3, activeRollouts: 2, completedRollouts: 1, openOrders: 3 });
    expect(overview.onTimeDeliveryRate).toBeCloseTo(2 / 4);
  });

  it('loads idempotently', async () => {
    const count = async () =>
      (
        await t.sql(
          `SELECT (SELECT count(*) FROM purchase_orders)::int + (SELECT count(*) FROM forecasts)::int + (SELECT count(*) FROM maturity_assessments)::int AS n`,
        )
      )[0].n;
    const before = await count();
    await t.app.get(DemoDataLoader).load({ activity: true });
    expect(await count()).toBe(before);
  });
});
