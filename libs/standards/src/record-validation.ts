import { Decimal, isCalendarDate, type Locale, t, type Violation } from '@anchorlink/core';
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

/** A violation of `rule` at `path`, worded by the catalogue (`record.<rule>`) in `locale`. */
export function violation(locale: Locale, path: string, rule: Rule, params: Record<string, string | number> = {}): Violation {
  return { path, rule, message: t(locale, `record.${rule}`, { ...params, path: path || 'record' }) };
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
          else if (length > MAX_PATTERN_INPUT)
            violations.push(violation(locale, path, 'patternInputTooLong', { limit: MAX_PATTERN_INPUT }));
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
