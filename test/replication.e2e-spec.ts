import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { businessToday } from '@anchorlink/core';
import { codes, TestApp } from './support/test-app.js';
import {
  ALLIANCE_ADMIN,
  ANCHOR_ADMIN,
  BEARINGS,
  BUYER,
  BUYER2,
  CASTINGS,
  demoPartId,
  HYDRAULICS,
  MISSING_ID,
  ORG,
  PLANNER,
} from './support/fixtures.js';
import { CONFIRM, createOrder, PUBLISH_ORDER, RECEIVE, SHIP } from './support/orders.js';

const CRITERIA = `{ assessmentCriteria { id level dimension text } }`;
const CREATE_PACKAGE = `mutation($input: ReplicationPackageInput!) {
  createReplicationPackage(input: $input) { id title status targetLevel owner { id } requiredStandards { id version } checklist { id title evidenceRequired } }
}`;
const PUBLISH_PACKAGE = `mutation($id: ID!) { publishReplicationPackage(id: $id) { id status } }`;
const LAUNCH = `mutation($id: ID!, $s: [ID!]!) { launchRollout(packageId: $id, supplierIds: $s) { id status progress supplier { id } items { done item { id title } } } }`;
const UPDATE_ITEM = `mutation($r: ID!, $i: ID!, $done: Boolean!, $evidence: String) {
  updateRolloutItem(rolloutId: $r, itemId: $i, done: $done, evidence: $evidence) { id status progress startedAt completedAt items { done evidence completedAt item { id } } }
}`;
const ROLLOUTS = `query($p: ID, $s: ID) { rollouts(packageId: $p, supplierId: $s) { id status progress supplier { id } package { id title } } }`;
const PACKAGES = `query($status: PackageStatus) { replicationPackages(status: $status) { id title status } }`;
const SUBMIT = `mutation($input: SubmitAssessmentInput!) { submitMaturityAssessment(input: $input) { id level aiScenarioRatio gaps submittedAt organization { id gradientLevel } } }`;
const ASSESSMENTS = `query($org: ID) { maturityAssessments(organizationId: $org) { id level gaps } }`;
const OVERVIEW = `{ networkOverview { supplierCount suppliersByLevel { level count } activeRollouts completedRollouts onTimeDeliveryRate openOrders } }`;
const SCORECARD = `query($s: ID!, $from: Date!, $to: Date!) {
  supplierScorecard(supplierId: $s, from: $from, to: $to) { supplier { id } from to ordersCount onTimeRate inFullRate otifRate meanResponseHours forecastCommitRatio }
}`;
const SCORECARDS = `query($from: Date!, $to: Date!) {
  supplierScorecards(from: $from, to: $to) { supplier { id } from to ordersCount onTimeRate inFullRate otifRate meanResponseHours forecastCommitRatio }
}`;
const STANDARD = `query($code: String!) { dataStandard(code: $code) { id versions { id version codes { code labelZh labelEn } } } }`;
const ADOPTIONS = `{ adoptions { standardVersion { version standard { code } } } }`;

