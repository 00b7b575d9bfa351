import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { BadUserInputError } from '../errors/app-errors.js';
import type { RequestContext } from '../context/request-context.js';
import { isUuid } from '../ids.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;
/**
 * Large lists (orders, forecasts) count at most this many rows: a count must not walk an organization's
 * whole history for every page. Above it, totalCount is this number and totalCountIsExact false.
 */
export const COUNT_LIMIT = 10_000;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/**
 * A total, or how to count it. A count runs only when a client selects
 * `totalCount` (the page exposes it as a lazy getter), and then after the
 * page, in the same transaction.
 */
export type TotalCount = number | (() => Promise<number>);

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
  totalCountIsExact: boolean;
}

/**
 * The base of the contract's `XConnection` types. Extend it and name the
 * subclass: `@ObjectType('PartConnection') class PartConnection extends Connection(Part) {}`.
 */
export function Connection<T>(node: Type<T>): Type<Page<T>> {
  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements Page<T> {
    @Field(() => [node])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    /** Counted only when selected (a function the field's resolver calls), or known. */
    @Field(() => Int, {
      description: `The number of matching items; for orders and forecasts at most ${COUNT_LIMIT} (see totalCountIsExact).`,
    })
    totalCount: number | Promise<number>;

    @Field(() => Boolean, { description: `False when more items match than totalCount says (it stops counting at ${COUNT_LIMIT}).` })
    totalCountIsExact: boolean;
  }
  return ConnectionType as Type<Page<T>>;
}

/** `first` as the contract defines it: default 20, capped at 200, never negative. */
export function pageSize(ctx: RequestContext, first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) {
    throw new BadUserInputError(ctx.t('pagination.firstRange', { max: MAX_PAGE_SIZE }), { field: 'first' });
  }
  return Math.min(first, MAX_PAGE_SIZE);
}

/** Cursors are opaque to clients: base64url of the sort key values of the last row. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What one component of a cursor holds, checked where the cursor is decoded,
 * before any SQL sees it (a cursor is the client's to forge):
 * - `uuid`: a row id;
 * - `timestamp`: a UTC instant as `toISOString()` (or PostgreSQL with
 *   microseconds) writes it, `YYYY-MM-DDTHH:MM:SS[.f{1,6}]Z`, a real date in
 *   the years 1900–9999;
 * - `text`: a sort key such as a part number: a string of at most
 *   MAX_CURSOR_TEXT characters, without NUL (which PostgreSQL text cannot hold).
 */
export type CursorPart = 'uuid' | 'timestamp' | 'text';

/** Longer cursors are refused unread: ours are about a hundred characters. */
const MAX_CURSOR_LENGTH = 1024;
const MAX_CURSOR_TEXT = 256;
const CURSOR_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?Z$/;

function isCursorTimestamp(value: string): boolean {
  const match = CURSOR_TIMESTAMP.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1900) return false;
  // Date.UTC rolls 31 February over into March and 24:00 into the next day: a real instant reads back the same.
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    at.getUTCFullYear() === year &&
    at.getUTCMonth() === month - 1 &&
    at.getUTCDate() === day &&
    at.getUTCHours() === hour &&
    at.getUTCMinutes() === minute &&
    at.getUTCSeconds() === second
  );
}

function isCursorPart(value: unknown, part: CursorPart): value is string {
  if (typeof value !== 'string') return false;
  switch (part) {
    case 'uuid':
      return isUuid(value);
    case 'timestamp':
      return isCursorTimestamp(value);
    case 'text':
      return value.length <= MAX_CURSOR_TEXT && !value.includes('\u0000');
  }
}

/**
 * The components of a cursor made by `encodeCursor`, each checked against
 * its `parts`; null when there is none. Anything else, however well formed
 * its base64 or JSON, is BAD_USER_INPUT "invalid cursor".
 */
export function decodeCursor<const P extends readonly CursorPart[]>(
  ctx: RequestContext,
  cursor: string | null | undefined,
  parts: P,
): { -readonly [K in keyof P]: string } | null {
  if (cursor === null || cursor === undefined) return null;
  if (cursor.length <= MAX_CURSOR_LENGTH) {
    let values: unknown;
    try {
      values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      values = undefined;
    }
    if (Array.isArray(values) && values.length === parts.length && parts.every((part, i) => isCursorPart(values[i], part))) {
      return values as { -readonly [K in keyof P]: string };
    }
  }
  throw new BadUserInputError(ctx.t('pagination.cursorInvalid'), { field: 'after' });
}

/** Given up to `size + 1` rows, the page and its info. */
export function toPage<T>(rows: T[], size: number, totalCount: TotalCount, cursorOf: (row: T) => (string | number)[]): Page<T> {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  const page = {
    nodes,
    pageInfo: { hasNextPage: rows.length > size, endCursor: last ? encodeCursor(cursorOf(last)) : null },
    totalCountIsExact: true,
  } as Page<T>;
  if (typeof totalCount === 'number') {
    page.totalCount = totalCount;
  } else {
    let counted: Promise<number> | undefined;
    Object.defineProperty(page, 'totalCount', { enumerable: true, get: () => (counted ??= totalCount()) });
  }
  return page;
}
