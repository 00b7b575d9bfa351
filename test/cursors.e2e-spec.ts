import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, type GraphQLField, type GraphQLSchema, isNonNullType, isObjectType } from 'graphql';
import { isUuid, type Locale, t as message } from '@anchorlink/core';
import { ALLIANCE_ADMIN, ANCHOR_ADMIN, BUYER, CASTINGS, demoPartId, ORG, PLANNER } from './support/fixtures.js';
import { createOrder } from './support/orders.js';
import { TestApp } from './support/test-app.js';

/** Callers tried in turn for each connection field: the first who sees a page of it forges its cursors. */
const PERSONAS = [BUYER, PLANNER, ANCHOR_ADMIN, CASTINGS, ALLIANCE_ADMIN];

/** Every field of the schema that pages with `after` (a connection), on any type. */
function connectionFields(schema: GraphQLSchema): { type: string; field: GraphQLField<unknown, unknown> }[] {
  const found: { type: string; field: GraphQLField<unknown, unknown> }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => arg.name === 'after')) found.push({ type: type.name, field });
    }
  }
  return found;
}

const b64 = (json: string) => Buffer.from(json, 'utf8').toString('base64url');
const cursorOf = (values: unknown) => b64(JSON.stringify(values));

type Kind = 'timestamp' | 'uuid' | 'text';
const kindOf = (value: unknown): Kind =>
  typeof value === 'string' && isUuid(value)
    ? 'uuid'
    : typeof value === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value)
      ? 'timestamp'
      : 'text';

/**
 * Well-formed base64 with the wrong content, for a cursor whose components are `valid`: the wrong
 * number of components, no array at all, and each component replaced by what it cannot be.
 */
function forgeries(valid: unknown[]): { what: string; cursor: string }[] {
  const out: { what: string; cursor: string }[] = [
    { what: 'no components', cursor: cursorOf([]) },
    { what: 'one too few', cursor: cursorOf(valid.slice(1)) },
    { what: 'one too many', cursor: cursorOf([...valid, valid[0]]) },
    { what: 'an object', cursor: cursorOf(Object.fromEntries(valid.map((v, i) => [i, v]))) },
    { what: 'a string', cursor: cursorOf('cursor') },
    { what: 'null', cursor: cursorOf(null) },
    { what: 'not JSON', cursor: b64('hello') },
    { what: 'empty', cursor: '' },
    { what: 'not base64', cursor: '!!!' },
    { what: 'nested 400 deep', cursor: b64(`${'['.repeat(400)}${']'.repeat(400)}`) },
    { what: 'very long', cursor: cursorOf([...valid.slice(0, -1), 'x'.repeat(3000)]) },
  ];
  valid.forEach((_, i) => {
    const kind = kindOf(valid[i]);
    const replace = (value: unknown) => valid.map((v, j) => (j === i ? value : v));
    const raw = (json: string) => b64(`[${valid.map((v, j) => (j === i ? json : JSON.stringify(v))).join(',')}]`);
    const wrong: [string, string][] = [
      ['0', cursorOf(replace(0))],
      ['a huge number', cursorOf(replace(1e308))],
      ['a number past the range of a double', raw('1e400')],
      ['a long integer', raw('123456789012345678901234567890')],
      ['null', cursorOf(replace(null))],
      ['true', cursorOf(replace(true))],
      ['a nested array', cursorOf(replace([valid[i]]))],
      ['an object', cursorOf(replace({ value: valid[i] }))],
      ['a NUL character', cursorOf(replace(`${String(valid[i])}\u0000`))],
      ['a long text', cursorOf(replace('x'.repeat(600)))],
    ];
    if (kind !== 'text') wrong.push(['an empty text', cursorOf(replace(''))]);
    if (kind === 'uuid') {
      for (const bad of ['nope', '00000000-0000-0000-0000-00000000000g', `${String(valid[i])} `, `'; DROP TABLE parts; --`])
        wrong.push([`${bad}`, cursorOf(replace(bad))]);
    }
    if (kind === 'timestamp') {
      for (const bad of [
        'yesterday',
        '12345',
        'Tue 5',
        '2026-02-31T00:00:00.000Z',
        '2026-01-01T24:00:00.000Z',
        '2026-13-01T00:00:00.000Z',
        '0000-01-01T00:00:00.000Z',
        '99999-01-01T00:00:00.000Z',
        '2026-01-01 00:00:00',
        'infinity',
      ]) {
        wrong.push([bad, cursorOf(replace(bad))]);
      }
    }
    for (const [what, cursor] of wrong) out.push({ what: `component ${i} (${kind}): ${what}`, cursor });
  });
  return out;
}

