import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { hashPassword } from '@anchorlink/identity';
import { codes, TestApp } from './support/test-app.js';
import {
  ALLIANCE_ADMIN,
  ANCHOR_ADMIN,
  BEARINGS,
  BUYER,
  BUYER2,
  CASTINGS,
  demoPartId,
  demoPartnershipId,
  HYDRAULICS,
  MISSING_ID,
  ORG,
  PLANNER,
} from './support/fixtures.js';
import { CONFIRM, createOrder, PUBLISH_ORDER, SHIP } from './support/orders.js';

/**
 * Every query and mutation of the schema that takes an id is called by each
 * outsider on objects of 远航重工 and 精工铸造 (or of the demo alliance) and
 * must answer NOT_FOUND, exactly as for a missing id, or FORBIDDEN when the
 * caller's role excludes the operation anyway; list queries must return none
 * of those objects. The operations are read from the schema: an operation with
 * an id argument this file does not know fails the test until it is added.
 */
type Owner = 'anchor' | 'alliance';
interface Victim {
  id: string;
  owner: Owner;
}

const OTHER_ALLIANCE = 'admin@other-alliance.demo';
const OUTSIDERS: Record<string, Owner[]> = {
  // Who may legitimately own what: each outsider is tried only on objects it does not own.
  [BUYER2]: [],
  [HYDRAULICS]: [],
  [BEARINGS]: [],
  [ALLIANCE_ADMIN]: ['alliance'],
  [OTHER_ALLIANCE]: [],
};

