import { describe, expect, it } from '@jest/globals';
import { type FieldDefinition, FieldType } from './dto/standard.types.js';
import { MAX_PATTERN_INPUT } from './patterns.js';
import { validateRecord } from './record-validation.js';

const f = (name: string, type: FieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type,
  required: false,
  codeList: null,
  pattern: null,
  minLength: null,
  maxLength: null,
  minimum: null,
  maximum: null,
  unit: null,
  description: null,
  ...extra,
});

const schema = [
  f('material', FieldType.STRING, { required: true, maxLength: 8, minLength: 2 }),
  f('weightKg', FieldType.DECIMAL, { minimum: '0', maximum: '1000' }),
  f('count', FieldType.INTEGER, { minimum: '1' }),
  f('drawing', FieldType.STRING, { pattern: '^[A-Z]{2}-\\d+$' }),
  f('cls', FieldType.CODE, { codeList: 'MATERIAL-CLASS' }),
  f('rohs', FieldType.BOOLEAN),
  f('since', FieldType.DATE),
];
const lists = (name: string) => (name === 'MATERIAL-CLASS' ? new Set(['STEEL', 'IRON']) : null);
const check = (record: unknown, locale: 'en' | 'zh-CN' = 'en') => validateRecord(schema, record, 'attributes', locale, lists);
const rules = (record: unknown) => check(record).map((v) => `${v.path}:${v.rule}`);

describe('record validation', () => {
  it('accepts a good record (decimals as strings or numbers)', () => {
    expect(
      check({ material: 'Q235', weightKg: '12.5', count: 3, drawing: 'AB-12', cls: 'STEEL', rohs: true, since: '2026-01-31' }),
    ).toEqual([]);
    expect(check({ material: 'Q235', weightKg: 12.5, count: '3' })).toEqual([]);
  });

  it.each([
    [{}, 'attributes.material:required'],
    [{ material: null }, 'attributes.material:required'],
    [{ material: 42 }, 'attributes.material:type'],
    [{ material: 'X' }, 'attributes.material:minLength'],
    [{ material: 'TOO-LONG-NAME' }, 'attributes.material:maxLength'],
    [{ material: 'Q235', weightKg: '-0.1' }, 'attributes.weightKg:minimum'],
    [{ material: 'Q235', weightKg: 1000.5 }, 'attributes.weightKg:maximum'],
    [{ material: 'Q235', weightKg: 'heavy' }, 'attributes.weightKg:type'],
    [{ material: 'Q235', count: 1.5 }, 'attributes.count:type'],
    [{ material: 'Q235', count: 0 }, 'attributes.count:minimum'],
    [{ material: 'Q235', drawing: 'ab-1' }, 'attributes.drawing:pattern'],
    [{ material: 'Q235', cls: 'WOOD' }, 'attributes.cls:codeList'],
    [{ material: 'Q235', rohs: 'yes' }, 'attributes.rohs:type'],
    [{ material: 'Q235', since: '2026-02-30' }, 'attributes.since:type'],
    [{ material: 'Q235', colour: 'red' }, 'attributes.colour:unknownField'],
  ])('%j → %s', (record, expected) => {
    expect(rules(record)).toEqual([expected]);
  });

  it('refuses what is not an object', () => {
    expect(rules([1, 2])).toEqual(['attributes:notObject']);
    expect(rules('x')).toEqual(['attributes:notObject']);
  });

  it('lists every violation, worded in the caller locale', () => {
    expect(rules({ colour: 'red', weightKg: '-1' })).toEqual([
      'attributes.colour:unknownField',
      'attributes.material:required',
      'attributes.weightKg:minimum',
    ]);
    expect(check({ material: 'Q235', cls: 'WOOD' }, 'zh-CN')[0].message).toBe('“WOOD”不在代码表 MATERIAL-CLASS 中');
    expect(check({ material: 'Q235', weightKg: '-1' })[0].message).toBe('attributes.weightKg must be at least 0');
  });

  it('runs patterns in linear time: a pattern that backtracks exponentially in JavaScript answers at once', () => {
    const redos = [f('code', FieldType.STRING, { pattern: '^(a+)+$' })];
    const started = Date.now();
    // JavaScript's RegExp needs seconds for this (doubling with each further 'a'); RE2 microseconds.
    const violations = validateRecord(redos, { code: `${'a'.repeat(29)}!` }, '', 'en', lists);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(violations.map((v) => v.rule)).toEqual(['pattern']);
    expect(validateRecord(redos, { code: 'aaaa' }, '', 'en', lists)).toEqual([]);
  });

  it('checks at most MAX_PATTERN_INPUT characters against a pattern, and says so', () => {
    const any = [f('note', FieldType.STRING, { pattern: '^[a-z]*$' })];
    expect(validateRecord(any, { note: 'a'.repeat(MAX_PATTERN_INPUT) }, '', 'en', lists)).toEqual([]);
    const [tooLong] = validateRecord(any, { note: 'a'.repeat(MAX_PATTERN_INPUT + 1) }, 'attributes', 'en', lists);
    expect(tooLong).toEqual({
      path: 'attributes.note',
      rule: 'patternInputTooLong',
      message: `attributes.note is longer than ${MAX_PATTERN_INPUT} characters, the most checked against a pattern`,
    });
    // Characters, not UTF-16 units: 1,000 Chinese characters or emoji are still checked.
    expect(
      validateRecord(
        [f('name', FieldType.STRING, { pattern: '^\\p{Script=Han}+$' })],
        { name: '锚'.repeat(MAX_PATTERN_INPUT) },
        '',
        'en',
        lists,
      ),
    ).toEqual([]);
  });

  it('does not run a stored pattern the linear-time engine refuses, and says why', () => {
    const legacy = [f('code', FieldType.STRING, { pattern: '^(?=.*\\d)[A-Z0-9]+$' })];
    const [violation] = validateRecord(legacy, { code: 'AB12' }, '', 'zh-CN', lists);
    expect(violation.rule).toBe('patternUnsupported');
    expect(violation.message).toContain('^(?=.*\\d)[A-Z0-9]+$');
  });
});
