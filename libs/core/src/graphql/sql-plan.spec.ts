import { describe, expect, it } from '@jest/globals';
import { buildSchema, type FieldNode, type GraphQLObjectType, graphql, type OperationDefinitionNode, parse } from 'graphql';
import { isPlanned, PLANNED, SqlPlanner } from './sql-plan.js';

const schema = () =>
  buildSchema(`
    type Query { thing: Thing }
    type Thing { id: ID! name: String! amount: Decimal! at: DateTime! parts: [Part!]! }
    type Part { code: String! }
    scalar Decimal
    scalar DateTime
  `);

const THING = {
  name: 'Thing',
  fields: {
    id: { column: 'id' },
    name: { column: 'name' },
    amount: { column: 'amount' },
    at: { column: 'created_at' },
    parts: { many: 'Part', source: (t: string) => ({ from: 'parts p', alias: 'p', where: `p.thing_id = ${t}.id`, orderBy: 'p.code' }) },
  },
};
const PART = { name: 'Part', fields: { code: { column: 'code' } } };

describe('SqlPlanner', () => {
  it('refuses at start-up a registered type whose fields it does not cover exactly', () => {
    expect(() => new SqlPlanner([{ ...THING, fields: { id: { column: 'id' } } }, PART]).planFieldResolvers(schema())).toThrow(
      /Thing has fields no SQL produces: name, amount, at, parts/,
    );
    expect(() =>
      new SqlPlanner([THING, { ...PART, fields: { code: { column: 'code' }, gone: { column: 'gone' } } }]).planFieldResolvers(schema()),
    ).toThrow(/Part\s+registers fields it does not have: gone/);
    expect(() => new SqlPlanner([THING, PART, { name: 'Missing', fields: {} }]).planFieldResolvers(schema())).toThrow(
      /Missing is not an object type/,
    );
  });

  it('plans one statement keyed by response keys, numbers as text and instants as ISO text, binding only what it uses', () => {
    const planner = new SqlPlanner([THING, PART]);
    const document = parse(`query($skip: Boolean!) { thing { a: id name @skip(if: $skip) amount at ... on Thing { parts { code } } } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const s = schema();
    const { text, params } = planner.select(
      'Thing',
      {
        fieldNodes: operation.selectionSet.selections as FieldNode[],
        fragments: {},
        variableValues: { skip: true },
        schema: s,
        returnType: s.getType('Thing') as GraphQLObjectType,
      },
      { params: ['org'], source: () => ({ from: 'things t', alias: 't', where: 't.owner = $1' }) },
    );
    expect(params).toEqual(['org']);
    expect(text).toBe(
      `SELECT json_build_object('${PLANNED}', true, 'a', t.id, 'amount', (t.amount)::text, 'at', to_char((t.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ` +
        `'parts', coalesce((SELECT json_agg(json_build_object('${PLANNED}', true, 'code', p.code) ORDER BY p.code) FROM parts p WHERE p.thing_id = t.id), '[]'::json)) AS row FROM things t WHERE t.owner = $1`,
    );
  });

  it('answers fields of a planned object by response key, and of anything else through their own resolvers', async () => {
    const s = new SqlPlanner([THING, PART]).planFieldResolvers(schema());
    const planned = { [PLANNED]: true, x: 'planned-id', name: 'planned', amount: '1', at: 'now', parts: [] };
    expect(isPlanned(planned)).toBe(true);
    const plannedResult = await graphql({ schema: s, source: '{ thing { x: id name } }', rootValue: { thing: planned } });
    expect(plannedResult.data).toEqual({ thing: { x: 'planned-id', name: 'planned' } });
    const entity = { id: 'entity-id', name: 'entity' };
    const entityResult = await graphql({ schema: s, source: '{ thing { x: id name } }', rootValue: { thing: entity } });
    expect(entityResult.data).toEqual({ thing: { x: 'entity-id', name: 'entity' } });
  });
});
