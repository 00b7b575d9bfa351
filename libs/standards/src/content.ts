import { BadUserInputError, Decimal, type RequestContext } from '@anchorlink/core';
import {
  type CodeEntry,
  type CodeEntryInput,
  type FieldDefinition,
  type FieldDefinitionInput,
  FieldType,
  StandardKind,
} from './dto/standard.types.js';
import { compilePattern, MAX_PATTERN_STATES, patternStates } from './patterns.js';

const MAX_CODES = 5000;
const MAX_FIELDS = 200;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const CODE = /^[^\s]{1,64}$/;

function invalid(ctx: RequestContext, what: string, name: string, detail: string, field: string): never {
  throw new BadUserInputError(ctx.t('standard.entryInvalid', { what, name, detail }), { field });
}

function text(value: string | null | undefined, max: number): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

/** Checks and normalizes a version's codes or fields for the standard's kind. */
export function normalizeContent(
  ctx: RequestContext,
  kind: StandardKind,
  codes: CodeEntryInput[] | null | undefined,
  fields: FieldDefinitionInput[] | null | undefined,
): { codes: CodeEntry[]; fields: FieldDefinition[] } {
  if ((kind === StandardKind.CODE_LIST && fields?.length) || (kind === StandardKind.RECORD_SCHEMA && codes?.length)) {
    throw new BadUserInputError(ctx.t('standard.contentKind'), { field: kind === StandardKind.CODE_LIST ? 'fields' : 'codes' });
  }
  return kind === StandardKind.CODE_LIST
    ? { codes: normalizeCodes(ctx, codes ?? []), fields: [] }
    : { codes: [], fields: normalizeFields(ctx, fields ?? []) };
}

function normalizeCodes(ctx: RequestContext, input: CodeEntryInput[]): CodeEntry[] {
  if (input.length > MAX_CODES) invalid(ctx, 'codes', String(input.length), `at most ${MAX_CODES}`, 'codes');
  const seen = new Set<string>();
  return input.map((entry) => {
    const code = entry.code.trim();
    if (!CODE.test(code)) invalid(ctx, 'code', JSON.stringify(entry.code), 'no spaces, 1–64 characters', 'codes');
    if (seen.has(code)) throw new BadUserInputError(ctx.t('standard.duplicateEntry', { what: 'code', name: code }), { field: 'codes' });
    seen.add(code);
    const labelZh = text(entry.labelZh, 200);
    const labelEn = text(entry.labelEn, 200);
    if (!labelZh || !labelEn) invalid(ctx, 'code', code, 'labelZh and labelEn are required', 'codes');
    return { code, labelZh, labelEn, description: text(entry.description, 1000), deprecated: entry.deprecated ?? false };
  });
}

/**
 * Refuses patterns the linear-time engine (RE2) cannot run, and patterns that
 * together need more states than MAX_PATTERN_STATES (see patterns.ts). When a
 * draft is saved and again when it is published (drafts saved earlier).
 */
export function requireRunnablePatterns(ctx: RequestContext, fields: readonly Pick<FieldDefinition, 'name' | 'pattern'>[]): void {
  let states = 0;
  for (const { name, pattern } of fields) {
    if (!pattern) continue;
    const compiled = compilePattern(pattern);
    if (!compiled.ok) {
      throw new BadUserInputError(ctx.t('standard.patternUnsupported', { field: name, pattern, reason: compiled.reason }), {
        field: 'fields',
      });
    }
    states += patternStates(pattern);
    if (states > MAX_PATTERN_STATES) {
      throw new BadUserInputError(ctx.t('standard.patternTooComplex', { field: name, states, max: MAX_PATTERN_STATES }), {
        field: 'fields',
      });
    }
  }
}

function normalizeFields(ctx: RequestContext, input: FieldDefinitionInput[]): FieldDefinition[] {
  if (input.length > MAX_FIELDS) invalid(ctx, 'fields', String(input.length), `at most ${MAX_FIELDS}`, 'fields');
  const seen = new Set<string>();
  const fields = input.map((f) => {
    const name = f.name.trim();
    const bad = (detail: string): never => invalid(ctx, 'field', name, detail, 'fields');
    if (!FIELD_NAME.test(name)) bad('a name is a letter or _, then letters, digits or _ (at most 64)');
    if (seen.has(name)) throw new BadUserInputError(ctx.t('standard.duplicateEntry', { what: 'field', name }), { field: 'fields' });
    seen.add(name);
    const isText = f.type === FieldType.STRING || f.type === FieldType.CODE;
    const isNumber = f.type === FieldType.INTEGER || f.type === FieldType.DECIMAL;
    const codeList = text(f.codeList, 32);
    if (f.type === FieldType.CODE && !codeList) bad('a CODE field names its codeList');
    if (f.type !== FieldType.CODE && codeList) bad('only CODE fields have a codeList');
    const pattern = text(f.pattern, 500);
    if (pattern && f.type !== FieldType.STRING) bad('only STRING fields have a pattern');
    for (const [key, value] of [
      ['minLength', f.minLength],
      ['maxLength', f.maxLength],
    ] as const) {
      if (value === null || value === undefined) continue;
      if (!isText) bad(`only STRING and CODE fields have ${key}`);
      if (!Number.isInteger(value) || value < 0 || value > 100_000) bad(`${key} is a whole number from 0 to 100000`);
    }
    if (f.minLength != null && f.maxLength != null && f.minLength > f.maxLength) bad('minLength is above maxLength');
    for (const [key, value] of [
      ['minimum', f.minimum],
      ['maximum', f.maximum],
    ] as const) {
      if (value !== null && value !== undefined && !isNumber) bad(`only INTEGER and DECIMAL fields have ${key}`);
    }
    if (f.minimum != null && f.maximum != null && new Decimal(f.minimum).gt(f.maximum)) bad('minimum is above maximum');
    return {
      name,
      type: f.type,
      required: f.required,
      codeList,
      pattern,
      minLength: f.minLength ?? null,
      maxLength: f.maxLength ?? null,
      minimum: f.minimum ?? null,
      maximum: f.maximum ?? null,
      unit: text(f.unit, 32),
      description: text(f.description, 1000),
    };
  });
  requireRunnablePatterns(ctx, fields);
  return fields;
}
