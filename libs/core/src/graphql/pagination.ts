import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { BadUserInputError } from '../errors/app-errors.js';
import type { RequestContext } from '../context/request-context.js';

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
    @Field(() => Int, { description: `The number of matching items; for orders and forecasts at most ${COUNT_LIMIT} (see totalCountIsExact).` })
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

export function decodeCursor(ctx: RequestContext, cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the error below
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
