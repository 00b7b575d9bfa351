import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { DEMO_PASSWORD } from '@anchorlink/demo-data';
import { codes, TestApp } from './support/test-app.js';
import {
  ALLIANCE_ADMIN,
  ANCHOR_ADMIN,
  BUYER,
  CASTINGS,
  demoPartId,
  demoPartnershipId,
  HYDRAULICS,
  ORG,
  PLANNER,
} from './support/fixtures.js';
import { CANCEL, CLOSE, CONFIRM, createOrder, PUBLISH_ORDER, RECEIVE, RESOLVE, RESPOND, REVISE, SHIP } from './support/orders.js';

const AUDIT_LOG = `query($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id at action entityType entityId details actor { email } organization { id } }
  }
}`;

describe('audit log', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('every mutation that changes data writes audit rows in its own transaction', () => {
    const covered = new Map<string, string[]>();

    /** Runs one mutation and returns its result; records the audit actions it wrote. */
    async function audited<T = any>(mutation: string, run: () => Promise<T>): Promise<T> {
      // As text: a JavaScript Date would drop the microseconds and let the last old row through.
      const [{ last }] = await t.sql(`SELECT coalesce(max(at), '-infinity')::text AS last FROM audit_events`);
      const result = await run();
      const rows = await t.sql(`SELECT action FROM audit_events WHERE at > $1::timestamptz ORDER BY at`, [last]);
      expect({ mutation, wrote: rows.length > 0 }).toEqual({ mutation, wrote: true });
      covered.set(mutation, [...(covered.get(mutation) ?? []), ...rows.map((r: any) => r.action)]);
      return result;
    }

    it('covers sign-in, invitations, partnerships, API keys, parts and webhooks', async () => {
      const login = await audited('login', () =>
        t.ok(`mutation { login(email: "${BUYER}", password: "${DEMO_PASSWORD}") { refreshToken } }`),
      );
      const refreshed = await audited('refreshToken', () =>
        t.ok(`mutation($r: String!) { refreshToken(refreshToken: $r) { refreshToken } }`, { r: login.login.refreshToken }),
      );
      await audited('logout', () => t.ok(`mutation($r: String!) { logout(refreshToken: $r) }`, { r: refreshed.refreshToken.refreshToken }));

      const INVITE = `mutation($email: String!) { inviteSupplier(input: { supplierName: "新供应商", email: $email }) { token invitation { id } } }`;
      const first = (await audited('inviteSupplier', () => t.ok(INVITE, { email: 'first@new-supplier.demo' }, BUYER))).inviteSupplier;
      await audited('revokeInvitation', () =>
        t.ok(`mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id: first.invitation.id }, BUYER),
      );
      const second = (await t.ok(INVITE, { email: 'second@new-supplier.demo' }, BUYER)).inviteSupplier;
      await audited('acceptInvitation', () =>
        t.ok(
          `mutation($token: String!) { acceptInvitation(input: { token: $token, displayName: "新人", password: "Correct-horse-2026" }) { accessToken } }`,
          {
            token: second.token,
          },
        ),
      );

      const SET_STATUS = `mutation($id: ID!, $s: PartnershipStatus!) { setPartnershipStatus(id: $id, status: $s) { id } }`;
      await audited('setPartnershipStatus', () =>
        t.ok(SET_STATUS, { id: demoPartnershipId('anchor', 'hydraulics'), s: 'SUSPENDED' }, ANCHOR_ADMIN),
      );
      await t.ok(SET_STATUS, { id: demoPartnershipId('anchor', 'hydraulics'), s: 'ACTIVE' }, ANCHOR_ADMIN);

      const key = (
        await audited('createApiKey', () => t.ok(`mutation { createApiKey(name: "ERP", roles: [VIEWER]) { id } }`, {}, ANCHOR_ADMIN))
      ).createApiKey;
      await audited('revokeApiKey', () => t.ok(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: key.id }, ANCHOR_ADMIN));

      const part = (
        await audited('createPart', () =>
          t.ok(
            `mutation { createPart(input: { partNumber: "YH-AUD-1", description: "审计物料", uom: "KGM", attributes: { material: "Q235" } }) { id } }`,
            {},
            PLANNER,
          ),
        )
      ).createPart;
      await audited('mapSupplierPart', () =>
        t.ok(
          `mutation($p: ID!, $s: ID!) { mapSupplierPart(input: { partId: $p, supplierId: $s, supplierPartNumber: "JG-AUD-1" }) { id } }`,
          { p: part.id, s: ORG.castings },
          BUYER,
        ),
      );

      const hook = (
        await audited('createWebhookSubscription', () =>
          t.ok(
            `mutation { createWebhookSubscription(url: "http://localhost:9/h", events: ["order.published"]) { subscription { id } } }`,
            {},
            ANCHOR_ADMIN,
          ),
        )
      ).createWebhookSubscription.subscription;
      await audited('deleteWebhookSubscription', () =>
        t.ok(`mutation($id: ID!) { deleteWebhookSubscription(id: $id) }`, { id: hook.id }, ANCHOR_ADMIN),
      );
    });

    it('covers the whole order workflow', async () => {
      let a = await audited('createPurchaseOrder', () => createOrder(t));
      a = (await audited('publishPurchaseOrder', () => t.ok(PUBLISH_ORDER, { id: a.id, v: a.version }, BUYER))).publishPurchaseOrder;
      a = (
        await audited('respondToPurchaseOrder', () =>
          t.ok(
            RESPOND,
            {
              id: a.id,
              v: a.version,
              lines: [
                { lineId: a.lines[0].id, decision: 'ACCEPT' },
                { lineId: a.lines[1].id, decision: 'PROPOSE_CHANGE', quantity: '3', reasonCode: 'BACKORDERED', reason: '排产已满' },
              ],
            },
            CASTINGS,
          ),
        )
      ).respondToPurchaseOrder;
      a = (
        await audited('resolveChangeProposals', () =>
          t.ok(RESOLVE, { id: a.id, v: a.version, r: [{ lineId: a.lines[1].id, accept: true }] }, BUYER),
        )
      ).resolveChangeProposals;

      let b = await createOrder(t);
      b = (await t.ok(PUBLISH_ORDER, { id: b.id, v: b.version }, BUYER)).publishPurchaseOrder;
      b = (await audited('confirmPurchaseOrder', () => t.ok(CONFIRM, { id: b.id, v: b.version }, CASTINGS))).confirmPurchaseOrder;
      const notice = (
        await audited('createShipmentNotice', () =>
          t.ok(
            SHIP,
            {
              input: {
                purchaseOrderId: b.id,
                shipDate: '2026-12-10',
                expectedArrival: '2026-12-12',
                lines: b.lines.map((l: any) => ({ lineId: l.id, quantity: l.quantity })),
              },
            },
            CASTINGS,
          ),
        )
      ).createShipmentNotice;
      await audited('recordGoodsReceipt', () =>
        t.ok(
          RECEIVE,
          {
            input: {
              shipmentNoticeId: notice.id,
              receivedOn: '2026-12-12',
              lines: b.lines.map((l: any) => ({ lineId: l.id, quantity: l.quantity })),
            },
          },
          BUYER,
        ),
      );
      const received = (await t.ok(`query($id: ID!) { purchaseOrder(id: $id) { id version status } }`, { id: b.id }, BUYER)).purchaseOrder;
      await audited('closePurchaseOrder', () => t.ok(CLOSE, { id: b.id, v: received.version }, BUYER));

      let c = await createOrder(t);
      c = (await t.ok(PUBLISH_ORDER, { id: c.id, v: c.version }, BUYER)).publishPurchaseOrder;
      c = (
        await audited('revisePurchaseOrder', () =>
          t.ok(REVISE, { id: c.id, v: c.version, c: [{ lineId: c.lines[0].id, quantity: '12' }] }, BUYER),
        )
      ).revisePurchaseOrder;
      await audited('cancelPurchaseOrder', () => t.ok(CANCEL, { id: c.id, v: c.version, reason: '需求取消' }, BUYER));
    });

    it('covers forecasts, standards and replication', async () => {
      const forecast = (
        await audited('publishForecast', () =>
          t.ok(
            `mutation($input: PublishForecastInput!) { publishForecast(input: $input) { id } }`,
            {
              input: {
                supplierId: ORG.castings,
                granularity: 'WEEK',
                horizonStart: '2026-12-21',
                bucketCount: 2,
                firmBuckets: 1,
                lines: [{ partId: demoPartId('anchor', 'YH-CST-1001'), quantities: ['5', '5'] }],
              },
            },
            PLANNER,
          ),
        )
      ).publishForecast;
      await audited('commitForecast', () =>
        t.ok(
          `mutation($id: ID!, $c: [CommitmentInput!]!) { commitForecast(forecastId: $id, commitments: $c) { id } }`,
          {
            id: forecast.id,
            c: [{ partId: demoPartId('anchor', 'YH-CST-1001'), periodStart: '2026-12-21', quantity: '5' }],
          },
          CASTINGS,
        ),
      );
      await audited('importForecast', () =>
        t.ok(
          `mutation($input: ImportForecastInput!) { importForecast(input: $input) { id } }`,
          {
            input: { supplierId: ORG.bearings, granularity: 'WEEK', firmBuckets: 1, csv: 'part_number,2027-01-04\nYH-BRG-2001,2\n' },
          },
          PLANNER,
        ),
      );

      const standard = (
        await audited('createDataStandard', () =>
          t.ok(`mutation { createDataStandard(input: { code: "AUDIT-LIST", name: "审计", kind: CODE_LIST }) { id } }`, {}, ALLIANCE_ADMIN),
        )
      ).createDataStandard;
      const VERSION = `mutation($id: ID!, $v: String!) { createStandardVersion(standardId: $id, input: { version: $v, codes: [{ code: "A", labelZh: "甲", labelEn: "A" }] }) { id } }`;
      const v1 = (await audited('createStandardVersion', () => t.ok(VERSION, { id: standard.id, v: '1.0.0' }, ALLIANCE_ADMIN)))
        .createStandardVersion;
      await audited('updateStandardVersion', () =>
        t.ok(
          `mutation($id: ID!) { updateStandardVersion(versionId: $id, input: { version: "1.0.0", codes: [{ code: "B", labelZh: "乙", labelEn: "B" }] }) { id } }`,
          { id: v1.id },
          ALLIANCE_ADMIN,
        ),
      );
      const scrap = (await t.ok(VERSION, { id: standard.id, v: '9.0.0' }, ALLIANCE_ADMIN)).createStandardVersion;
      await audited('deleteStandardVersion', () =>
        t.ok(`mutation($id: ID!) { deleteStandardVersion(versionId: $id) }`, { id: scrap.id }, ALLIANCE_ADMIN),
      );
      await audited('publishStandardVersion', () =>
        t.ok(`mutation($id: ID!) { publishStandardVersion(versionId: $id) { id } }`, { id: v1.id }, ALLIANCE_ADMIN),
      );
      await audited('adoptStandardVersion', () =>
        t.ok(`mutation($id: ID!) { adoptStandardVersion(versionId: $id) { adoptedAt } }`, { id: v1.id }, CASTINGS),
      );
      await audited('deprecateStandardVersion', () =>
        t.ok(
          `mutation($id: ID!) { deprecateStandardVersion(versionId: $id, sunsetDate: "2030-01-01") { id } }`,
          { id: v1.id },
          ALLIANCE_ADMIN,
        ),
      );

      const pkg = (
        await audited('createReplicationPackage', () =>
          t.ok(
            `mutation($input: ReplicationPackageInput!) { createReplicationPackage(input: $input) { id checklist { id } } }`,
            {
              input: { title: '审计包', summary: 's', targetLevel: 'BASIC', checklist: [{ title: '一项', evidenceRequired: false }] },
            },
            BUYER,
          ),
        )
      ).createReplicationPackage;
      await audited('publishReplicationPackage', () =>
        t.ok(`mutation($id: ID!) { publishReplicationPackage(id: $id) { id } }`, { id: pkg.id }, BUYER),
      );
      const [rollout] = (
        await audited('launchRollout', () =>
          t.ok(
            `mutation($id: ID!, $s: [ID!]!) { launchRollout(packageId: $id, supplierIds: $s) { id } }`,
            { id: pkg.id, s: [ORG.hydraulics] },
            BUYER,
          ),
        )
      ).launchRollout;
      await audited('updateRolloutItem', () =>
        t.ok(
          `mutation($r: ID!, $i: ID!) { updateRolloutItem(rolloutId: $r, itemId: $i, done: true) { id status } }`,
          { r: rollout.id, i: pkg.checklist[0].id },
          HYDRAULICS,
        ),
      );
      await audited('archiveReplicationPackage', () =>
        t.ok(`mutation($id: ID!) { archiveReplicationPackage(id: $id) { id } }`, { id: pkg.id }, BUYER),
      );
      const criteria = (await t.ok(`{ assessmentCriteria { id level } }`, {}, HYDRAULICS)).assessmentCriteria;
      await audited('submitMaturityAssessment', () =>
        t.ok(
          `mutation($input: SubmitAssessmentInput!) { submitMaturityAssessment(input: $input) { level } }`,
          {
            input: {
              answers: criteria.filter((c: any) => c.level === 'BASIC').map((c: any) => ({ criterionId: c.id, met: true })),
              scenarioCount: 3,
              aiScenarioCount: 0,
            },
          },
          HYDRAULICS,
        ),
      );
    });

    it('has covered every mutation of the schema', () => {
      const schema = t.app.get(GraphQLSchemaHost).schema;
      const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
      expect([...covered.keys()].sort()).toEqual(mutations);
      expect(covered.get('login')).toEqual(['session.signed_in']);
      expect(covered.get('createPurchaseOrder')).toEqual(['order.created']);
      expect(covered.get('createApiKey')).toEqual(['api_key.created']);
    });

    it('writes nothing for a mutation that failed', async () => {
      const [{ n: before }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events`);
      const draft = await createOrder(t);
      const [{ n: afterCreate }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events`);
      expect(afterCreate).toBe(before + 1);
      expect(codes(await t.gql(PUBLISH_ORDER, { id: draft.id, v: draft.version + 3 }, BUYER))).toEqual(['CONFLICT']);
      expect(
        codes(
          await t.gql(
            `mutation { createPart(input: { partNumber: "YH-AUD-1", description: "重复", uom: "KGM", attributes: { material: "Q235" } }) { id } }`,
            {},
            PLANNER,
          ),
        ),
      ).toEqual(['CONFLICT']);
      const [{ n: after }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events`);
      expect(after).toBe(afterCreate);
    });
  });

  describe('auditLog query', () => {
    it("shows an administrator the organization's own events, newest first, with before/after details", async () => {
      const page = (await t.ok(AUDIT_LOG, { first: 50 }, ANCHOR_ADMIN)).auditLog;
      expect(page.nodes.length).toBeGreaterThan(10);
      expect(page.nodes.every((n: any) => n.organization.id === ORG.anchor)).toBe(true);
      const times = page.nodes.map((n: any) => Date.parse(n.at));
      expect([...times].sort((x, y) => y - x)).toEqual(times);
      const changes = page.nodes.filter((n: any) => n.action === 'partnership.status_changed');
      // Suspended, then re-activated: newest first.
      expect(changes.map((n: any) => n.details.status)).toEqual([
        { before: 'SUSPENDED', after: 'ACTIVE' },
        { before: 'ACTIVE', after: 'SUSPENDED' },
      ]);
      expect(changes[0].actor.email).toBe(ANCHOR_ADMIN);
      // Only ORG_ADMIN reads it.
      expect(codes(await t.gql(AUDIT_LOG, {}, BUYER))).toEqual(['FORBIDDEN']);
    });

    it('never shows another organization its events', async () => {
      const castings = (await t.ok(AUDIT_LOG, { first: 200 }, CASTINGS)).auditLog;
      expect(castings.nodes.length).toBeGreaterThan(0);
      expect(castings.nodes.every((n: any) => n.organization.id === ORG.castings)).toBe(true);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE org_id = $1`, [ORG.castings]);
      expect(castings.totalCount).toBe(n);
    });

    it('filters by entity, actor and time, and pages without gaps or repeats', async () => {
      const order = await createOrder(t);
      await t.ok(PUBLISH_ORDER, { id: order.id, v: order.version }, BUYER);
      const byEntity = (await t.ok(AUDIT_LOG, { filter: { entityType: 'PurchaseOrder', entityId: order.id } }, ANCHOR_ADMIN)).auditLog;
      expect(byEntity.nodes.map((n: any) => n.action)).toEqual(['order.published', 'order.created']);
      const [buyer] = await t.sql(`SELECT id FROM users WHERE email = $1`, [BUYER]);
      const byActor = (await t.ok(AUDIT_LOG, { filter: { actorId: buyer.id }, first: 200 }, ANCHOR_ADMIN)).auditLog;
      expect(byActor.nodes.every((n: any) => n.actor?.email === BUYER)).toBe(true);
      const from = byEntity.nodes[1].at;
      const to = byEntity.nodes[0].at;
      const window = (await t.ok(AUDIT_LOG, { filter: { entityId: order.id, from, to } }, ANCHOR_ADMIN)).auditLog;
      expect(window.nodes.map((n: any) => n.action)).toEqual(['order.created']);

      const all = (await t.ok(AUDIT_LOG, { first: 200 }, ANCHOR_ADMIN)).auditLog;
      const paged: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = (await t.ok(AUDIT_LOG, { first: 7, after }, ANCHOR_ADMIN)).auditLog;
        paged.push(...page.nodes.map((n: any) => n.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(paged).toEqual(all.nodes.map((n: any) => n.id));
      expect(all.totalCount).toBe(paged.length);
    });

    it('refuses malformed filters and cursors', async () => {
      for (const variables of [
        { filter: { entityId: 'not-a-uuid' } },
        { filter: { actorId: '42' } },
        { filter: { from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' } },
        { after: 'garbage' },
        { first: -1 },
      ]) {
        expect({ variables, codes: codes(await t.gql(AUDIT_LOG, variables, ANCHOR_ADMIN)) }).toEqual({
          variables,
          codes: ['BAD_USER_INPUT'],
        });
      }
    });
  });
});
