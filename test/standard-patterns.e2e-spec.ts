import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { codes, TestApp } from './support/test-app.js';
import { ALLIANCE_ADMIN, BUYER } from './support/fixtures.js';

const CREATE = `mutation($input: CreateDataStandardInput!) { createDataStandard(input: $input) { id } }`;
const CREATE_VERSION = `mutation($id: ID!, $input: StandardVersionInput!) { createStandardVersion(standardId: $id, input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishStandardVersion(versionId: $id) { id status } }`;
const VALIDATE = `query($code: String!, $record: JSON!) { validateRecord(standardCode: $code, record: $record) { valid violations { path rule message } } }`;

/**
 * Record schema patterns run on RE2 (linear time): a pattern that backtracks
 * exponentially in JavaScript cannot stall the process, patterns RE2 cannot
 * run are refused when saved and when published, and the input checked
 * against a pattern is bounded.
 */
describe('record schema patterns', () => {
  let t: TestApp;
  let standardId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    standardId = (await t.ok(CREATE, { input: { code: 'DRAWING', name: '图纸 Drawings', kind: 'RECORD_SCHEMA' } }, ALLIANCE_ADMIN))
      .createDataStandard.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const field = (name: string, pattern: string) => ({ name, type: 'STRING', required: false, pattern });

  it('publishes a pattern that backtracks exponentially in JavaScript and checks records against it at once', async () => {
    const draft = (
      await t.ok(CREATE_VERSION, { id: standardId, input: { version: '1.0.0', fields: [field('code', '^(a+)+$')] } }, ALLIANCE_ADMIN)
    ).createStandardVersion;
    expect((await t.ok(PUBLISH, { id: draft.id }, ALLIANCE_ADMIN)).publishStandardVersion.status).toBe('PUBLISHED');

    const started = Date.now();
    const report = (await t.ok(VALIDATE, { code: 'DRAWING', record: { code: `${'a'.repeat(32)}!` } }, BUYER)).validateRecord;
    expect(Date.now() - started).toBeLessThan(2000); // JavaScript's RegExp: about a minute
    expect(report.violations.map((v: any) => `${v.path}:${v.rule}`)).toEqual(['code:pattern']);
    expect((await t.ok(VALIDATE, { code: 'DRAWING', record: { code: 'aaaa' } }, BUYER)).validateRecord.valid).toBe(true);

    // A value longer than the bound is reported, not run.
    const long = (await t.ok(VALIDATE, { code: 'DRAWING', record: { code: 'a'.repeat(1001) } }, BUYER)).validateRecord;
    expect(long.violations).toEqual([
      { path: 'code', rule: 'patternInputTooLong', message: 'code 超过 1000 个字符，这是按格式校验的最大长度' },
    ]);
  });

  it('refuses, naming the field, a pattern RE2 cannot run (lookaround, backreferences)', async () => {
    const input = { version: '1.1.0', fields: [field('code', '^(a+)+$'), field('drawingNumber', '^(?=.*\\d)[A-Z0-9-]+$')] };
    const zh = await t.gql(CREATE_VERSION, { id: standardId, input }, ALLIANCE_ADMIN);
    expect(codes(zh)).toEqual(['BAD_USER_INPUT']);
    expect(zh.errors![0].message).toMatch(
      /^字段 drawingNumber 的格式 \^\(\?=\.\*\\d\)\[A-Z0-9-\]\+\$ 无法使用：.+。格式由 RE2 在线性时间内执行/,
    );
    expect(zh.errors![0].extensions.field).toBe('fields');
    const en = await t.gql(CREATE_VERSION, { id: standardId, input: { ...input, fields: [field('ref', '(a)\\1')] } }, ALLIANCE_ADMIN, {
      'accept-language': 'en',
    });
    expect(en.errors![0].message).toMatch(
      /^Field ref: the pattern \(a\)\\1 cannot be used: .+\. Patterns run on RE2 in linear time, without lookaround or backreferences$/,
    );
    expect(await t.sql(`SELECT 1 FROM standard_versions WHERE standard_id = $1 AND version = '1.1.0'`, [standardId])).toHaveLength(0);
  });

  it('refuses at publication a draft saved with such a pattern before this check existed', async () => {
    const draft = (
      await t.ok(CREATE_VERSION, { id: standardId, input: { version: '2.0.0', fields: [field('code', '^[a-z]+$')] } }, ALLIANCE_ADMIN)
    ).createStandardVersion;
    await t.sql(`UPDATE standard_versions SET fields = jsonb_set(fields, '{0,pattern}', to_jsonb($2::text)) WHERE id = $1`, [
      draft.id,
      '^(?!x)[a-z]+$',
    ]);
    const refused = await t.gql(PUBLISH, { id: draft.id }, ALLIANCE_ADMIN);
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].message).toContain('字段 code 的格式 ^(?!x)[a-z]+$ 无法使用');
    const [row] = await t.sql(`SELECT status FROM standard_versions WHERE id = $1`, [draft.id]);
    expect(row.status).toBe('DRAFT');
  });

  it('refuses patterns that together need too many states (counted repetitions multiply them)', async () => {
    const input = { version: '3.0.0', fields: [field('a', '(.{0,90}a){10}b'), field('b', '(.{0,99}b){10}'), field('c', '[0-9]{1,200}')] };
    const refused = await t.gql(CREATE_VERSION, { id: standardId, input }, ALLIANCE_ADMIN, { 'accept-language': 'en' });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].message).toBe(
      'Field c: with its pattern, the patterns of this version need about 2111 states together, at most 2000 (counted repetitions {n,m} multiply them)',
    );
    expect(
      codes(await t.gql(CREATE_VERSION, { id: standardId, input: { ...input, fields: input.fields.slice(0, 2) } }, ALLIANCE_ADMIN)),
    ).toEqual([]);
  });
});
