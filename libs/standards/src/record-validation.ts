import { Decimal, isCalendarDate, type Locale, type Violation } from '@anchorlink/core';
import { type FieldDefinition, FieldType } from './dto/standard.types.js';
import { compilePattern, MAX_PATTERN_INPUT } from './patterns.js';

export type Rule =
  | 'notObject'
  | 'required'
  | 'type'
  | 'pattern'
  | 'patternInputTooLong'
  | 'patternUnsupported'
  | 'minLength'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'codeList'
  | 'unknownField'
  | 'retired';

const WORDS: Record<Rule, { 'zh-CN': string; en: string }> = {
  notObject: { 'zh-CN': '{path} 必须是 JSON 对象', en: '{path} must be a JSON object' },
  required: { 'zh-CN': '{path} 为必填项', en: '{path} is required' },
  type: { 'zh-CN': '{path} 必须是 {expected} 类型', en: '{path} must be of type {expected}' },
  pattern: { 'zh-CN': '{path} 不符合格式 {pattern}', en: '{path} does not match the pattern {pattern}' },
  patternInputTooLong: {
    'zh-CN': '{path} 超过 {limit} 个字符，这是按格式校验的最大长度',
    en: '{path} is longer than {limit} characters, the most checked against a pattern',
  },
  patternUnsupported: {
    'zh-CN': '{path} 无法校验：数据结构中的格式 {pattern} 不能由线性时间引擎（RE2）执行，需发布新版本',
    en: '{path} cannot be checked: the pattern {pattern} of the record schema cannot run on the linear-time engine (RE2); a new version is needed',
  },
  minLength: { 'zh-CN': '{path} 至少 {limit} 个字符', en: '{path} needs at least {limit} characters' },
  maxLength: { 'zh-CN': '{path} 最多 {limit} 个字符', en: '{path} allows at most {limit} characters' },
  minimum: { 'zh-CN': '{path} 不能小于 {limit}', en: '{path} must be at least {limit}' },
  maximum: { 'zh-CN': '{path} 不能大于 {limit}', en: '{path} must be at most {limit}' },
  codeList: { 'zh-CN': '“{value}”不在代码表 {codeList} 中', en: '"{value}" is not in the code list {codeList}' },
  unknownField: { 'zh-CN': '{path} 不是数据结构中定义的字段', en: '{path} is not a field of the record schema' },
  retired: {
    'zh-CN': '{standard} {version} 已于 {sunsetDate} 停用，不能再用于校验',
    en: '{standard} {version} was retired after {sunsetDate} and no longer validates data',
  },
};

export function violation(locale: Locale, path: string, rule: Rule, params: Record<string, string | number> = {}): Violation {
  const message = WORDS[rule][locale].replace(/\{(\w+)\}/g, (m, key: string) =>
    key === 'path' ? path || 'record' : key in params ? String(params[key]) : m,
  );
  return { path, rule, message };
}

/** Codes of the code lists a record schema refers to, resolved by the caller (null: no such list). */
export type CodeListLookup = (codeList: string) => ReadonlySet<string> | null;

const INTEGER = /^-?\d{1,18}$/;
const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;

function numeric(value: unknown, type: FieldType): Decimal | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return type === FieldType.INTEGER && !Number.isInteger(value) ? null : new Decimal(value);
  }
  if (typeof value === 'string' && (type === FieldType.INTEGER ? INTEGER : DECIMAL).test(value)) return new Decimal(value);
  return null;
}

/** Checks one value against one code list. */
export function checkCode(locale: Locale, codes: ReadonlySet<string>, codeList: string, value: string, path: string): Violation[] {
  return codes.has(value) ? [] : [violation(locale, path, 'codeList', { value, codeList })];
}

/**
 * Violations of `record` against a record schema's fields, each with a JSON
 * path (`attributes.weightKg`) and a message in `locale`.
 */
export function validateRecord(
  fields: readonly FieldDefinition[],
  record: unknown,
  pathPrefix: string,
  locale: Locale,
  codesOf: CodeListLookup,
): Violation[] {
  const at = (name: string) => (pathPrefix ? `${pathPrefix}.${name}` : name);
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return [violation(locale, pathPrefix, 'notObject')];
  }
  const values = record as Record<string, unknown>;
  const violations: Violation[] = [];
  const known = new Set(fields.map((f) => f.name));
  for (const name of Object.keys(values)) if (!known.has(name)) violations.push(violation(locale, at(name), 'unknownField'));

  for (const field of fields) {
    const path = at(field.name);
    const value = values[field.name];
    if (value === undefined || value === null) {
      if (field.required) violations.push(violation(locale, path, 'required'));
      continue;
    }
    switch (field.type) {
      case FieldType.STRING:
      case FieldType.CODE: {
        if (typeof value !== 'string') {
          violations.push(violation(locale, path, 'type', { expected: field.type }));
          break;
        }
        const length = [...value].length;
        if (field.minLength !== null && field.minLength !== undefined && length < field.minLength) {
          violations.push(violation(locale, path, 'minLength', { limit: field.minLength }));
        }
        if (field.maxLength !== null && field.maxLength !== undefined && length > field.maxLength) {
          violations.push(violation(locale, path, 'maxLength', { limit: field.maxLength }));
        }
        if (field.pattern) {
          const compiled = compilePattern(field.pattern);
          // A version published before patterns ran on RE2 may hold one it refuses: never run it on a backtracking engine.
          if (!compiled.ok) violations.push(violation(locale, path, 'patternUnsupported', { pattern: field.pattern }));
          else if (length > MAX_PATTERN_INPUT) violations.push(violation(locale, path, 'patternInputTooLong', { limit: MAX_PATTERN_INPUT }));
          else if (!compiled.regex.test(value)) violations.push(violation(locale, path, 'pattern', { pattern: field.pattern }));
        }
        if (field.type === FieldType.CODE && field.codeList) {
          const codes = codesOf(field.codeList);
          if (codes) violations.push(...checkCode(locale, codes, field.codeList, value, path));
        }
        break;
      }
      case FieldType.INTEGER:
      case FieldType.DECIMAL: {
        const number = numeric(value, field.type);
        if (!number) {
          violations.push(violation(locale, path, 'type', { expected: field.type }));
          break;
        }
        if (field.minimum !== null && field.minimum !== undefined && number.lt(field.minimum)) {
          violations.push(violation(locale, path, 'minimum', { limit: field.minimum }));
        }
        if (field.maximum !== null && field.maximum !== undefined && number.gt(field.maximum)) {
          violations.push(violation(locale, path, 'maximum', { limit: field.maximum }));
        }
        break;
      }
      case FieldType.BOOLEAN:
        if (typeof value !== 'boolean') violations.push(violation(locale, path, 'type', { expected: field.type }));
        break;
      case FieldType.DATE:
        if (typeof value !== 'string' || !isCalendarDate(value)) {
          violations.push(violation(locale, path, 'type', { expected: field.type }));
        }
        break;
    }
  }
  return violations;
}