describe('pagination cursors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    // Two of everything, so each connection has a first page with a cursor to learn its shape from.
    for (let i = 0; i < 2; i++) {
      await createOrder(t);
      await t.ok(
        `mutation($input: PublishForecastInput!) { publishForecast(input: $input) { id } }`,
        {
          input: {
            supplierId: ORG.castings,
            granularity: 'WEEK',
            horizonStart: '2026-12-21',
            bucketCount: 1,
            firmBuckets: 1,
            lines: [{ partId: demoPartId('anchor', 'YH-CST-1001'), quantities: ['5'] }],
          },
        },
        PLANNER,
      );
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every connection field of the schema answers a forged cursor with BAD_USER_INPUT "invalid cursor", in both languages, and logs nothing', async () => {
    const connections = connectionFields(t.app.get(GraphQLSchemaHost).schema);
    expect(connections.length).toBeGreaterThanOrEqual(4);
    const logged = [jest.spyOn(Logger.prototype, 'error'), jest.spyOn(Logger.prototype, 'warn'), jest.spyOn(console, 'error')];
    const checked: string[] = [];
    try {
      for (const { type, field } of connections) {
        // Connections are root query fields; one elsewhere needs a path to it written here.
        expect({ field: field.name, type }).toEqual({ field: field.name, type: 'Query' });
        const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined).map((arg) => arg.name);
        expect({ field: field.name, required }).toEqual({ field: field.name, required: [] });
        expect(
          isObjectType(getNamedType(field.type)) &&
            'pageInfo' in (getNamedType(field.type) as never as { getFields(): object }).getFields(),
        ).toBe(true);

        const query = `query($after: String) { ${field.name}(first: 1, after: $after) { pageInfo { endCursor } nodes { __typename } } }`;
        let persona: string | undefined;
        let endCursor: string | undefined;
        for (const candidate of PERSONAS) {
          const page = await t.gql(query, {}, candidate);
          endCursor = page.data?.[field.name]?.pageInfo.endCursor ?? undefined;
          if (!page.errors && endCursor) {
            persona = candidate;
            break;
          }
        }
        expect({ field: field.name, persona: persona !== undefined }).toEqual({ field: field.name, persona: true });
        // The genuine cursor pages on.
        expect((await t.gql(query, { after: endCursor }, persona)).errors).toBeUndefined();

        const valid = JSON.parse(Buffer.from(endCursor!, 'base64url').toString('utf8')) as unknown[];
        for (const { what, cursor } of forgeries(valid)) {
          for (const locale of ['zh-CN', 'en'] as Locale[]) {
            const res = await t.gql(query, { after: cursor }, persona, { 'accept-language': locale });
            expect({
              field: field.name,
              what,
              locale,
              status: res.status,
              errors: res.errors?.map((e) => ({ code: e.extensions.code, message: e.message, path: e.path })),
            }).toEqual({
              field: field.name,
              what,
              locale,
              status: 200,
              errors: [{ code: 'BAD_USER_INPUT', message: message(locale, 'pagination.cursorInvalid'), path: [field.name] }],
            });
          }
        }
        checked.push(field.name);
      }
      for (const spy of logged) expect(spy.mock.calls).toEqual([]);
    } finally {
      for (const spy of logged) spy.mockRestore();
    }
    expect(checked.sort()).toEqual(['auditLog', 'forecasts', 'parts', 'purchaseOrders']);
  });
});