describe('isolation matrix (generated from the schema)', () => {
  let t: TestApp;
  const victims: Record<string, Victim> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    const [{ id: other }] = await t.sql(`INSERT INTO organizations (name, kind) VALUES ('另一联盟', 'ALLIANCE') RETURNING id`);
    await t.sql(
      `INSERT INTO users (org_id, email, password_hash, display_name, roles) VALUES ($1, $2, $3, 'Other', '{ORG_ADMIN,STANDARDS_ADMIN}')`,
      [other, OTHER_ALLIANCE, await hashPassword('Other-alliance-2026')],
    );
    await t.tokenFor(OTHER_ALLIANCE, 'Other-alliance-2026');

    // 远航重工 ↔ 精工铸造: an order through to a shipment notice, a forecast, a rollout.
    const draft = await createOrder(t);
    const published = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
    const confirmed = (await t.ok(CONFIRM, { id: published.id, v: published.version }, CASTINGS)).confirmPurchaseOrder;
    const notice = (
      await t.ok(
        SHIP,
        {
          input: {
            purchaseOrderId: confirmed.id,
            shipDate: '2026-12-01',
            expectedArrival: '2026-12-02',
            lines: [{ lineId: confirmed.lines[0].id, quantity: '1' }],
          },
        },
        CASTINGS,
      )
    ).createShipmentNotice;
    const forecast = (
      await t.ok(
        `mutation($input: PublishForecastInput!) { publishForecast(input: $input) { id } }`,
        {
          input: {
            supplierId: ORG.castings,
            granularity: 'WEEK',
            horizonStart: '2026-12-07',
            bucketCount: 2,
            firmBuckets: 1,
            lines: [{ partId: demoPartId('anchor', 'YH-CST-1001'), quantities: ['1', '2'] }],
          },
        },
        PLANNER,
      )
    ).publishForecast;
    const invitation = (
      await t.ok(`mutation { inviteSupplier(input: { supplierName: "x", email: "x@victim.demo" }) { invitation { id } } }`, {}, BUYER)
    ).inviteSupplier.invitation;
    const pkg = (
      await t.ok(
        `mutation($i: ReplicationPackageInput!) { createReplicationPackage(input: $i) { id checklist { id } } }`,
        {
          i: { title: 'p', summary: 's', targetLevel: 'BASIC', checklist: [{ title: 'a', evidenceRequired: false }] },
        },
        BUYER,
      )
    ).createReplicationPackage;
    await t.ok(`mutation($id: ID!) { publishReplicationPackage(id: $id) { id } }`, { id: pkg.id }, BUYER);
    const [rollout] = (
      await t.ok(
        `mutation($id: ID!, $s: [ID!]!) { launchRollout(packageId: $id, supplierIds: $s) { id } }`,
        { id: pkg.id, s: [ORG.castings] },
        BUYER,
      )
    ).launchRollout;
    // The demo alliance: a standard with nothing but a draft.
    const standard = (
      await t.ok(
        `mutation { createDataStandard(input: { code: "SECRET-LIST", name: "draft", kind: CODE_LIST }) { id } }`,
        {},
        ALLIANCE_ADMIN,
      )
    ).createDataStandard;
    const version = (
      await t.ok(
        `mutation($id: ID!) { createStandardVersion(standardId: $id, input: { version: "1.0.0", codes: [{ code: "A", labelZh: "甲", labelEn: "A" }] }) { id } }`,
        { id: standard.id },
        ALLIANCE_ADMIN,
      )
    ).createStandardVersion;

    // Integration: an API key and a webhook subscription of 远航重工, one of its users as an audit actor.
    const apiKey = (await t.ok(`mutation { createApiKey(name: "erp", roles: [ORG_ADMIN]) { id } }`, {}, ANCHOR_ADMIN)).createApiKey;
    const webhook = (
      await t.ok(
        `mutation { createWebhookSubscription(url: "http://localhost:9/hook", events: ["order.published"]) { subscription { id } } }`,
        {},
        ANCHOR_ADMIN,
      )
    ).createWebhookSubscription.subscription;
    const [buyerUser] = await t.sql(`SELECT id FROM users WHERE email = $1`, [BUYER]);
    // Every outsider signs in now: signing in is audited, and the matrix must change nothing.
    for (const persona of Object.keys(OUTSIDERS)) if (persona !== OTHER_ALLIANCE) await t.tokenFor(persona);

    const anchor = (id: string): Victim => ({ id, owner: 'anchor' });
    Object.assign(victims, {
      order: anchor(confirmed.id),
      line: anchor(confirmed.lines[0].id),
      notice: anchor(notice.id),
      forecast: anchor(forecast.id),
      invitation: anchor(invitation.id),
      partnership: anchor(demoPartnershipId('anchor', 'castings')),
      part: anchor(demoPartId('anchor', 'YH-CST-1001')),
      castings: anchor(ORG.castings),
      package: anchor(pkg.id),
      rollout: anchor(rollout.id),
      item: anchor(pkg.checklist[0].id),
      apiKey: anchor(apiKey.id),
      webhook: anchor(webhook.id),
      user: anchor(buyerUser.id),
      standard: { id: standard.id, owner: 'alliance' as const },
      version: { id: version.id, owner: 'alliance' as const },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * Which victim each id argument of each operation receives: `Root.field.arg[.inputField…]`.
   * null: the id names shared reference data, not a tenant's object (the operation is out of scope).
   */
  const ID_ARGUMENTS: Record<string, string | null> = {
    'Mutation.submitMaturityAssessment.input.answers.criterionId': null,
    'Query.organization.id': 'castings',
    'Query.part.id': 'part',
    'Query.purchaseOrder.id': 'order',
    'Query.purchaseOrders.filter.supplierId': 'castings',
    'Query.parts.supplierId': 'castings',
    'Query.purchaseOrders.filter.anchorId': 'castings',
    'Query.shipmentNotices.purchaseOrderId': 'order',
    'Query.forecast.id': 'forecast',
    'Query.forecasts.filter.supplierId': 'castings',
    'Query.forecasts.filter.anchorId': 'castings',
    'Query.rollouts.packageId': 'package',
    'Query.rollouts.supplierId': 'castings',
    'Query.maturityAssessments.organizationId': 'castings',
    'Query.supplierScorecard.supplierId': 'castings',
    'Mutation.revokeInvitation.id': 'invitation',
    'Mutation.setPartnershipStatus.id': 'partnership',
    'Mutation.mapSupplierPart.input.partId': 'part',
    'Mutation.mapSupplierPart.input.supplierId': 'castings',
    'Mutation.createPurchaseOrder.input.supplierId': 'castings',
    'Mutation.createPurchaseOrder.input.lines.partId': 'part',
    'Mutation.publishPurchaseOrder.id': 'order',
    'Mutation.respondToPurchaseOrder.id': 'order',
    'Mutation.respondToPurchaseOrder.lines.lineId': 'line',
    'Mutation.confirmPurchaseOrder.id': 'order',
    'Mutation.resolveChangeProposals.id': 'order',
    'Mutation.resolveChangeProposals.resolutions.lineId': 'line',
    'Mutation.revisePurchaseOrder.id': 'order',
    'Mutation.revisePurchaseOrder.changes.lineId': 'line',
    'Mutation.revisePurchaseOrder.changes.partId': 'part',
    'Mutation.cancelPurchaseOrder.id': 'order',
    'Mutation.closePurchaseOrder.id': 'order',
    'Mutation.createShipmentNotice.input.purchaseOrderId': 'order',
    'Mutation.createShipmentNotice.input.lines.lineId': 'line',
    'Mutation.recordGoodsReceipt.input.shipmentNoticeId': 'notice',
    'Mutation.recordGoodsReceipt.input.lines.lineId': 'line',
    'Mutation.publishForecast.input.supplierId': 'castings',
    'Mutation.publishForecast.input.lines.partId': 'part',
    'Mutation.importForecast.input.supplierId': 'castings',
    'Mutation.commitForecast.forecastId': 'forecast',
    'Mutation.commitForecast.commitments.partId': 'part',
    'Mutation.createStandardVersion.standardId': 'standard',
    'Mutation.updateStandardVersion.versionId': 'version',
    'Mutation.deleteStandardVersion.versionId': 'version',
    'Mutation.publishStandardVersion.versionId': 'version',
    'Mutation.deprecateStandardVersion.versionId': 'version',
    'Query.standardVersionPublicationPreview.versionId': 'version',
    'Mutation.adoptStandardVersion.versionId': 'version',
    'Mutation.createReplicationPackage.input.requiredStandardVersionIds': 'version',
    'Mutation.publishReplicationPackage.id': 'package',
    'Mutation.archiveReplicationPackage.id': 'package',
    'Mutation.launchRollout.packageId': 'package',
    'Mutation.launchRollout.supplierIds': 'castings',
    'Mutation.updateRolloutItem.rolloutId': 'rollout',
    'Mutation.updateRolloutItem.itemId': 'item',
    'Query.auditLog.filter.entityId': 'order',
    'Query.auditLog.filter.actorId': 'user',
    'Query.webhookDeliveries.subscriptionId': 'webhook',
    'Mutation.revokeApiKey.id': 'apiKey',
    'Mutation.deleteWebhookSubscription.id': 'webhook',
  };

  interface Operation {
    key: string;
    query: string;
    variables: (replace: (victim: string) => string) => Record<string, unknown>;
    victimsUsed: string[];
    returnsList: boolean;
  }

  /** A value for an input type: ids from the table, harmless valid values otherwise (optional fields only when they are ids). */
  function valueFor(type: GraphQLInputType, path: string, used: Set<string>, replace: (v: string) => string): unknown {
    const required = isNonNullType(type);
    const inner = getNullableType(type);
    if (isListType(inner)) {
      const element = valueFor(inner.ofType, path, used, replace);
      return element === undefined ? (required ? [] : undefined) : [element];
    }
    const named = getNamedType(type);
    if (isScalarType(named) && named.name === 'ID') {
      const victim = ID_ARGUMENTS[path];
      if (victim === undefined) throw new Error(`The isolation matrix has no object for ${path}: add it to ID_ARGUMENTS`);
      if (victim === null) {
        used.add('(reference data)');
        return MISSING_ID;
      }
      used.add(victim);
      return replace(victim);
    }
    if (!required && !containsId(named)) return undefined;
    if (isInputObjectType(named)) {
      const value: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(named.getFields())) {
        const v = valueFor(field.type, `${path}.${name}`, used, replace);
        if (v !== undefined) value[name] = v;
      }
      return value;
    }
    if (isEnumType(named)) return named.getValues()[0].value;
    const scalars: Record<string, unknown> = {
      String: 'x',
      Int: 1,
      Float: 1,
      Boolean: true,
      Decimal: '1',
      Date: '2026-12-07',
      DateTime: new Date().toISOString(),
      JSON: {},
    };
    if (!(named.name in scalars)) throw new Error(`no sample value for scalar ${named.name}`);
    return scalars[named.name];
  }

  function containsId(type: ReturnType<typeof getNamedType>, seen = new Set<string>()): boolean {
    if (isScalarType(type)) return type.name === 'ID';
    if (!isInputObjectType(type) || seen.has(type.name)) return false;
    seen.add(type.name);
    return Object.values(type.getFields()).some((f) => containsId(getNamedType(f.type), seen));
  }

  function operations(): Operation[] {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const result: Operation[] = [];
    for (const root of ['Query', 'Mutation'] as const) {
      const type = root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (!field.args.some((a: GraphQLArgument) => containsId(getNamedType(a.type)))) continue;
        const used = new Set<string>();
        valueForArgs(root, field, used, (v) => v);
        if (used.has('(reference data)')) continue;
        const returned = getNamedType(field.type);
        const selection = isObjectType(returned) ? '{ __typename }' : '';
        const declarations = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
        const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const listType = isListType(getNullableType(field.type)) || returned.name.endsWith('Connection');
        result.push({
          key: `${root}.${field.name}`,
          query: `${root === 'Query' ? 'query' : 'mutation'} (${declarations}) { ${field.name}(${call}) ${selection} }`,
          variables: (replace) => valueForArgs(root, field, new Set(), replace),
          victimsUsed: [...used],
          returnsList: root === 'Query' && listType,
        });
      }
    }
    return result;
  }

  function valueForArgs(root: string, field: GraphQLField<unknown, unknown>, used: Set<string>, replace: (v: string) => string) {
    const variables: Record<string, unknown> = {};
    for (const arg of field.args) {
      const v = valueFor(arg.type, `${root}.${field.name}.${arg.name}`, used, replace);
      if (v !== undefined) variables[arg.name] = v;
    }
    return variables;
  }

  it('covers every operation that takes an id, from every outsider', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(40);
    const snapshot = () =>
      t.sql(
        `SELECT (SELECT version FROM purchase_orders WHERE id = $1) AS order_version, (SELECT status FROM forecasts WHERE id = $2) AS forecast,
                    (SELECT status FROM invitations WHERE id = $3) AS invitation, (SELECT status FROM partnerships WHERE id = $4) AS partnership,
                    (SELECT status FROM replication_packages WHERE id = $5) AS package, (SELECT status FROM standard_versions WHERE id = $6) AS version,
                    (SELECT revoked_at FROM api_keys WHERE id = $7) AS api_key, (SELECT deleted_at FROM webhook_subscriptions WHERE id = $8) AS webhook,
                    (SELECT count(*) FROM audit_events)::int AS audit`,
        [
          victims.order.id,
          victims.forecast.id,
          victims.invitation.id,
          victims.partnership.id,
          victims.package.id,
          victims.version.id,
          victims.apiKey.id,
          victims.webhook.id,
        ],
      );
    const before = await snapshot();
    const victimIds = new Set(Object.values(victims).map((v) => v.id));
    let checks = 0;
    for (const op of ops) {
      const owners = new Set(op.victimsUsed.map((v) => victims[v].owner));
      for (const [persona, owns] of Object.entries(OUTSIDERS)) {
        if (owns.some((o) => owners.has(o))) continue;
        const token = persona === OTHER_ALLIANCE ? await t.tokenFor(OTHER_ALLIANCE, 'Other-alliance-2026') : persona;
        const res = await t.gql(
          op.query,
          op.variables((v) => victims[v].id),
          token,
        );
        const label = `${op.key} as ${persona}`;
        checks++;
        if (!res.errors?.length) {
          expect({ label, allowed: op.returnsList }).toEqual({ label, allowed: true });
          const leaked = [...victimIds].filter((id) => JSON.stringify(res.data).includes(id));
          expect({ label, leaked }).toEqual({ label, leaked: [] });
          continue;
        }
        const got = [...new Set(codes(res))];
        expect({ label, codes: got.every((c) => c === 'NOT_FOUND' || c === 'FORBIDDEN') }).toEqual({ label, codes: true });
        if (got.includes('NOT_FOUND')) {
          const missing = await t.gql(
            op.query,
            op.variables(() => MISSING_ID),
            token,
          );
          expect({ label, message: res.errors[0].message }).toEqual({ label, message: missing.errors?.[0]?.message });
        }
      }
    }
    expect(checks).toBeGreaterThanOrEqual(195);
    // Nothing any outsider did changed anything.
    expect(await snapshot()).toEqual(before);
  });
});