/** A business date (China time) `offset` days from today: the scorecards count days there, not in UTC. */
function day(offset: number): string {
  const d = new Date(`${businessToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

describe('母工厂 + 复制推广: packages, rollouts, self-assessment, scorecards', () => {
  let t: TestApp;
  let criteria: any[];
  beforeAll(async () => {
    t = await TestApp.start();
    criteria = (await t.ok(CRITERIA, {}, CASTINGS)).assessmentCriteria;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("offers at least 24 criteria across the five scenario areas and four levels, in the reader's language", async () => {
    expect(criteria.length).toBeGreaterThanOrEqual(24);
    const areas = new Set(criteria.map((c) => c.dimension));
    expect(areas).toEqual(new Set(['工厂建设', '研发设计', '生产作业', '生产管理', '运营管理']));
    for (const level of ['BASIC', 'ADVANCED', 'EXCELLENT', 'NAVIGATOR']) {
      expect(new Set(criteria.filter((c) => c.level === level).map((c) => c.dimension)).size).toBe(5);
    }
    await t.sql(`UPDATE users SET locale = 'en' WHERE email = $1`, [HYDRAULICS]);
    const en = (await t.ok(CRITERIA, {}, await t.tokenFor(HYDRAULICS, undefined, true))).assessmentCriteria;
    expect(new Set(en.map((c: any) => c.dimension))).toContain('Production operations');
    expect(en[0].text).toMatch(/^[A-Z]/);
  });

  describe('a package rolled out to two suppliers', () => {
    let pkg: any;
    let uom110: string;
    let uom120: string;
    const rollout: Record<string, any> = {};

    it('the alliance has published UOM 1.1.0 and 1.2.0, which the package will need', async () => {
      const uom = (await t.ok(STANDARD, { code: 'UOM' }, ALLIANCE_ADMIN)).dataStandard;
      const codesNow = uom.versions[0].codes;
      const publish = async (version: string, extra: any[]) => {
        const draft = await t.ok(
          `mutation($id: ID!, $input: StandardVersionInput!) { createStandardVersion(standardId: $id, input: $input) { id } }`,
          { id: uom.id, input: { version, codes: [...codesNow, ...extra] } },
          ALLIANCE_ADMIN,
        );
        await t.ok(
          `mutation($id: ID!) { publishStandardVersion(versionId: $id) { id } }`,
          { id: draft.createStandardVersion.id },
          ALLIANCE_ADMIN,
        );
        return draft.createStandardVersion.id as string;
      };
      uom110 = await publish('1.1.0', [{ code: 'KGS', labelZh: '千克每秒', labelEn: 'kilogram per second' }]);
      uom120 = await publish('1.2.0', [
        { code: 'KGS', labelZh: '千克每秒', labelEn: 'kilogram per second' },
        { code: 'LPM', labelZh: '升每分钟', labelEn: 'litre per minute' },
      ]);
    });

    it('an anchor buyer packages a practice; planners and suppliers cannot', async () => {
      const input = {
        title: '来料质量数据在线协同',
        summary: '母工厂的来料检验数据标准与在线协同做法',
        targetLevel: 'ADVANCED',
        requiredStandardVersionIds: [uom110],
        checklist: [
          { title: '采用统一计量单位标准', evidenceRequired: false },
          { title: '接入在线订单协同', description: '在锚链中确认订单', evidenceRequired: true },
          { title: '上传首批检验报告', evidenceRequired: true },
        ],
      };
      expect(codes(await t.gql(CREATE_PACKAGE, { input }, PLANNER))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(CREATE_PACKAGE, { input }, CASTINGS))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(CREATE_PACKAGE, { input: { ...input, requiredStandardVersionIds: [MISSING_ID] } }, BUYER))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codes(await t.gql(CREATE_PACKAGE, { input: { ...input, checklist: [] } }, BUYER))).toEqual(['BAD_USER_INPUT']);
      pkg = (await t.ok(CREATE_PACKAGE, { input }, BUYER)).createReplicationPackage;
      expect(pkg).toMatchObject({
        status: 'DRAFT',
        targetLevel: 'ADVANCED',
        owner: { id: ORG.anchor },
        requiredStandards: [{ id: uom110, version: '1.1.0' }],
      });
      expect(pkg.checklist.map((c: any) => c.evidenceRequired)).toEqual([false, true, true]);
    });

    it('launches only published packages, to active partners, once per supplier', async () => {
      expect(codes(await t.gql(LAUNCH, { id: pkg.id, s: [ORG.castings] }, BUYER))).toEqual(['CONFLICT']);
      expect((await t.ok(PUBLISH_PACKAGE, { id: pkg.id }, ANCHOR_ADMIN)).publishReplicationPackage.status).toBe('PUBLISHED');
      expect(codes(await t.gql(PUBLISH_PACKAGE, { id: pkg.id }, BUYER))).toEqual(['CONFLICT']);
      const launched = (await t.ok(LAUNCH, { id: pkg.id, s: [ORG.castings, ORG.bearings] }, BUYER)).launchRollout;
      expect(launched.map((r: any) => [r.supplier.id, r.status, r.progress, r.items.length])).toEqual([
        [ORG.castings, 'NOT_STARTED', 0, 3],
        [ORG.bearings, 'NOT_STARTED', 0, 3],
      ]);
      rollout.castings = launched[0];
      rollout.bearings = launched[1];
      const again = (await t.ok(LAUNCH, { id: pkg.id, s: [ORG.castings] }, BUYER)).launchRollout;
      expect(again.map((r: any) => r.id)).toEqual([rollout.castings.id]);
      expect(codes(await t.gql(LAUNCH, { id: pkg.id, s: [ORG.anchor2] }, BUYER))).toEqual(['NOT_FOUND']);
      expect(codes(await t.gql(LAUNCH, { id: pkg.id, s: [ORG.castings] }, BUYER2))).toEqual(['NOT_FOUND']);
    });

    it('shows the anchor all rollouts of its packages and each supplier its own', async () => {
      expect((await t.ok(ROLLOUTS, { p: pkg.id }, BUYER)).rollouts).toHaveLength(2);
      const mine = (await t.ok(ROLLOUTS, {}, CASTINGS)).rollouts;
      expect(mine.map((r: any) => r.id)).toEqual([rollout.castings.id]);
      expect(mine[0].package.title).toBe('来料质量数据在线协同');
      expect((await t.ok(PACKAGES, {}, CASTINGS)).replicationPackages.map((p: any) => p.id)).toEqual([pkg.id]);
      expect((await t.ok(ROLLOUTS, {}, HYDRAULICS)).rollouts).toEqual([]);
      expect((await t.ok(PACKAGES, {}, HYDRAULICS)).replicationPackages).toEqual([]);
      expect((await t.ok(PACKAGES, {}, BUYER2)).replicationPackages).toEqual([]);
      const foreign = await t.gql(UPDATE_ITEM, { r: rollout.bearings.id, i: rollout.bearings.items[0].item.id, done: true }, CASTINGS);
      const missing = await t.gql(UPDATE_ITEM, { r: MISSING_ID, i: rollout.bearings.items[0].item.id, done: true }, CASTINGS);
      expect(codes(foreign)).toEqual(['NOT_FOUND']);
      expect(foreign.errors![0].message).toBe(missing.errors![0].message);
      expect(codes(await t.gql(UPDATE_ITEM, { r: rollout.castings.id, i: rollout.castings.items[0].item.id, done: true }, BUYER))).toEqual([
        'FORBIDDEN',
      ]);
    });

    it('moves a rollout NOT_STARTED → IN_PROGRESS → COMPLETED as the supplier ticks items, and adopts the required standards', async () => {
      const items = rollout.castings.items.map((i: any) => i.item.id);
      const tick = (i: number, evidence?: string) =>
        t.gql(UPDATE_ITEM, { r: rollout.castings.id, i: items[i], done: true, evidence }, CASTINGS);
      expect(codes(await tick(1))).toEqual(['BAD_USER_INPUT']);
      let state = (await tick(0)).data!.updateRolloutItem;
      expect(state).toMatchObject({ status: 'IN_PROGRESS', completedAt: null });
      expect(state.progress).toBeCloseTo(1 / 3);
      expect(state.startedAt).toBeTruthy();
      state = (await tick(1, 'https://anchorlink.example/po/4711')).data!.updateRolloutItem;
      expect(state.progress).toBeCloseTo(2 / 3);
      expect(state.items[1]).toMatchObject({ done: true, evidence: 'https://anchorlink.example/po/4711' });
      state = (await tick(2, '首批检验报告 QR-2026-118')).data!.updateRolloutItem;
      expect(state).toMatchObject({ status: 'COMPLETED', progress: 1 });
      expect(state.completedAt).toBeTruthy();
      expect(codes(await t.gql(UPDATE_ITEM, { r: rollout.castings.id, i: items[0], done: false }, CASTINGS))).toEqual(['CONFLICT']);
      const uom = (await t.ok(ADOPTIONS, {}, CASTINGS)).adoptions.find((a: any) => a.standardVersion.standard.code === 'UOM');
      expect(uom.standardVersion.version).toBe('1.1.0');
    });

    it('keeps a newer compatible adoption when a rollout completes', async () => {
      await t.ok(`mutation($id: ID!) { adoptStandardVersion(versionId: $id) { adoptedAt } }`, { id: uom120 }, BEARINGS);
      const items = rollout.bearings.items.map((i: any) => i.item.id);
      for (const [i, evidence] of [
        [0, undefined],
        [1, 'ok'],
        [2, 'report'],
      ] as const) {
        await t.ok(UPDATE_ITEM, { r: rollout.bearings.id, i: items[i], done: true, evidence }, BEARINGS);
      }
      const uom = (await t.ok(ADOPTIONS, {}, BEARINGS)).adoptions.find((a: any) => a.standardVersion.standard.code === 'UOM');
      expect(uom.standardVersion.version).toBe('1.2.0');
    });

    it('unticking an item keeps a started rollout IN_PROGRESS', async () => {
      const third = (
        await t.ok(
          CREATE_PACKAGE,
          {
            input: {
              title: 'x',
              summary: 'y',
              targetLevel: 'BASIC',
              checklist: [
                { title: 'a', evidenceRequired: false },
                { title: 'b', evidenceRequired: false },
              ],
            },
          },
          BUYER,
        )
      ).createReplicationPackage;
      await t.ok(PUBLISH_PACKAGE, { id: third.id }, BUYER);
      const [r] = (await t.ok(LAUNCH, { id: third.id, s: [ORG.hydraulics] }, BUYER)).launchRollout;
      const item = r.items[0].item.id;
      await t.ok(UPDATE_ITEM, { r: r.id, i: item, done: true }, HYDRAULICS);
      const undone = (await t.ok(UPDATE_ITEM, { r: r.id, i: item, done: false }, HYDRAULICS)).updateRolloutItem;
      expect(undone).toMatchObject({ status: 'IN_PROGRESS', progress: 0 });
      expect(undone.items[0]).toMatchObject({ done: false, evidence: null, completedAt: null });
    });
  });

  describe('self-assessment', () => {
    const byLevel = (level: string) => criteria.filter((c) => c.level === level).map((c) => ({ criterionId: c.id, met: true }));

    it('puts an organization at the highest level whose conditions all hold, and lists the gaps to the next', async () => {
      const basic = (await t.ok(SUBMIT, { input: { answers: byLevel('BASIC'), scenarioCount: 12, aiScenarioCount: 0 } }, CASTINGS))
        .submitMaturityAssessment;
      expect(basic.level).toBe('BASIC');
      expect(basic.organization).toEqual({ id: ORG.castings, gradientLevel: 'BASIC' });
      expect(basic.gaps).toHaveLength(criteria.filter((c) => c.level === 'ADVANCED').length);
      expect(basic.gaps[0]).toMatch(/^先进级：未满足“/);

      const almost = (
        await t.ok(
          SUBMIT,
          {
            input: {
              answers: [...byLevel('BASIC'), ...byLevel('ADVANCED'), ...byLevel('EXCELLENT')],
              scenarioCount: 100,
              aiScenarioCount: 19,
              maturityLevel: 3,
            },
          },
          BEARINGS,
        )
      ).submitMaturityAssessment;
      expect(almost).toMatchObject({
        level: 'ADVANCED',
        aiScenarioRatio: 0.19,
        gaps: ['卓越级：人工智能应用场景比例需达到 20%（当前 19%）'],
      });
      const excellent = (
        await t.ok(
          SUBMIT,
          {
            input: {
              answers: [...byLevel('BASIC'), ...byLevel('ADVANCED'), ...byLevel('EXCELLENT')],
              scenarioCount: 100,
              aiScenarioCount: 20,
              maturityLevel: 3,
            },
          },
          BEARINGS,
        )
      ).submitMaturityAssessment;
      expect(excellent.level).toBe('EXCELLENT');
      const history = (await t.ok(ASSESSMENTS, {}, BEARINGS)).maturityAssessments;
      expect(history.map((a: any) => a.level)).toEqual(['EXCELLENT', 'ADVANCED']);

      const none = (
        await t.ok(
          SUBMIT,
          { input: { answers: [{ criterionId: criteria[0].id, met: true }], scenarioCount: 0, aiScenarioCount: 0 } },
          HYDRAULICS,
        )
      ).submitMaturityAssessment;
      expect(none.level).toBeNull();
      expect(none.gaps[0]).toMatch(/^BASIC: not met: /);
    });

    it('refuses unknown criteria, impossible counts and maturity levels', async () => {
      const submit = (input: Record<string, unknown>) =>
        t.gql(SUBMIT, { input: { answers: [], scenarioCount: 10, aiScenarioCount: 1, ...input } }, CASTINGS);
      expect(codes(await submit({ answers: [{ criterionId: MISSING_ID, met: true }] }))).toEqual(['BAD_USER_INPUT']);
      expect(
        codes(
          await submit({
            answers: [
              { criterionId: criteria[0].id, met: true },
              { criterionId: criteria[0].id, met: false },
            ],
          }),
        ),
      ).toEqual(['BAD_USER_INPUT']);
      expect(codes(await submit({ aiScenarioCount: 11 }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await submit({ scenarioCount: -1 }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await submit({ maturityLevel: 6 }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(SUBMIT, { input: { answers: [], scenarioCount: 1, aiScenarioCount: 0 } }, BUYER))).toEqual(['FORBIDDEN']);
    });

    it("shows an anchor its suppliers' assessments, and nobody else's", async () => {
      expect((await t.ok(ASSESSMENTS, { org: ORG.castings }, BUYER)).maturityAssessments).toHaveLength(1);
      expect(codes(await t.gql(ASSESSMENTS, { org: ORG.castings }, BUYER2))).toEqual(['NOT_FOUND']);
      expect(codes(await t.gql(ASSESSMENTS, { org: ORG.bearings }, CASTINGS))).toEqual(['NOT_FOUND']);
    });
  });

  describe('scorecards and the network overview', () => {
    it('measures on time, in full and OTIF from receipts, response time and forecast commitment; null when nothing to measure', async () => {
      const due = day(-20);
      let order = await createOrder(t, {
        supplierId: ORG.hydraulics,
        lines: [
          { partId: demoPartId('anchor', 'YH-HYD-3001'), quantity: '4', unitPrice: '8800', requestedDate: due },
          { partId: demoPartId('anchor', 'YH-HYD-3002'), quantity: '2', unitPrice: '9900', requestedDate: due },
          { partId: demoPartId('anchor', 'YH-HYD-3004'), quantity: '50', unitPrice: '42', requestedDate: due },
        ],
      });
      order = (await t.ok(PUBLISH_ORDER, { id: order.id, v: order.version }, BUYER)).publishPurchaseOrder;
      order = (await t.ok(CONFIRM, { id: order.id, v: order.version }, HYDRAULICS)).confirmPurchaseOrder;
      // The supplier answered five hours after publishing.
      await t.sql(`UPDATE purchase_orders SET published_at = first_responded_at - interval '5 hours' WHERE id = $1`, [order.id]);
      const [a, b, c] = order.lines;
      const notice = (
        await t.ok(
          SHIP,
          {
            input: {
              purchaseOrderId: order.id,
              shipDate: day(-25),
              expectedArrival: day(-21),
              lines: [
                { lineId: a.id, quantity: '4' },
                { lineId: b.id, quantity: '2' },
                { lineId: c.id, quantity: '40' },
              ],
            },
          },
          HYDRAULICS,
        )
      ).createShipmentNotice;
      // a: on time, in full; b: late; c: on time but short.
      await t.ok(
        RECEIVE,
        {
          input: {
            shipmentNoticeId: notice.id,
            receivedOn: day(-21),
            lines: [
              { lineId: a.id, quantity: '4' },
              { lineId: c.id, quantity: '40' },
            ],
          },
        },
        BUYER,
      );
      await t.ok(
        RECEIVE,
        { input: { shipmentNoticeId: notice.id, receivedOn: day(-15), lines: [{ lineId: b.id, quantity: '2' }] } },
        BUYER,
      );
      // Firm demand of 10 + 10, commitment of 10 + 5.
      const forecast = (
        await t.ok(
          `mutation($input: PublishForecastInput!) { publishForecast(input: $input) { id } }`,
          {
            input: {
              supplierId: ORG.hydraulics,
              granularity: 'MONTH',
              horizonStart: '2027-01-01',
              bucketCount: 3,
              firmBuckets: 2,
              lines: [{ partId: demoPartId('anchor', 'YH-HYD-3005'), quantities: ['10', '10', '10'] }],
            },
          },
          PLANNER,
        )
      ).publishForecast;
      await t.ok(
        `mutation($id: ID!, $c: [CommitmentInput!]!) { commitForecast(forecastId: $id, commitments: $c) { id } }`,
        {
          id: forecast.id,
          c: [
            { partId: demoPartId('anchor', 'YH-HYD-3005'), periodStart: '2027-01-01', quantity: '10' },
            { partId: demoPartId('anchor', 'YH-HYD-3005'), periodStart: '2027-02-01', quantity: '5', note: '原料短缺' },
          ],
        },
        HYDRAULICS,
      );

      const card = (await t.ok(SCORECARD, { s: ORG.hydraulics, from: day(-60), to: day(0) }, BUYER)).supplierScorecard;
      expect(card).toMatchObject({ supplier: { id: ORG.hydraulics }, ordersCount: 1, meanResponseHours: 5, forecastCommitRatio: 0.75 });
      expect(card.onTimeRate).toBeCloseTo(2 / 3);
      expect(card.inFullRate).toBeCloseTo(2 / 3);
      expect(card.otifRate).toBeCloseTo(1 / 3);
      // The supplier sees its own card (all its anchors).
      expect((await t.ok(SCORECARD, { s: ORG.hydraulics, from: day(-60), to: day(0) }, HYDRAULICS)).supplierScorecard.otifRate).toBeCloseTo(
        1 / 3,
      );
      // A period with no receipts: null, not 0.
      const empty = (await t.ok(SCORECARD, { s: ORG.castings, from: '2020-01-01', to: '2020-12-31' }, BUYER)).supplierScorecard;
      expect(empty).toMatchObject({
        ordersCount: 0,
        onTimeRate: null,
        inFullRate: null,
        otifRate: null,
        meanResponseHours: null,
        forecastCommitRatio: null,
      });
      // Only for one's own suppliers, or oneself.
      expect(codes(await t.gql(SCORECARD, { s: ORG.hydraulics, from: day(-60), to: day(0) }, BUYER2))).toEqual(['NOT_FOUND']);
      expect(codes(await t.gql(SCORECARD, { s: ORG.hydraulics, from: day(-60), to: day(0) }, CASTINGS))).toEqual(['NOT_FOUND']);

      // Every card at once (the network page): the anchor's, one per supplier it has a partnership with, each as asked alone.
      const period = { from: day(-60), to: day(0) };
      const all = (await t.ok(SCORECARDS, period, BUYER)).supplierScorecards;
      const partners = await t.sql<{ id: string }>(
        `SELECT supplier_org_id AS id FROM partnerships WHERE anchor_org_id = $1 ORDER BY created_at, id`,
        [ORG.anchor],
      );
      expect(all.map((c: { supplier: { id: string } }) => c.supplier.id)).toEqual(partners.map((p) => p.id));
      expect(all.length).toBeGreaterThan(1);
      for (const one of all) expect(one).toEqual((await t.ok(SCORECARD, { s: one.supplier.id, ...period }, BUYER)).supplierScorecard);
      // A supplier: its own only; another anchor: none of this anchor's business.
      expect((await t.ok(SCORECARDS, period, HYDRAULICS)).supplierScorecards).toEqual([
        (await t.ok(SCORECARD, { s: ORG.hydraulics, ...period }, HYDRAULICS)).supplierScorecard,
      ]);
      const others = (await t.ok(SCORECARDS, period, BUYER2)).supplierScorecards;
      expect(others.map((c: { supplier: { id: string } }) => c.supplier.id)).not.toContain(ORG.hydraulics);
      expect(codes(await t.gql(SCORECARDS, { from: day(0), to: day(-1) }, BUYER))).toEqual(['BAD_USER_INPUT']);
    });

    it('gives the anchor its network: suppliers by level, rollouts, open orders, on-time rate over 90 days', async () => {
      const overview = (await t.ok(OVERVIEW, {}, BUYER)).networkOverview;
      expect(overview.supplierCount).toBe(3);
      expect(overview.suppliersByLevel).toEqual([
        { level: 'BASIC', count: 1 },
        { level: 'ADVANCED', count: 0 },
        { level: 'EXCELLENT', count: 1 },
        { level: 'NAVIGATOR', count: 0 },
        { level: null, count: 1 },
      ]);
      expect(overview).toMatchObject({ activeRollouts: 1, completedRollouts: 2 });
      expect(overview.onTimeDeliveryRate).toBeCloseTo(2 / 3);
      expect(overview.openOrders).toBe(1);
      expect(codes(await t.gql(OVERVIEW, {}, CASTINGS))).toEqual(['FORBIDDEN']);
    });
  });
});
