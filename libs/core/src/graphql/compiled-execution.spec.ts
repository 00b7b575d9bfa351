import { describe, expect, it } from '@jest/globals';
import { buildSchema, type DocumentNode, GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { CompiledOperations } from './compiled-execution.js';

function schemaWithCalls(): { schema: GraphQLSchema; calls: string[] } {
  const calls: string[] = [];
  const schema = buildSchema(`
    type Line { number: Int!, quantity: String! }
    type Order { id: ID!, lines(status: String): [Line!]! }
    type Query { order(id: ID!): Order, failing: String, crashing: String, nonNull: String! }
    type Mutation { touch(n: Int!): Int! }
    type Subscription { ticks: Int }
  `);
  const fields = (type: string) => (schema.getType(type) as any).getFields();
  fields('Query').order.resolve = (_: unknown, args: { id: string }, ctx: { org: string }) => {
    calls.push(`order ${args.id} as ${ctx.org}`);
    return { id: args.id, lines: [{ number: 1, quantity: '1.500' }, { number: 2, quantity: '20' }] };
  };
  fields('Query').failing.resolve = () => {
    throw new GraphQLError('no such order', { extensions: { code: 'NOT_FOUND' } });
  };
  fields('Query').crashing.resolve = () => {
    throw new Error('relation "parts" does not exist');
  };
  fields('Query').nonNull.resolve = () => null;
  fields('Mutation').touch.resolve = (_: unknown, args: { n: number }) => {
    calls.push(`touch ${args.n}`);
    return args.n + 1;
  };
  return { schema, calls };
}

const ORDER = parse('query One($id: ID!) { order(id: $id) { id lines { number quantity } } }');

async function runTimes(operations: CompiledOperations, document: DocumentNode, times: number, variables: Record<string, unknown> = { id: 'o-1' }) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await operations.execute({ document, contextValue: { org: 'A' }, variables }));
  return results;
}

describe('CompiledOperations', () => {
  it('runs an operation interpreted for its first runs, then compiled, with the same result', async () => {
    const { schema, calls } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 2);
    const first = await runTimes(operations, ORDER, 2);
    expect(operations.isCompiled(ORDER)).toBe(false);
    const later = await runTimes(operations, ORDER, 2);
    expect(operations.isCompiled(ORDER)).toBe(true);
    expect(later).toEqual(first);
    expect(first[0]).toEqual({ data: { order: { id: 'o-1', lines: [{ number: 1, quantity: '1.500' }, { number: 2, quantity: '20' }] } } });
    // The resolvers ran every time, with the request's own context and arguments.
    expect(calls).toEqual(Array(4).fill('order o-1 as A'));
  });

  it('compiles at the first run with 0, and never with null', async () => {
    const { schema } = schemaWithCalls();
    const atOnce = new CompiledOperations(schema, 0);
    await runTimes(atOnce, ORDER, 1);
    expect(atOnce.isCompiled(ORDER)).toBe(true);
    const never = new CompiledOperations(schema, null);
    await runTimes(never, ORDER, 5);
    expect(never.isCompiled(ORDER)).toBe(false);
  });

  it('keeps errors, their codes and paths, and non-null propagation the same when compiled', async () => {
    const { schema } = schemaWithCalls();
    const document = parse('{ failing order(id: "o-2") { id } }');
    const [interpreted, compiled] = await runTimes(new CompiledOperations(schema, 1), document, 2);
    expect(interpreted!.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(compiled!.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }))).toEqual(
      interpreted!.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })),
    );
    expect(compiled!.data).toEqual(interpreted!.data);

    // An error without extensions (a database failure) gets an empty extensions object, as graphql-js gives
    // it: Apollo's formatting reads extensions.code.
    const crashing = parse('{ crashing }');
    const [plain, compiledPlain] = await runTimes(new CompiledOperations(schema, 1), crashing, 2);
    expect(compiledPlain!.errors?.[0]).toBeInstanceOf(GraphQLError);
    expect(compiledPlain!.errors?.[0]?.toJSON()).toEqual(plain!.errors?.[0]?.toJSON());
    expect(compiledPlain!.errors?.[0]?.extensions).toEqual({});
    expect(compiledPlain!.errors?.[0]?.originalError?.message).toBe('relation "parts" does not exist');

    const nonNull = parse('{ nonNull }');
    const [a, b] = await runTimes(new CompiledOperations(schema, 1), nonNull, 2);
    expect(b!.data).toBeNull();
    expect(a!.data).toBeNull();
    expect(b!.errors?.[0]?.toJSON()).toEqual(a!.errors?.[0]?.toJSON());
  });

  it('refuses bad variables when compiled, as when interpreted', async () => {
    const { schema, calls } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    const [result] = await runTimes(operations, ORDER, 1, {});
    expect(operations.isCompiled(ORDER)).toBe(true);
    expect(result!.data).toBeUndefined();
    // graphql-js's own error, with the variable's node: Apollo maps exactly those to BAD_USER_INPUT.
    expect(result!.errors?.[0]?.message).toBe('Variable "$id" of required type "ID!" was not provided.');
    expect(result!.errors?.[0]?.nodes).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('runs mutations compiled, and counts each named operation of a document apart', async () => {
    const { schema, calls } = schemaWithCalls();
    const document = parse('mutation A { touch(n: 1) } mutation B { touch(n: 2) }');
    const operations = new CompiledOperations(schema, 1);
    const run = (operationName: string) => operations.execute({ document, operationName, contextValue: {}, variables: {} });
    await run('A');
    await run('A');
    expect(operations.isCompiled(document, 'A')).toBe(true);
    expect(operations.isCompiled(document, 'B')).toBe(false);
    expect(await run('B')).toEqual({ data: { touch: 3 } });
    expect(calls).toEqual(['touch 1', 'touch 1', 'touch 2']);
  });

  it('leaves subscriptions and unknown operation names to graphql-js', async () => {
    const { schema } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    const result = await operations.execute({ document: ORDER, operationName: 'Other', contextValue: {}, variables: {} });
    expect(result.errors?.[0]?.message).toBe('Unknown operation named "Other".');
    expect(operations.isCompiled(ORDER, 'Other')).toBe(false);
    const subscription = parse('subscription { ticks }');
    await operations.execute({ document: subscription, contextValue: {}, variables: {} });
    expect(operations.isCompiled(subscription)).toBe(false);
  });
});
