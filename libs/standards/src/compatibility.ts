import { Decimal, type Locale, t } from '@anchorlink/core';
import type { CodeEntry, FieldDefinition } from './dto/standard.types.js';
import type { Bump } from './semver.js';

/**
 * What changed between two versions of a standard, and how big a version step
 * that needs. Breaking (major): a removed code or field, a new required field,
 * a field made required, a changed type, code list, pattern or unit, a
 * narrowed constraint. Additions and relaxed constraints: minor. Labels and
 * descriptions: patch.
 */
export type ChangeType =
  | 'CODE_ADDED'
  | 'CODE_REMOVED'
  | 'CODE_LABEL_CHANGED'
  | 'CODE_DESCRIPTION_CHANGED'
  | 'CODE_DEPRECATED'
  | 'CODE_UNDEPRECATED'
  | 'FIELD_ADDED_OPTIONAL'
  | 'FIELD_ADDED_REQUIRED'
  | 'FIELD_REMOVED'
  | 'FIELD_MADE_REQUIRED'
  | 'FIELD_MADE_OPTIONAL'
  | 'FIELD_TYPE_CHANGED'
  | 'FIELD_CODE_LIST_CHANGED'
  | 'FIELD_PATTERN_CHANGED'
  | 'FIELD_PATTERN_REMOVED'
  | 'FIELD_UNIT_CHANGED'
  | 'FIELD_CONSTRAINT_NARROWED'
  | 'FIELD_CONSTRAINT_RELAXED'
  | 'FIELD_DESCRIPTION_CHANGED';

export interface Change {
  type: ChangeType;
  /** The code or field concerned. */
  subject: string;
  /** For constraint changes: minLength, maxLength, minimum or maximum. */
  constraint?: string;
  from?: string | null;
  to?: string | null;
}

export interface StoredCompatibility {
  breaking: boolean;
  against: string | null;
  changes: Change[];
}

const LEVEL: Record<ChangeType, Exclude<Bump, 'none'>> = {
  CODE_ADDED: 'minor',
  CODE_REMOVED: 'major',
  CODE_LABEL_CHANGED: 'patch',
  CODE_DESCRIPTION_CHANGED: 'patch',
  CODE_DEPRECATED: 'minor',
  CODE_UNDEPRECATED: 'minor',
  FIELD_ADDED_OPTIONAL: 'minor',
  FIELD_ADDED_REQUIRED: 'major',
  FIELD_REMOVED: 'major',
  FIELD_MADE_REQUIRED: 'major',
  FIELD_MADE_OPTIONAL: 'minor',
  FIELD_TYPE_CHANGED: 'major',
  FIELD_CODE_LIST_CHANGED: 'major',
  FIELD_PATTERN_CHANGED: 'major',
  FIELD_PATTERN_REMOVED: 'minor',
  FIELD_UNIT_CHANGED: 'major',
  FIELD_CONSTRAINT_NARROWED: 'major',
  FIELD_CONSTRAINT_RELAXED: 'minor',
  FIELD_DESCRIPTION_CHANGED: 'patch',
};

export function levelOf(change: Change): Exclude<Bump, 'none'> {
  return LEVEL[change.type];
}

export function isBreaking(change: Change): boolean {
  return LEVEL[change.type] === 'major';
}

/** The smallest version step the changes allow ('none' when nothing changed). */
export function requiredBump(changes: Change[]): Bump {
  if (changes.some((c) => LEVEL[c.type] === 'major')) return 'major';
  if (changes.some((c) => LEVEL[c.type] === 'minor')) return 'minor';
  return changes.length ? 'patch' : 'none';
}

const BUMP_ORDER: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** Whether a version step `actual` is big enough for `required`. Any publish needs a greater version. */
export function bumpSuffices(required: Bump, actual: Bump): boolean {
  return actual !== 'none' && BUMP_ORDER[actual] >= BUMP_ORDER[required];
}

