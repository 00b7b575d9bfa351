import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLObjectType } from 'graphql';
import { TestApp } from './support/test-app.js';
import { BUYER, CASTINGS } from './support/fixtures.js';
import { CONFIRM, createOrder, ORDER, publishedOrder } from './support/orders.js';

// The other e2e tests compile every operation at its first run; these check the switch from graphql-js to
// graphql-jit as production runs it (GRAPHQL_COMPILE_AFTER=1), through Apollo Server and the whole API.
describe('compiled GraphQL execution', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ graphqlCompileAfter: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const body = (res: { data: unknown; errors?: unknown }) => ({ data: res.data, errors: res.errors });

  it('answers the same before and after an operation is compiled: data, errors and their codes', async () => {
    const order = await publishedOrder(t);
    // A document of its own, so no other test has run it yet.
    const query = `query Compiled($id: ID!) { purchaseOrder(id: $id) { id number status totalAmount lines { lineNumber quantity unitPrice part { partNumber } } anchor { name } } }`;
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(body(await t.gql(query, { id: order.id }, CASTINGS)));
    expect(runs[0]!.data).toMatchObject({ purchaseOrder: { id: order.id, totalAmount: '16426', lines: [{ quantity: '10', unitPrice: '1250.5' }, {}] } });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);

    // Another organization's order: NOT_FOUND each time, with the same message and path.
    const foreign = await createOrder(t);
    const missing = [];
    for (let i = 0; i < 3; i++) missing.push(await t.gql(query, { id: foreign.id }, CASTINGS));
    expect(missing[0]!.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    expect(missing.map(body)).toEqual(Array(3).fill(body(missing[0]!)));

    // A variable that is not an ID: BAD_USER_INPUT and HTTP 400, worded by graphql-js, each time.
    const bad = [];
    for (let i = 0; i < 3; i++) bad.push(await t.gql(query, { id: { not: 'an id' } }, CASTINGS));
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(bad[0]!.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(bad.map(body)).toEqual(Array(3).fill(body(bad[0]!)));
  });

  it('reads plain fields as properties, keeps resolvers of our own and awaits a lazily counted total', async () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const fields = (type: string) => (schema.getType(type) as GraphQLObjectType).getFields();
    expect(fields('PurchaseOrder').number!.resolve).toBeUndefined();
    expect(fields('PurchaseOrderLine').part!.resolve).toBeUndefined();
    expect(fields('PageInfo').endCursor!.resolve).toBeUndefined();
    expect(fields('PurchaseOrder').lines!.resolve).toBeDefined();
    expect(fields('PurchaseOrderConnection').totalCount!.resolve).toBeDefined();
    expect(fields('Query').purchaseOrders!.resolve).toBeDefined();

    await publishedOrder(t);
    const query = `query LazyTotal($n: Int) { purchaseOrders(first: $n) { totalCount pageInfo { hasNextPage } nodes { id number } } }`;
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(body(await t.gql(query, { n: 1 }, BUYER)));
    expect(runs[0]!.errors).toBeUndefined();
    const total = (runs[0]!.data as { purchaseOrders: { totalCount: unknown } }).purchaseOrders.totalCount;
    expect(typeof total === 'number' && total >= 1).toBe(true);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('runs nothing when the operation name matches none, however often it is sent', async () => {
    const order = await publishedOrder(t);
    const mutation = CONFIRM.replace('mutation(', 'mutation Confirm(');
    const token = await t.tokenFor(CASTINGS);
    const variables = { id: order.id, v: order.version };
    for (let i = 0; i < 3; i++) {
      const posted = await t.http
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${token}`)
        .send({ query: mutation, operationName: 'Other', variables });
      // Over GET, Apollo refuses mutations only once it knows the operation: the name must not get past that either.
      const got = await t.http
        .get('/graphql')
        .query({ query: mutation, operationName: 'Other', variables: JSON.stringify(variables) })
        .set('apollo-require-preflight', 'true')
        .set('authorization', `Bearer ${token}`);
      for (const res of [posted, got]) {
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      }
    }
    const after = (await t.ok(ORDER, { id: order.id }, BUYER)).purchaseOrder;
    expect({ status: after.status, version: after.version }).toEqual({ status: 'PUBLISHED', version: order.version });
  });
});
