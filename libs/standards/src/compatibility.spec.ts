import { describe, expect, it } from '@jest/globals';
import {
  bumpSuffices,
  type Change,
  compareCodeLists,
  compareRecordSchemas,
  describeChange,
  isBreaking,
  requiredBump,
} from './compatibility.js';
import { type CodeEntry, type FieldDefinition, FieldType } from './dto/standard.types.js';
import { bumpBetween, parseSemVer } from './semver.js';

const code = (c: string, extra: Partial<CodeEntry> = {}): CodeEntry => ({
  code: c,
  labelZh: `${c}中`,
  labelEn: `${c} en`,
  description: null,
  deprecated: false,
  ...extra,
});

const field = (name: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  name,
  type: FieldType.STRING,
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

const types = (changes: Change[]) => changes.map((c) => c.type);

describe('code list compatibility', () => {
  const base = [code('KGM'), code('MTR')];

  it('a removed code is breaking', () => {
    const changes = compareCodeLists(base, [code('KGM')]);
    expect(types(changes)).toEqual(['CODE_REMOVED']);
    expect(changes.every(isBreaking)).toBe(true);
    expect(requiredBump(changes)).toBe('major');
  });

  it('an added code is a minor change', () => {
    const changes = compareCodeLists(base, [...base, code('LTR')]);
    expect(types(changes)).toEqual(['CODE_ADDED']);
    expect(requiredBump(changes)).toBe('minor');
  });

  it('label and description changes are patches', () => {
    const changes = compareCodeLists(base, [code('KGM', { labelEn: 'kilogramme' }), code('MTR', { description: 'metre' })]);
    expect(types(changes)).toEqual(['CODE_LABEL_CHANGED', 'CODE_DESCRIPTION_CHANGED']);
    expect(requiredBump(changes)).toBe('patch');
  });

  it('deprecating a code is not breaking', () => {
    const changes = compareCodeLists(base, [code('KGM', { deprecated: true }), code('MTR')]);
    expect(types(changes)).toEqual(['CODE_DEPRECATED']);
    expect(requiredBump(changes)).toBe('minor');
  });

  it('no change needs no step', () => {
    expect(requiredBump(compareCodeLists(base, base))).toBe('none');
  });
});

describe('record schema compatibility', () => {
  const cases: [string, FieldDefinition[], FieldDefinition[], string[], 'major' | 'minor' | 'patch'][] = [
    ['removed field', [field('a'), field('b')], [field('a')], ['FIELD_REMOVED'], 'major'],
    ['added optional field', [field('a')], [field('a'), field('b')], ['FIELD_ADDED_OPTIONAL'], 'minor'],
    ['added required field', [field('a')], [field('a'), field('b', { required: true })], ['FIELD_ADDED_REQUIRED'], 'major'],
    ['field made required', [field('a')], [field('a', { required: true })], ['FIELD_MADE_REQUIRED'], 'major'],
    ['field made optional', [field('a', { required: true })], [field('a')], ['FIELD_MADE_OPTIONAL'], 'minor'],
    ['type change', [field('a')], [field('a', { type: FieldType.INTEGER })], ['FIELD_TYPE_CHANGED'], 'major'],
    ['shorter maxLength', [field('a', { maxLength: 64 })], [field('a', { maxLength: 32 })], ['FIELD_CONSTRAINT_NARROWED'], 'major'],
    ['new maxLength', [field('a')], [field('a', { maxLength: 32 })], ['FIELD_CONSTRAINT_NARROWED'], 'major'],
    ['longer maxLength', [field('a', { maxLength: 32 })], [field('a', { maxLength: 64 })], ['FIELD_CONSTRAINT_RELAXED'], 'minor'],
    ['removed maxLength', [field('a', { maxLength: 32 })], [field('a')], ['FIELD_CONSTRAINT_RELAXED'], 'minor'],
    ['higher minLength', [field('a', { minLength: 1 })], [field('a', { minLength: 2 })], ['FIELD_CONSTRAINT_NARROWED'], 'major'],
    ['lower minLength', [field('a', { minLength: 2 })], [field('a', { minLength: 1 })], ['FIELD_CONSTRAINT_RELAXED'], 'minor'],
    [
      'higher minimum',
      [field('n', { type: FieldType.DECIMAL, minimum: '0' })],
      [field('n', { type: FieldType.DECIMAL, minimum: '0.5' })],
      ['FIELD_CONSTRAINT_NARROWED'],
      'major',
    ],
    [
      'lower minimum',
      [field('n', { type: FieldType.DECIMAL, minimum: '1' })],
      [field('n', { type: FieldType.DECIMAL, minimum: '0' })],
      ['FIELD_CONSTRAINT_RELAXED'],
      'minor',
    ],
    [
      'lower maximum',
      [field('n', { type: FieldType.DECIMAL, maximum: '10' })],
      [field('n', { type: FieldType.DECIMAL, maximum: '9.99' })],
      ['FIELD_CONSTRAINT_NARROWED'],
      'major',
    ],
    [
      'higher maximum',
      [field('n', { type: FieldType.DECIMAL, maximum: '10' })],
      [field('n', { type: FieldType.DECIMAL, maximum: '100' })],
      ['FIELD_CONSTRAINT_RELAXED'],
      'minor',
    ],
    [
      'same bound, other spelling',
      [field('n', { type: FieldType.DECIMAL, maximum: '10' })],
      [field('n', { type: FieldType.DECIMAL, maximum: '10.0' })],
      [],
      'patch',
    ],
    ['new pattern', [field('a')], [field('a', { pattern: '^[A-Z]+$' })], ['FIELD_PATTERN_CHANGED'], 'major'],
    ['other pattern', [field('a', { pattern: '^[A-Z]+$' })], [field('a', { pattern: '^[A-Z0-9]+$' })], ['FIELD_PATTERN_CHANGED'], 'major'],
    ['removed pattern', [field('a', { pattern: '^[A-Z]+$' })], [field('a')], ['FIELD_PATTERN_REMOVED'], 'minor'],
    [
      'other code list',
      [field('c', { type: FieldType.CODE, codeList: 'UOM' })],
      [field('c', { type: FieldType.CODE, codeList: 'CURRENCY' })],
      ['FIELD_CODE_LIST_CHANGED'],
      'major',
    ],
    ['other unit', [field('w', { unit: 'kg' })], [field('w', { unit: 'g' })], ['FIELD_UNIT_CHANGED'], 'major'],
    ['description', [field('a')], [field('a', { description: 'new words' })], ['FIELD_DESCRIPTION_CHANGED'], 'patch'],
  ];

  it.each(cases)('%s', (_name, before, after, expected, level) => {
    const changes = compareRecordSchemas(before, after);
    expect(types(changes)).toEqual(expected);
    if (expected.length) expect(requiredBump(changes)).toBe(level);
  });
});

describe('the semver guard', () => {
  const v = (text: string) => parseSemVer(text)!;

  it('parses strict MAJOR.MINOR.PATCH only', () => {
    expect(parseSemVer('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3 });
    for (const bad of ['1.2', '01.2.3', '1.2.3-beta', 'v1.2.3', '1.2.3.4', '']) expect(parseSemVer(bad)).toBeNull();
  });

  it('measures the step between versions', () => {
    expect(bumpBetween(v('1.2.3'), v('2.0.0'))).toBe('major');
    expect(bumpBetween(v('1.2.3'), v('1.3.0'))).toBe('minor');
    expect(bumpBetween(v('1.2.3'), v('1.2.4'))).toBe('patch');
    expect(bumpBetween(v('1.2.3'), v('1.2.3'))).toBe('none');
    expect(bumpBetween(v('1.2.3'), v('1.1.9'))).toBe('none');
  });

  it('needs a major step for breaking changes, at least minor for additions, any step for the rest', () => {
    expect(bumpSuffices('major', 'minor')).toBe(false);
    expect(bumpSuffices('major', 'major')).toBe(true);
    expect(bumpSuffices('minor', 'patch')).toBe(false);
    expect(bumpSuffices('minor', 'major')).toBe(true);
    expect(bumpSuffices('patch', 'patch')).toBe(true);
    expect(bumpSuffices('none', 'patch')).toBe(true);
    expect(bumpSuffices('none', 'none')).toBe(false);
  });

  it('describes changes in both languages', () => {
    const change: Change = { type: 'FIELD_CONSTRAINT_NARROWED', subject: 'material', constraint: 'maxLength', from: '64', to: '32' };
    expect(describeChange(change, 'en')).toBe('Field material: maxLength narrowed from 64 to 32 (breaking)');
    expect(describeChange(change, 'zh-CN')).toBe('字段 material 的 maxLength 由 64 收紧为 32（不兼容）');
    expect(describeChange({ type: 'FIELD_CONSTRAINT_NARROWED', subject: 'a', constraint: 'maxLength', from: null, to: '8' }, 'en')).toBe(
      'Field a: maxLength narrowed from none to 8 (breaking)',
    );
  });
});
