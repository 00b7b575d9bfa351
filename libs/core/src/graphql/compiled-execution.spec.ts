import { afterEach, describe, expect, it } from '@jest/globals';
import { buildSchema, type DocumentNode, getOperationAST, GraphQLError, type GraphQLSchema, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { CompiledOperations, isCompilable, type OperationRequest } from './compiled-execution.js';
import { countTokens } from './token-count.js';

function schemaWithCalls(): { schema: GraphQLSchema; calls: string[] } {
  const calls: string[] = [];
  const schema = buildSchema(`
    scalar JSON
    type Line { number: Int!, quantity: String! }
    type Order { id: ID!, note: String, lines(status: String): [Line!]! }
    input Filter { status: String, limit: Int }
    type Query { order(id: ID!): Order, failing: String, crashing: String, nonNull: String!, echo(filter: Filter): String, json(value: JSON): String }
    type Mutation { touch(n: Int!): Int! }
    type Subscription { ticks: Int }
  `);
  const fields = (type: string) => (schema.getType(type) as any).getFields();
  fields('Query').order.resolve = (_: unknown, args: { id: string }, ctx: { org: string }) => {
    calls.push(`order ${args.id} as ${ctx.org}`);
    return { id: args.id, note: 'n', lines: [{ number: 1, quantity: '1.500' }, { number: 2, quantity: '20' }] };
  };
  fields('Query').failing.resolve = () => {
    throw new GraphQLError('no such order', { extensions: { code: 'NOT_FOUND' } });
  };
  fields('Query').crashing.resolve = () => {
    throw new Error('relation "parts" does not exist');
  };
  fields('Query').nonNull.resolve = () => null;
  fields('Query').echo.resolve = (_: unknown, args: unknown) => JSON.stringify(args);
  fields('Query').json.resolve = (_: unknown, args: unknown) => JSON.stringify(args);
  fields('Mutation').touch.resolve = (_: unknown, args: { n: number }) => {
    calls.push(`touch ${args.n}`);
    return args.n + 1;
  };
  return { schema, calls };
}

/** Requests as Apollo Server hands them over: one parsed document per text, the operation it resolved. */
const documents = new Map<string, DocumentNode>();
function request(source: string, variables: Record<string, unknown> = {}, operationName?: string, contextValue: unknown = { org: 'A' }): OperationRequest {
  let document = documents.get(source);
  if (!document) documents.set(source, (document = parse(source)));
  return { document, source, operation: getOperationAST(document, operationName), operationName, contextValue, variables };
}

/** Operations A and B, each `aliases` orders with 11 fields of fragment O. */
function twoOperations(aliases: number): string {
  const fragments = 'fragment L on Line { number quantity } fragment O on Order { id note l1: lines { ...L } l2: lines { ...L } l3: lines { ...L } }';
  const op = (name: string) => `query ${name} { ${Array.from({ length: aliases }, (_, i) => `o${i}: order(id: ${i}) { ...O }`).join(' ')} }`;
  return `${op('A')} ${op('B')} ${fragments}`;
}

const ORDER = 'query One($id: ID!) { order(id: $id) { id lines { number quantity } } }';

async function runTimes(operations: CompiledOperations, source: string, times: number, variables: Record<string, unknown> = { id: 'o-1' }) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await operations.execute(request(source, variables)));
  return results;
}