export function compareCodeLists(before: CodeEntry[], after: CodeEntry[]): Change[] {
  const changes: Change[] = [];
  const old = new Map(before.map((c) => [c.code, c]));
  const next = new Map(after.map((c) => [c.code, c]));
  for (const [code, entry] of old) {
    const now = next.get(code);
    if (!now) {
      changes.push({ type: 'CODE_REMOVED', subject: code });
      continue;
    }
    if (entry.labelZh !== now.labelZh || entry.labelEn !== now.labelEn) {
      changes.push({ type: 'CODE_LABEL_CHANGED', subject: code });
    }
    if ((entry.description ?? null) !== (now.description ?? null)) changes.push({ type: 'CODE_DESCRIPTION_CHANGED', subject: code });
    if (!entry.deprecated && now.deprecated) changes.push({ type: 'CODE_DEPRECATED', subject: code });
    if (entry.deprecated && !now.deprecated) changes.push({ type: 'CODE_UNDEPRECATED', subject: code });
  }
  for (const code of next.keys()) if (!old.has(code)) changes.push({ type: 'CODE_ADDED', subject: code });
  return changes;
}

export function compareRecordSchemas(before: FieldDefinition[], after: FieldDefinition[]): Change[] {
  const changes: Change[] = [];
  const old = new Map(before.map((f) => [f.name, f]));
  const next = new Map(after.map((f) => [f.name, f]));
  for (const [name, field] of old) {
    const now = next.get(name);
    if (!now) {
      changes.push({ type: 'FIELD_REMOVED', subject: name });
      continue;
    }
    changes.push(...compareField(field, now));
  }
  for (const [name, field] of next) {
    if (!old.has(name)) changes.push({ type: field.required ? 'FIELD_ADDED_REQUIRED' : 'FIELD_ADDED_OPTIONAL', subject: name });
  }
  return changes;
}

function compareField(a: FieldDefinition, b: FieldDefinition): Change[] {
  const changes: Change[] = [];
  const subject = a.name;
  if (a.type !== b.type) changes.push({ type: 'FIELD_TYPE_CHANGED', subject, from: a.type, to: b.type });
  if (!a.required && b.required) changes.push({ type: 'FIELD_MADE_REQUIRED', subject });
  if (a.required && !b.required) changes.push({ type: 'FIELD_MADE_OPTIONAL', subject });
  if ((a.codeList ?? null) !== (b.codeList ?? null)) {
    changes.push({ type: 'FIELD_CODE_LIST_CHANGED', subject, from: a.codeList ?? null, to: b.codeList ?? null });
  }
  if ((a.pattern ?? null) !== (b.pattern ?? null)) {
    // Whether one regular expression accepts less than another is undecidable in
    // general: any new or different pattern counts as stricter, only removing one is relaxing.
    changes.push({
      type: b.pattern ? 'FIELD_PATTERN_CHANGED' : 'FIELD_PATTERN_REMOVED',
      subject,
      from: a.pattern ?? null,
      to: b.pattern ?? null,
    });
  }
  if ((a.unit ?? null) !== (b.unit ?? null))
    changes.push({ type: 'FIELD_UNIT_CHANGED', subject, from: a.unit ?? null, to: b.unit ?? null });
  if ((a.description ?? null) !== (b.description ?? null)) changes.push({ type: 'FIELD_DESCRIPTION_CHANGED', subject });
  // Lower bounds narrow when they rise (or appear); upper bounds narrow when they fall (or appear).
  for (const [constraint, lower] of [
    ['minLength', true],
    ['maxLength', false],
    ['minimum', true],
    ['maximum', false],
  ] as const) {
    const from = a[constraint] ?? null;
    const to = b[constraint] ?? null;
    if (from === null && to === null) continue;
    if (from !== null && to !== null && new Decimal(from).eq(to)) continue;
    const narrowed = from === null ? true : to === null ? false : lower ? new Decimal(to).gt(from) : new Decimal(to).lt(from);
    changes.push({
      type: narrowed ? 'FIELD_CONSTRAINT_NARROWED' : 'FIELD_CONSTRAINT_RELAXED',
      subject,
      constraint,
      from: from === null ? null : String(from),
      to: to === null ? null : String(to),
    });
  }
  return changes;
}

/** One change in words, in the reader's language. */
export function describeChange(change: Change, locale: Locale): string {
  const none = { message: 'compatibility.none' } as const;
  const value = (v: string | null | undefined) => (v === null || v === undefined ? none : v);
  return t(locale, `compatibility.${change.type}`, {
    subject: value(change.subject),
    from: value(change.from),
    to: value(change.to),
    constraint: value(change.constraint),
  });
}
