import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TestApp } from './support/test-app.js';
import { BUYER, CASTINGS, demoPartId, ORG, PLANNER } from './support/fixtures.js';

export const FUZZ_RUNS = 2000;

/**
 * Bad-input fuzzing: generated operations with wrong types, huge and unicode
 * strings, negative and enormous decimals, impossible dates and deep nesting.
 * Never a 5xx, never INTERNAL_SERVER_ERROR, and when the operation is refused
 * the database is unchanged.
 */
describe('bad-input fuzzing', () => {
  let t: TestApp;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    t = await TestApp.start();
    tokens = { buyer: await t.tokenFor(BUYER), planner: await t.tokenFor(PLANNER), castings: await t.tokenFor(CASTINGS) };
  });
  afterAll(async () => {
    await t?.close();
  });

  const nasty = {
    string: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom(
        '',
        ' ',
        '\u0000',
        '\u202e',
        '💥'.repeat(300),
        'x'.repeat(20_000),
        "'; DROP TABLE parts; --",
        '%_\\',
        '${x}',
        '<script>',
      ),
    ),
    decimal: fc.oneof(
      fc.constantFrom('0', '-1', '-0.000001', '1e309', 'NaN', 'Infinity', '1.2.3', '9'.repeat(19), '0.1234567', '١٢٣', '12,5', ' 7 ', '+3'),
      fc.double().map(String),
      fc.bigInt().map(String),
      fc.double(),
      fc.integer(),
    ),
    date: fc.oneof(
      fc.constantFrom('2026-02-30', '0000-00-00', '2026-13-01', '99999-01-01', '2026-1-1', '2026-12-07T00:00:00Z', '', '1899-12-31'),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.string({ maxLength: 12 }),
    ),
    id: fc.oneof(
      fc.uuid(),
      fc.constantFrom(
        '',
        'null',
        '00000000-0000-0000-0000-000000000000',
        'x'.repeat(500),
        demoPartId('anchor', 'YH-CST-1001'),
        ORG.castings,
      ),
    ),
    int: fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 2 ** 31, -(2 ** 31) - 1, 1e15), fc.double()),
  };
  const anything = fc.oneof(
    nasty.string,
    nasty.decimal,
    nasty.int,
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.object({ maxDepth: 4 }),
  );
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: anything });

  interface Op {
    as: keyof typeof tokens;
    query: string;
    variables: Record<string, unknown>;
    mutation: boolean;
  }

  const ops: fc.Arbitrary<Op>[] = [
    fc
      .record({
        partNumber: maybe(nasty.string),
        description: maybe(nasty.string),
        uom: maybe(fc.oneof(nasty.string, fc.constantFrom('KGM', 'H87'))),
        attributes: maybe(fc.oneof(fc.object({ maxDepth: 6 }), fc.jsonValue())),
      })
      .map((input) => ({
        as: 'buyer' as const,
        mutation: true,
        query: `mutation($input: PartInput!) { createPart(input: $input) { id } }`,
        variables: { input },
      })),
    fc
      .record({
        supplierId: maybe(nasty.id),
        currency: maybe(fc.oneof(nasty.string, fc.constant('CNY'))),
        number: fc.option(maybe(nasty.string)),
        notes: fc.option(maybe(nasty.string)),
        lines: maybe(
          fc.array(
            fc.record({
              partId: maybe(nasty.id),
              quantity: maybe(nasty.decimal),
              unitPrice: maybe(nasty.decimal),
              requestedDate: maybe(nasty.date),
            }),
            { maxLength: 4 },
          ),
        ),
        idempotencyKey: fc.option(maybe(nasty.string)),
      })
      .map((input) => ({
        as: 'buyer' as const,
        mutation: true,
        query: `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { id totalAmount } }`,
        variables: { input },
      })),
    fc
      .record({
        supplierId: maybe(fc.constant(ORG.castings)),
        granularity: maybe(fc.constantFrom('WEEK', 'MONTH', 'DAY')),
        horizonStart: maybe(nasty.date),
        bucketCount: maybe(nasty.int),
        firmBuckets: maybe(nasty.int),
        lines: maybe(
          fc.array(
            fc.record({
              partId: maybe(fc.constant(demoPartId('anchor', 'YH-CST-1001'))),
              quantities: maybe(fc.array(nasty.decimal, { maxLength: 6 })),
            }),
            { maxLength: 3 },
          ),
        ),
      })
      .map((input) => ({
        as: 'planner' as const,
        mutation: true,
        query: `mutation($input: PublishForecastInput!) { publishForecast(input: $input) { id } }`,
        variables: { input },
      })),
    fc
      .record({
        supplierId: maybe(fc.constant(ORG.castings)),
        granularity: maybe(fc.constantFrom('WEEK', 'MONTH')),
        firmBuckets: maybe(nasty.int),
        csv: maybe(
          fc.oneof(
            nasty.string,
            fc.array(fc.array(nasty.string, { maxLength: 4 }), { maxLength: 5 }).map((rows) => rows.map((r) => r.join(',')).join('\n')),
          ),
        ),
      })
      .map((input) => ({
        as: 'planner' as const,
        mutation: true,
        query: `mutation($input: ImportForecastInput!) { importForecast(input: $input) { id } }`,
        variables: { input },
      })),
    fc
      .record({
        supplierName: maybe(nasty.string),
        email: maybe(nasty.string),
        creditCode: fc.option(maybe(nasty.string)),
        supplierCode: fc.option(maybe(nasty.string)),
      })
      .map((input) => ({
        as: 'buyer' as const,
        mutation: true,
        query: `mutation($input: InviteSupplierInput!) { inviteSupplier(input: $input) { token } }`,
        variables: { input },
      })),
    fc
      .record({
        answers: maybe(fc.array(fc.record({ criterionId: maybe(nasty.id), met: maybe(fc.boolean()) }), { maxLength: 3 })),
        scenarioCount: maybe(nasty.int),
        aiScenarioCount: maybe(nasty.int),
        maturityLevel: fc.option(maybe(nasty.int)),
      })
      .map((input) => ({
        as: 'castings' as const,
        mutation: true,
        query: `mutation($input: SubmitAssessmentInput!) { submitMaturityAssessment(input: $input) { level } }`,
        variables: { input },
      })),
    fc
      .record({ code: maybe(nasty.string), version: fc.option(maybe(nasty.string)), record: anything })
      .map(({ code, version, record }) => ({
        as: 'buyer' as const,
        mutation: false,
        query: `query($code: String!, $version: String, $record: JSON!) { validateRecord(standardCode: $code, version: $version, record: $record) { valid violations { rule } } }`,
        variables: { code, version, record },
      })),
    fc
      .record({ search: fc.option(maybe(nasty.string)), first: fc.option(maybe(nasty.int)), after: fc.option(maybe(nasty.string)) })
      .map((v) => ({
        as: 'castings' as const,
        mutation: false,
        query: `query($search: String, $first: Int, $after: String) { parts(search: $search, first: $first, after: $after) { totalCount } }`,
        variables: v,
      })),
    fc
      .record({
        status: fc.option(maybe(fc.array(fc.constantFrom('DRAFT', 'PUBLISHED', 'NOPE')))),
        search: fc.option(maybe(nasty.string)),
        updatedSince: fc.option(
          maybe(fc.oneof(nasty.string, fc.constantFrom('-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '1969-12-31T23:59:59Z'))),
        ),
        supplierId: fc.option(maybe(nasty.id)),
      })
      .map((filter) => ({
        as: 'buyer' as const,
        mutation: false,
        query: `query($f: PurchaseOrderFilter) { purchaseOrders(filter: $f) { totalCount } }`,
        variables: { f: filter },
      })),
    fc.record({ s: maybe(nasty.id), from: maybe(nasty.date), to: maybe(nasty.date) }).map((v) => ({
      as: 'buyer' as const,
      mutation: false,
      query: `query($s: ID!, $from: Date!, $to: Date!) { supplierScorecard(supplierId: $s, from: $from, to: $to) { onTimeRate } }`,
      variables: v,
    })),
    // Deeply nested and malformed documents.
    fc.integer({ min: 1, max: 300 }).map((depth) => ({
      as: 'buyer' as const,
      mutation: false,
      query: `{ ${'me { organization { '.repeat(depth)}id${' } }'.repeat(depth)} }`,
      variables: {},
    })),
    nasty.string.map((query) => ({ as: 'buyer' as const, mutation: false, query, variables: {} })),
  ];

  async function counts(): Promise<string> {
    const [row] = await t.sql(
      `SELECT (SELECT count(*) FROM parts) p, (SELECT count(*) FROM purchase_orders) o, (SELECT count(*) FROM purchase_order_lines) l,
              (SELECT count(*) FROM forecasts) f, (SELECT count(*) FROM forecast_buckets) b, (SELECT count(*) FROM invitations) i,
              (SELECT count(*) FROM maturity_assessments) m, (SELECT count(*) FROM audit_events) a, (SELECT count(*) FROM idempotency_keys) k`,
    );
    return JSON.stringify(row);
  }

  it(`survives ${FUZZ_RUNS} generated operations`, async () => {
    let refused = 0;
    let before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...ops), async (op) => {
        const res = await t.http
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('authorization', `Bearer ${tokens[op.as]}`)
          .send({ query: op.query, variables: op.variables });
        expect(res.status).toBeLessThan(500);
        const errorCodes: string[] = (res.body?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
        expect(errorCodes).not.toContain('INTERNAL_SERVER_ERROR');
        if (op.mutation) {
          const after = await counts();
          if (errorCodes.length || res.status >= 400) {
            refused++;
            expect(after).toBe(before);
          }
          before = after;
        }
      }),
      { numRuns: FUZZ_RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261128) },
    );
    expect(refused).toBeGreaterThan(FUZZ_RUNS / 10);
  });
});