describe('CompiledOperations', () => {
  it('runs an operation interpreted for its first runs, then compiled, with the same result', async () => {
    const { schema, calls } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 2);
    const first = await runTimes(operations, ORDER, 2);
    expect(operations.isCompiled(request(ORDER).document)).toBe(false);
    const later = await runTimes(operations, ORDER, 2);
    expect(operations.isCompiled(request(ORDER).document)).toBe(true);
    expect(later).toEqual(first);
    expect(first[0]).toEqual({ data: { order: { id: 'o-1', lines: [{ number: 1, quantity: '1.500' }, { number: 2, quantity: '20' }] } } });
    // The resolvers ran every time, with the request's own context and arguments.
    expect(calls).toEqual(Array(4).fill('order o-1 as A'));
  });

  it('compiles at the first run with 0, and never with null', async () => {
    const { schema } = schemaWithCalls();
    const atOnce = new CompiledOperations(schema, 0);
    await runTimes(atOnce, ORDER, 1);
    expect(atOnce.isCompiled(request(ORDER).document)).toBe(true);
    const never = new CompiledOperations(schema, null);
    await runTimes(never, ORDER, 5);
    expect(never.isCompiled(request(ORDER).document)).toBe(false);
  });

  it('compiles from its own parse of the text, leaving the shared document as it was', async () => {
    const { schema } = schemaWithCalls();
    const text = '{ order(id: 1) { id ...L } } fragment L on Order { lines { number } }';
    const before = JSON.stringify(request(text).document);
    await runTimes(new CompiledOperations(schema, 0), text, 2);
    expect(JSON.stringify(request(text).document)).toBe(before);
  });

  it('keeps errors, their codes and paths, and non-null propagation the same when compiled', async () => {
    const { schema } = schemaWithCalls();
    const text = '{ failing order(id: 2) { id } }';
    const [interpreted, compiled] = await runTimes(new CompiledOperations(schema, 1), text, 2);
    expect(interpreted!.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(compiled!.errors?.map((e) => e.toJSON())).toEqual(interpreted!.errors?.map((e) => e.toJSON()));
    expect(compiled!.data).toEqual(interpreted!.data);

    // An error without extensions (a database failure) gets an empty extensions object, as graphql-js gives
    // it: Apollo's formatting reads extensions.code.
    const [plain, compiledPlain] = await runTimes(new CompiledOperations(schema, 1), '{ crashing }', 2);
    expect(compiledPlain!.errors?.[0]).toBeInstanceOf(GraphQLError);
    expect(compiledPlain!.errors?.[0]?.toJSON()).toEqual(plain!.errors?.[0]?.toJSON());
    expect(compiledPlain!.errors?.[0]?.extensions).toEqual({});
    expect(compiledPlain!.errors?.[0]?.originalError?.message).toBe('relation "parts" does not exist');

    const [a, b] = await runTimes(new CompiledOperations(schema, 1), '{ nonNull }', 2);
    expect(b!.data).toBeNull();
    expect(a!.data).toBeNull();
    expect(b!.errors?.[0]?.toJSON()).toEqual(a!.errors?.[0]?.toJSON());
  });

  it('refuses bad variables when compiled, as when interpreted', async () => {
    const { schema, calls } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    const [result] = await runTimes(operations, ORDER, 1, {});
    expect(operations.isCompiled(request(ORDER).document)).toBe(true);
    expect(result!.data).toBeUndefined();
    // graphql-js's own error, with the variable's node: Apollo maps exactly those to BAD_USER_INPUT.
    expect(result!.errors?.[0]?.message).toBe('Variable "$id" of required type "ID!" was not provided.');
    expect(result!.errors?.[0]?.nodes).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('runs mutations compiled, and counts each named operation of a document apart', async () => {
    const { schema, calls } = schemaWithCalls();
    const text = 'mutation A { touch(n: 1) } mutation B { touch(n: 2) }';
    const operations = new CompiledOperations(schema, 1);
    const run = (operationName: string) => operations.execute(request(text, {}, operationName, {}));
    await run('A');
    await run('A');
    expect(operations.isCompiled(request(text).document, 'A')).toBe(true);
    expect(operations.isCompiled(request(text).document, 'B')).toBe(false);
    expect(await run('B')).toEqual({ data: { touch: 3 } });
    expect(calls).toEqual(['touch 1', 'touch 1', 'touch 2']);
  });

  it('runs nothing when the operation name matches no operation, compiled or not', async () => {
    const { schema, calls } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    const text = 'mutation Touch { touch(n: 1) }';
    for (let i = 0; i < 3; i++) {
      const result = await operations.execute(request(text, {}, 'Other', {}));
      expect(result).toEqual({ errors: [expect.objectContaining({ message: 'Unknown operation named "Other".' })] });
    }
    expect(calls).toEqual([]);
    expect(operations.isCompiled(request(text).document, 'Other')).toBe(false);
  });

  it('leaves subscriptions to graphql-js', async () => {
    const { schema } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    await operations.execute(request('subscription { ticks }', {}, undefined, {}));
    expect(operations.isCompiled(request('subscription { ticks }').document)).toBe(false);
  });

  it('counts every compiled operation of a document against the budget, its tokens too', async () => {
    const { schema } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    // 4 aliases × (order + 11 fields of O) = 48 fields per operation.
    const text = twoOperations(4);
    const textCost = Math.ceil(countTokens(text) / 8);
    await operations.execute(request(text, {}, 'A'));
    // The document the entry is kept under, then the operation: its fields and its own parse.
    expect(operations.compiledCost).toBe(textCost + 48 + textCost);
    await operations.execute(request(text, {}, 'B'));
    expect(operations.isCompiled(request(text).document, 'B')).toBe(true);
    expect(operations.compiledCost).toBe(textCost + 2 * (48 + textCost));
  });

  it('compiles at most 200 fields and 400 units per document', async () => {
    const { schema } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    // 9 aliases × 12 = 108 fields each: the second operation would make 216.
    const text = twoOperations(9);
    await operations.execute(request(text, {}, 'A'));
    const b = await operations.execute(request(text, {}, 'B'));
    expect(operations.isCompiled(request(text).document, 'A')).toBe(true);
    expect(operations.isCompiled(request(text).document, 'B')).toBe(false);
    expect(Object.keys(b.data ?? {})).toHaveLength(9);
    // One field, 1,700 tokens: its parse alone would cost 2 × 213 units.
    const heavy = `{ json(value: [${' 1'.repeat(1_700)}]) }`;
    await operations.execute(request(heavy));
    expect(operations.isCompiled(request(heavy).document)).toBe(false);
  });

  it('compiles no text longer than 16 KiB', async () => {
    const { schema } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    const long = `{ order(id: 1) { id } } # ${'x'.repeat(16 * 1024)}`;
    await operations.execute(request(long));
    expect(operations.isCompiled(request(long).document)).toBe(false);
  });

  it('keeps compiled operations within a budget of 4,000 units, and compiles one dropped again', async () => {
    const { schema } = schemaWithCalls();
    const operations = new CompiledOperations(schema, 0);
    // 150 fields each (30 aliases × order, id, note, lines, number).
    const texts = Array.from({ length: 40 }, (_, d) => `{ ${Array.from({ length: 30 }, (_, i) => `o${i}: order(id: ${d}) { id note lines { number } }`).join(' ')} }`);
    const cost = 150 + 2 * Math.ceil(countTokens(texts[0]!) / 8);
    const fit = Math.floor(4_000 / cost);
    for (const text of texts.slice(0, fit)) await operations.execute(request(text));
    expect(texts.slice(0, fit).every((text) => operations.isCompiled(request(text).document))).toBe(true);
    expect(operations.compiledCost).toBe(fit * cost);
    await operations.execute(request(texts[fit]!));
    expect(operations.isCompiled(request(texts[fit]!).document)).toBe(true);
    expect(operations.isCompiled(request(texts[0]!).document)).toBe(false);
    expect(operations.isCompiled(request(texts[1]!).document)).toBe(true);
    expect(operations.compiledCost).toBeLessThanOrEqual(4_000);
    await operations.execute(request(texts[0]!));
    expect(operations.isCompiled(request(texts[0]!).document)).toBe(true);
  });
});

describe('isCompilable', () => {
  const { schema } = schemaWithCalls();
  const check = (text: string) => isCompilable(parse(text), getOperationAST(parse(text))!);

  it('takes the plain shape of hot reads and writes: variables, numbers, booleans, enums, fragments', () => {
    expect(check(ORDER)).toBe(true);
    expect(check('query($n: Int) { order(id: 5) { id ...L __typename } } fragment L on Order { lines(status: null) { number } }')).toBe(true);
    expect(check('mutation($n: Int!) { touch(n: $n) }')).toBe(true);
    // Literal filters of numbers, booleans, nulls and enum values, in lists and objects too.
    expect(check('{ echo(filter: { status: null, limit: 5 }) json(value: [1, 2.5, true, [null]]) }')).toBe(true);
    expect(check('{ json(value: [[[1]]]) }')).toBe(false);
  });

  it('refuses string literals, variables inside literals, directives, variable defaults, keys with _ and large operations', () => {
    expect(check('{ order(id: "o-1") { id } }')).toBe(false);
    expect(check('query($s: String) { echo(filter: { status: $s }) }')).toBe(false);
    expect(check('{ json(value: [1, "a"]) }')).toBe(false);
    expect(check('query($n: Int) { json(value: { limit: $n }) }')).toBe(false);
    expect(check('query($i: Boolean!) { order(id: 1) { id @include(if: $i) } }')).toBe(false);
    expect(check('query($n: Int = 5) { touch(n: $n) }'.replace('query', 'mutation'))).toBe(false);
    expect(check('{ a_b: order(id: 1) { id } }')).toBe(false);
    // __proto__ as a variable or a literal key sets a prototype in graphql-jit's plain objects.
    expect(check('query($__proto__: ID!) { order(id: $__proto__) { id } }')).toBe(false);
    expect(check('{ json(value: { __proto__: { a: 1 } }) }')).toBe(false);
    expect(check(`{ ${'a'.repeat(65)}: order(id: 1) { id } }`)).toBe(false);
    expect(check(`{ ${'a'.repeat(64)}: order(id: 1) { id } }`)).toBe(true);
    expect(check(`{ order(id: ${'9'.repeat(33)}) { id } }`)).toBe(false);
    expect(check('subscription { ticks }')).toBe(false);
    const fragment = `fragment F on Order { ${Array.from({ length: 20 }, (_, i) => `l${i}: lines { number }`).join(' ')} }`;
    expect(check(`{ a: order(id: 1) { ...F } b: order(id: 2) { ...F } } ${fragment}`)).toBe(true);
    expect(check(`{ ${Array.from({ length: 6 }, (_, i) => `o${i}: order(id: ${i}) { ...F }`).join(' ')} } ${fragment}`)).toBe(false);
  });

  describe('a string literal shaped like graphql-jit internal date marker', () => {
    const marker = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
    const text = `{ order(id: "${marker}(globalThis.compiledExecutionProbe = 'ran')") { id } }`;
    afterEach(() => {
      delete (globalThis as Record<string, unknown>).compiledExecutionProbe;
    });

    it('is run by graphql-js, never compiled, and runs no code', async () => {
      const operations = new CompiledOperations(schema, 0);
      for (let i = 0; i < 3; i++) {
        const result = await operations.execute(request(text));
        expect((result.data as { order: { id: string } }).order.id).toBe(`${marker}(globalThis.compiledExecutionProbe = 'ran')`);
      }
      expect(operations.isCompiled(request(text).document)).toBe(false);
      expect((globalThis as Record<string, unknown>).compiledExecutionProbe).toBeUndefined();
    });

    it('is not compiled as an enum-shaped name either', async () => {
      const named = `{ json(value: ${marker}globalThis) }`;
      expect(isCompilable(parse(named), getOperationAST(parse(named))!)).toBe(true);
      const operations = new CompiledOperations(schema, 0);
      await operations.execute(request(named));
      expect(operations.isCompiled(request(named).document)).toBe(false);
    });

    it('still runs code when graphql-jit compiles it directly (when this fails, graphql-jit has changed: revisit isCompilable)', async () => {
      const compiled = compileQuery(schema, parse(text));
      expect(isCompiledQuery(compiled)).toBe(true);
      if (isCompiledQuery(compiled)) await compiled.query(undefined, { org: 'A' }, {});
      expect((globalThis as Record<string, unknown>).compiledExecutionProbe).toBe('ran');
    });
  });

  it('refuses the documents graphql-jit is known to answer differently from graphql-js', async () => {
    // Each of these gives another result compiled than interpreted (graphql-jit 0.8.9).
    const cases: { text: string; variables: Record<string, unknown> }[] = [
      { text: 'query($i: Boolean!) { a: order(id: 1) { ...F @include(if: $i) } b: order(id: 1) { ...F } } fragment F on Order { id note }', variables: { i: false } },
      { text: 'query($s: String) { echo(filter: { status: $s }) }', variables: {} },
    ];
    for (const { text, variables } of cases) {
      const document = parse(text);
      expect(isCompilable(document, getOperationAST(document)!)).toBe(false);
      const interpreted = await new CompiledOperations(schema, null).execute(request(text, variables));
      const direct = compileQuery(schema, parse(text));
      const compiled = isCompiledQuery(direct) ? await direct.query(undefined, {}, variables) : direct;
      expect(compiled.data).not.toEqual(interpreted.data);
      // Through CompiledOperations, even compiling at the first run, they get graphql-js's answer.
      expect(await new CompiledOperations(schema, 0).execute(request(text, variables))).toEqual(interpreted);
    }
  });
});
