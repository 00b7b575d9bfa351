import { describe, expect, it } from '@jest/globals';
import { RequestContext } from '../context/request-context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination.js';

const ctx = RequestContext.anonymous('test', 'en');

describe('pagination', () => {
  it('defaults first to 20 and caps it at 200', () => {
    expect(pageSize(ctx, undefined)).toBe(20);
    expect(pageSize(ctx, null)).toBe(20);
    expect(pageSize(ctx, 0)).toBe(0);
    expect(pageSize(ctx, 200)).toBe(200);
    expect(pageSize(ctx, 100_000)).toBe(200);
    expect(() => pageSize(ctx, -1)).toThrow('first must be between 0 and 200');
  });

  it('round-trips cursors and refuses tampered ones', () => {
    const cursor = encodeCursor(['YH-001', 'abc']);
    expect(decodeCursor(ctx, cursor, 2)).toEqual(['YH-001', 'abc']);
    expect(decodeCursor(ctx, null, 2)).toBeNull();
    expect(() => decodeCursor(ctx, cursor, 3)).toThrow('cursor');
    expect(() => decodeCursor(ctx, 'not base64 json', 2)).toThrow('cursor');
    expect(() => decodeCursor(ctx, encodeCursor([{}] as never), 1)).toThrow('cursor');
  });

  it('builds a page from size + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    expect(toPage(rows, 2, 3, (r) => [r.n])).toEqual({
      nodes: [{ n: 1 }, { n: 2 }],
      totalCount: 3,
      pageInfo: { hasNextPage: true, endCursor: encodeCursor([2]) },
    });
    expect(toPage([], 2, 0, () => []).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
