import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema, getNamedType, type GraphQLObjectType, isLeafType, isObjectType } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { DataSource } from 'typeorm';
import { TestApp } from './support/test-app.js';
import { BUYER, BUYER2, CASTINGS, demoPartId, HYDRAULICS, ORG } from './support/fixtures.js';
import { CONFIRM, createOrder, ORDER, ORDERS, PUBLISH_ORDER, publishedOrder, RESPOND } from './support/orders.js';

const SHIP_ONE = `mutation($input: CreateShipmentNoticeInput!) { createShipmentNotice(input: $input) { id } }`;
import { subscribeToOrderEvents } from './support/subscriptions.js';
import { statementsOf } from './support/statements.js';

const PAGE = `query($first: Int) {
  purchaseOrders(first: $first) {
    totalCount
    nodes { id number status totalAmount anchor { name } supplier { name }
      lines { lineNumber quantity status part { partNumber uom supplierParts { supplierPartNumber } } }
      events { type actor { displayName } } }
  }
}`;

describe('purchase orders: loading', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Without the in-process worker: it shares the data source, and its
    // outbox work (after the sign-in) would be counted as the request's.
    t = await TestApp.start({ runWorker: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('loads a page with lines, parts and organizations in a number of statements that does not grow with the page', async () => {
    // 60 published orders of 3 lines each from 远航重工 to 恒通液压, written directly.
    await t.sql(
      `WITH o AS (
         INSERT INTO purchase_orders (anchor_org_id, supplier_org_id, number, status, currency, published_at, total_amount)
         SELECT $1, $2, 'BULK-' || g, 'PUBLISHED', 'CNY', now(), 100 FROM generate_series(1, 60) g RETURNING id)
       INSERT INTO purchase_order_lines (order_id, anchor_org_id, supplier_org_id, line_number, part_id, quantity, uom, unit_price, requested_date, original_requested_date)
       SELECT o.id, $1, $2, n, (ARRAY[$3, $4, $5]::uuid[])[n], 10, 'H87', 10, '2026-12-01', '2026-12-01' FROM o, generate_series(1, 3) n`,
      [
        ORG.anchor,
        ORG.hydraulics,
        demoPartId('anchor', 'YH-HYD-3001'),
        demoPartId('anchor', 'YH-HYD-3002'),
        demoPartId('anchor', 'YH-HYD-3004'),
      ],
    );
    const token = await t.tokenFor(HYDRAULICS);
    const measure = async (first: number) => {
      const counted = await statementsOf(() => t.ok(PAGE, { first }, token));
      expect(counted.result.purchaseOrders.nodes).toHaveLength(first);
      expect(counted.result.purchaseOrders.nodes[0].lines).toHaveLength(3);
      return counted.statements;
    };
    const ten = await measure(10);
    const fifty = await measure(50);
    expect(fifty).toBe(ten);
    // START with the settings, the page with everything under it (SqlPlanner), COMMIT. (These orders were written
    // without events; the actors of events would add one statement, the identity lib's batched read of users.)
    expect(fifty).toBe(3);
  });

  it('reads an order with its lines in few statements, and nothing of an order it cannot see', async () => {
    const order = await publishedOrder(t);
    const query = `query($id: ID!) { purchaseOrder(id: $id) { id number lines { lineNumber quantity part { partNumber } } } }`;
    await t.tokenFor(CASTINGS);
    await t.tokenFor(HYDRAULICS);
    const supplier = await statementsOf(() => t.gql<any>(query, { id: order.id }, CASTINGS));
    expect(supplier.result.data.purchaseOrder.lines.map((l: { part: { partNumber: string } }) => l.part.partNumber)).toEqual([
      'YH-CST-1001',
      'YH-CST-1003',
    ]);
    // The start with the tenant's settings, the order with its lines, COMMIT.
    expect(supplier.texts[0]).toMatch(/^START TRANSACTION READ ONLY; SET LOCAL ROLE anchorlink_app; SET LOCAL app\.org_id = '/);
    expect(supplier.texts.at(-1)).toBe('COMMIT');
    expect(supplier.statements).toBeLessThanOrEqual(4);
    // Another supplier: no order, so no lines, in the answer.
    const other = await statementsOf(() => t.gql<any>(query, { id: order.id }, HYDRAULICS));
    expect(other.result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(other.result.data?.purchaseOrder ?? null).toBeNull();
  });

  it('reads only the line and part columns a query asks for, and every field still gets its value', async () => {
    // Every field of PurchaseOrderLine and Part in the schema, asked alone, must answer what it answers among all the others:
    // a field resolver reading a column the pruned read left out would answer differently.
    // Lines in several states: a change proposed (with a reason), accepted ones, confirmed ones.
    const proposed = await publishedOrder(t);
    await t.ok(
      RESPOND,
      {
        id: proposed.id,
        v: proposed.version,
        lines: [
          { lineId: proposed.lines[0].id, decision: 'PROPOSE_CHANGE', unitPrice: '1300', reasonCode: 'PRICE_CHANGED', reason: '铜价上涨' },
          { lineId: proposed.lines[1].id, decision: 'ACCEPT' },
        ],
      },
      CASTINGS,
    );
    const confirmed = await publishedOrder(t);
    await t.ok(CONFIRM, { id: confirmed.id, v: confirmed.version }, CASTINGS);
    const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
    const selection = (type: GraphQLObjectType, name: string) => {
      const named = getNamedType(type.getFields()[name].type);
      if (!isObjectType(named)) return name;
      const leaves = Object.entries(named.getFields()).filter(([, f]) => isLeafType(getNamedType(f.type)));
      return `${name} { ${leaves.map(([n]) => n).join(' ')} }`;
    };
    const lineType = schema.getType('PurchaseOrderLine') as GraphQLObjectType;
    const partType = schema.getType('Part') as GraphQLObjectType;
    const lineFields = Object.keys(lineType.getFields()).filter((n) => n !== 'part');
    const partFields = Object.keys(partType.getFields());
    const read = async (lines: string) =>
      (await t.ok(`query { purchaseOrders(first: 50) { nodes { id lines { ${lines} } } } }`, {}, BUYER)).purchaseOrders.nodes as {
        id: string;
        lines: any[];
      }[];
    const full = await read(
      `${lineFields.map((n) => selection(lineType, n)).join(' ')} part { ${partFields.map((n) => selection(partType, n)).join(' ')} }`,
    );
    const fullLines = full.flatMap((o) => o.lines);
    expect(fullLines.length).toBeGreaterThanOrEqual(4);
    expect(fullLines.some((l) => l.proposal !== null)).toBe(true);
    expect(fullLines.some((l) => l.confirmedQuantity !== null)).toBe(true);
    for (const field of lineFields) {
      const alone = (await read(selection(lineType, field))).flatMap((o) => o.lines.map((l) => l[field]));
      expect([field, alone]).toEqual([field, fullLines.map((l) => l[field])]);
    }
    for (const field of partFields) {
      const alone = (await read(`part { ${selection(partType, field)} }`)).flatMap((o) => o.lines.map((l) => l.part[field]));
      expect([field, alone]).toEqual([field, fullLines.map((l) => l.part[field])]);
    }
  });

  it('answers a planned read exactly as the resolvers answer the same order, for every field, alias and fragment', async () => {
    // The order once read in one statement (purchaseOrder, purchaseOrders) and once through the resolvers of the
    // entity (a shipment notice's purchaseOrder): every field of the schema under PurchaseOrder, three levels deep.
    const order = await publishedOrder(t);
    await t.ok(
      RESPOND,
      {
        id: order.id,
        v: order.version,
        lines: [
          { lineId: order.lines[0].id, decision: 'PROPOSE_CHANGE', unitPrice: '1300', reasonCode: 'PRICE_CHANGED', reason: '铜价上涨' },
          { lineId: order.lines[1].id, decision: 'ACCEPT' },
        ],
      },
      CASTINGS,
    );
    const answered = (await t.ok(ORDER, { id: order.id }, BUYER)).purchaseOrder;
    await t.ok(
      `mutation($id: ID!, $v: Int!, $r: [ProposalResolutionInput!]!) { resolveChangeProposals(id: $id, expectedVersion: $v, resolutions: $r) { id } }`,
      { id: order.id, v: answered.version, r: [{ lineId: order.lines[0].id, accept: true }] },
      BUYER,
    );
    await t.ok(
      SHIP_ONE,
      {
        input: {
          purchaseOrderId: order.id,
          shipDate: '2026-12-10',
          expectedArrival: '2026-12-12',
          lines: [{ lineId: order.lines[0].id, quantity: '3' }],
        },
      },
      CASTINGS,
    );
    const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
    const everything = (type: GraphQLObjectType, depth: number): string =>
      Object.entries(type.getFields())
        .map(([name, field]) => {
          const named = getNamedType(field.type);
          if (!isObjectType(named)) return name;
          return depth > 0 ? `${name} { __typename ${everything(named, depth - 1)} }` : '';
        })
        .join(' ');
    const full = `fragment Full on PurchaseOrder { ${everything(schema.getType('PurchaseOrder') as GraphQLObjectType, 3)} }`;
    // Aliases of one field with different selections, a skipped field, a fragment spread inside an inline fragment.
    const tricky = `first: lines { n: lineNumber } second: lines { n: quantity part { id } } skipped: number @skip(if: true) ... on PurchaseOrder { ...Full }`;
    for (const who of [BUYER, CASTINGS]) {
      const planned = await t.ok(`query($id: ID!) { purchaseOrder(id: $id) { ${tricky} } } ${full}`, { id: order.id }, who);
      const listed = await t.ok(`query { purchaseOrders(first: 3) { nodes { ${tricky} } } } ${full}`, {}, who);
      const resolved = await t.ok(
        `query($id: ID!) { shipmentNotices(purchaseOrderId: $id) { purchaseOrder { ${tricky} } } } ${full}`,
        { id: order.id },
        who,
      );
      const viaResolvers = resolved.shipmentNotices[0].purchaseOrder;
      expect(viaResolvers.lines[0].proposal ?? null).toBeNull();
      expect(viaResolvers.lines[0].part.supplierParts.length).toBeGreaterThan(0);
      expect(viaResolvers.events.length).toBeGreaterThanOrEqual(4);
      expect(viaResolvers.skipped).toBeUndefined();
      expect(planned.purchaseOrder).toEqual(viaResolvers);
      expect(listed.purchaseOrders.nodes.find((n: { id: string }) => n.id === order.id)).toEqual(viaResolvers);
    }
  });

  it('answers any part of a connection alone, and pages through it by its cursors', async () => {
    for (let i = 0; i < 3; i++) await publishedOrder(t);
    const all = (await t.ok(`query { purchaseOrders(first: 200) { totalCount nodes { id } } }`, {}, CASTINGS)).purchaseOrders;
    expect(all.nodes.length).toBe(all.totalCount);
    const parts = await t.ok(
      `query { count: purchaseOrders(first: 1) { totalCount } info: purchaseOrders(first: 1) { pageInfo { hasNextPage } } typename: purchaseOrders { __typename } }`,
      {},
      CASTINGS,
    );
    expect(parts).toEqual({
      count: { totalCount: all.totalCount },
      info: { pageInfo: { hasNextPage: true } },
      typename: { __typename: 'PurchaseOrderConnection' },
    });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const data: any = (await t.ok(ORDERS, { first: 2, after }, CASTINGS)).purchaseOrders;
      seen.push(...data.nodes.map((n: { id: string }) => n.id));
      expect(data.totalCount).toBe(all.totalCount);
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((n: { id: string }) => n.id));
  });

  it('confirms an order in five statements: start, lock with the lines, one change with its events, audit rows and outbox, the dispatch job, COMMIT', async () => {
    const order = await publishedOrder(t);
    await t.tokenFor(CASTINGS);
    const counted = await statementsOf(() =>
      t.ok(
        `mutation($id: ID!, $v: Int!) { confirmPurchaseOrder(id: $id, expectedVersion: $v) { id status version } }`,
        { id: order.id, v: order.version },
        CASTINGS,
      ),
    );
    expect(counted.result.confirmPurchaseOrder).toEqual({ id: order.id, status: 'CONFIRMED', version: order.version + 1 });
    expect(counted.texts.map((text) => text.trim().slice(0, 24))).toEqual([
      expect.stringMatching(/^START TRANSACTION; SET L/),
      expect.stringMatching(/^WITH o AS \(/),
      expect.stringMatching(/^WITH lu AS \(/),
      expect.stringMatching(/^INSERT INTO pgboss\.job/i),
      'COMMIT',
    ]);
    // What the one change wrote: both lines, the order, two order events with their audit rows and outbox events, one job.
    const [written] = await t.sql(
      `SELECT (SELECT count(*)::int FROM purchase_order_lines WHERE order_id = $1 AND status = 'ACCEPTED') AS lines,
              (SELECT status FROM purchase_orders WHERE id = $1) AS status,
              (SELECT array_agg(type::text ORDER BY at) FROM order_events WHERE order_id = $1 AND type IN ('RESPONDED', 'CONFIRMED')) AS events,
              (SELECT array_agg(action ORDER BY at) FROM audit_events WHERE entity_id = $1 AND action IN ('order.responded', 'order.confirmed')) AS audit,
              (SELECT array_agg(type ORDER BY seq) FROM outbox_events WHERE entity_id = $1 AND type IN ('order.responded', 'order.confirmed')) AS outbox,
              (SELECT array_agg(data->>'at' = to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ORDER BY seq)
                 FROM outbox_events o JOIN order_events e ON e.id = (o.data->>'orderEventId')::uuid WHERE o.entity_id = $1) AS outbox_times`,
      [order.id],
    );
    expect(written).toEqual({
      lines: 2,
      status: 'CONFIRMED',
      events: ['RESPONDED', 'CONFIRMED'],
      audit: ['order.responded', 'order.confirmed'],
      outbox: ['order.responded', 'order.confirmed'],
      outbox_times: [true, true, true, true],
    });
  });

  it('shows each mutation of one operation the lines as they are after it, not as an earlier field read them', async () => {
    const order = await publishedOrder(t);
    const data = await t.ok(
      `mutation($id: ID!, $v1: Int!, $v2: Int!, $line: ID!) {
        answered: respondToPurchaseOrder(id: $id, expectedVersion: $v1, lines: [{ lineId: $line, decision: ACCEPT }]) { status lines { status } }
        confirmed: confirmPurchaseOrder(id: $id, expectedVersion: $v2) { status lines { status } }
      }`,
      { id: order.id, v1: order.version, v2: order.version + 1, line: order.lines[0].id },
      CASTINGS,
    );
    expect(data.answered.lines.map((l: any) => l.status)).toEqual(['ACCEPTED', 'PENDING']);
    expect(data.confirmed).toMatchObject({ status: 'CONFIRMED', lines: [{ status: 'ACCEPTED' }, { status: 'ACCEPTED' }] });
  });

  it('keeps each organization to its own rows when the prepared statements planned for another are reused', async () => {
    const order = await publishedOrder(t);
    const draft = await createOrder(t);
    // More reads than PostgreSQL's five custom plans: the pooled connections now run these statements on a cached plan.
    for (let i = 0; i < 12; i++) {
      const data = await t.ok(ORDER, { id: order.id }, CASTINGS);
      expect(data.purchaseOrder.lines).toHaveLength(2);
    }
    for (const [who, id] of [
      [HYDRAULICS, order.id],
      [BUYER2, order.id],
      [CASTINGS, draft.id],
    ] as const) {
      const res = await t.gql(ORDER, { id }, who);
      expect(res.data?.purchaseOrder ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const lists = await Promise.all(
      [CASTINGS, HYDRAULICS].map((who) =>
        t.ok(`query { purchaseOrders(first: 200) { nodes { id supplier { id } lines { supplierPartNumber } } } }`, {}, who),
      ),
    );
    expect(lists[0].purchaseOrders.nodes.map((n: any) => n.id)).toContain(order.id);
    expect(lists[0].purchaseOrders.nodes.every((n: any) => n.supplier.id === ORG.castings)).toBe(true);
    expect(lists[1].purchaseOrders.nodes.every((n: any) => n.supplier.id === ORG.hydraulics)).toBe(true);
    expect(lists[1].purchaseOrders.nodes.map((n: any) => n.id)).not.toContain(order.id);
  });
});

describe('purchase orders: live events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('orderEvents subscription', () => {
    let url: string;
    const clients: Client[] = [];

    beforeAll(async () => {
      url = `ws://127.0.0.1:${await t.listen()}/graphql`;
    });
    afterAll(async () => {
      for (const c of clients) await c.dispose();
    });

    const subscribe = (email: string) => subscribeToOrderEvents(t, email, clients);

    async function waitFor(events: any[], count: number): Promise<void> {
      for (let i = 0; i < 50 && events.length < count; i++) await new Promise((r) => setTimeout(r, 50));
    }

    it('delivers each organization the events of the orders it may see, and nothing else', async () => {
      const buyer = await subscribe(BUYER);
      const castings = await subscribe(CASTINGS);
      const hydraulics = await subscribe(HYDRAULICS);
      const otherAnchor = await subscribe(BUYER2);

      const draft = await createOrder(t);
      const published = (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
      await t.ok(CONFIRM, { id: published.id, v: published.version }, CASTINGS);

      await waitFor(buyer, 4);
      await waitFor(castings, 3);
      expect(buyer.map((e) => e.type)).toEqual(['CREATED', 'PUBLISHED', 'RESPONDED', 'CONFIRMED']);
      expect(buyer.every((e) => e.purchaseOrderId === draft.id)).toBe(true);
      // The supplier never hears of the draft.
      expect(castings.map((e) => e.type)).toEqual(['PUBLISHED', 'RESPONDED', 'CONFIRMED']);
      expect(castings[1].actor.email).toBe(CASTINGS);
      expect(castings[0].actor.email).toBe(BUYER);
      await new Promise((r) => setTimeout(r, 200));
      expect(hydraulics).toEqual([]);
      expect(otherAnchor).toEqual([]);
    });

    it('publishes nothing for a change that failed', async () => {
      const castings = await subscribe(CASTINGS);
      const draft = await createOrder(t);
      const stale = await t.gql(PUBLISH_ORDER, { id: draft.id, v: draft.version + 5 }, BUYER);
      expect(stale.errors).toBeDefined();
      await new Promise((r) => setTimeout(r, 300));
      expect(castings).toEqual([]);
    });

    it("ends each event's transaction once the event is sent: no connection is left idle in a transaction", async () => {
      // actor { email } is read through the request's transaction while the event is delivered.
      const castings = await subscribe(CASTINGS);
      await publishedOrder(t);
      await waitFor(castings, 1);
      expect(castings[0]?.actor?.email).toBe(BUYER);
      await new Promise((r) => setTimeout(r, 200));
      const open = await t.app
        .get(DataSource)
        .query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        );
      expect(open[0].n).toBe(0);
    });

    it('serves subscriptions only, within the limits HTTP applies: a query, a mutation, NUL characters or too many aliases over the socket are refused as BAD_USER_INPUT', async () => {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${await t.tokenFor(BUYER)}` },
        lazy: false,
      });
      clients.push(client);
      const run = (query: string, variables?: Record<string, unknown>) =>
        new Promise<any>((resolve) =>
          client.subscribe(
            { query, variables },
            { next: (value) => resolve(value), error: (e) => resolve({ error: e }), complete: () => undefined },
          ),
        );
      for (const query of ['{ me { email } }', 'mutation { logout(refreshToken: "x") }']) {
        const answer = await run(query);
        expect(answer.error?.[0]?.extensions?.code ?? answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
      // NUL characters, which PostgreSQL text cannot hold, are refused as over HTTP.
      for (const [query, variables] of [
        ['subscription { orderEvents { type } } # \u0000', undefined],
        ['subscription { orderEvents { type } }', { note: 'a\u0000b' }],
      ] as const) {
        const answer = await run(query, variables);
        expect(answer.error?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(answer.error?.[0]?.message).toMatch(/NUL/);
      }
      // Held to the limits HTTP applies (here: at most 15 aliases), where 15 still pass.
      const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: type`).join(' ');
      const tooMany = await run(`subscription { orderEvents { ${aliases(16)} } }`);
      expect(tooMany.error?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(tooMany.error?.[0]?.message).toMatch(/alias/i);
      const refused: unknown[] = [];
      const allowed = client.subscribe(
        { query: `subscription { orderEvents { ${aliases(15)} } }` },
        { next: () => undefined, error: (e) => refused.push(e), complete: () => undefined },
      );
      await new Promise((r) => setTimeout(r, 200));
      allowed();
      expect(refused).toEqual([]);
    });

    it('refuses a connection without a valid token', async () => {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: 'Bearer nonsense' },
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined,
      });
      clients.push(client);
      const code = await new Promise<number>((resolve) => client.on('closed', (e) => resolve((e as { code: number }).code)));
      expect(code).toBe(4403);
    });
  });
});
