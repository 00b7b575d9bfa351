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
    const id = '0b6a8d1e-3c2f-4e5a-9b7c-1d2e3f4a5b6c';
    const cursor = encodeCursor(['YH-001', id]);
    expect(decodeCursor(ctx, cursor, ['text', 'uuid'])).toEqual(['YH-001', id]);
    expect(decodeCursor(ctx, null, ['text', 'uuid'])).toBeNull();
    expect(() => decodeCursor(ctx, cursor, ['text', 'uuid', 'text'])).toThrow('cursor');
    expect(() => decodeCursor(ctx, 'not base64 json', ['text'])).toThrow('cursor');
    expect(() => decodeCursor(ctx, encodeCursor([{}] as never), ['text'])).toThrow('cursor');
  });

  it('checks each component for what it holds', () => {
    const id = '0b6a8d1e-3c2f-4e5a-9b7c-1d2e3f4a5b6c';
    const at = (value: unknown) => () => decodeCursor(ctx, encodeCursor([value as string, id]), ['timestamp', 'uuid']);
    expect(at('2026-12-01T08:00:00.000Z')()).toEqual(['2026-12-01T08:00:00.000Z', id]);
    expect(at('2026-12-01T08:00:00.123456Z')()).toEqual(['2026-12-01T08:00:00.123456Z', id]);
    expect(at('2026-12-01T08:00:00Z')()).toEqual(['2026-12-01T08:00:00Z', id]);
    for (const bad of [
      'yesterday',
      '12345',
      2026,
      '2026-02-31T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '1899-12-31T00:00:00Z',
      '2026-12-01T08:00:00+08:00',
      '2026-12-01 08:00:00',
      '',
    ]) {
      expect(at(bad)).toThrow('The pagination cursor is not valid');
    }
    expect(() => decodeCursor(ctx, encodeCursor(['2026-12-01T08:00:00Z', 'nope']), ['timestamp', 'uuid'])).toThrow('cursor');
    expect(() => decodeCursor(ctx, encodeCursor(['a\u0000b', id]), ['text', 'uuid'])).toThrow('cursor');
    expect(() => decodeCursor(ctx, encodeCursor(['x'.repeat(257), id]), ['text', 'uuid'])).toThrow('cursor');
    expect(() => decodeCursor(ctx, encodeCursor([1e308, id]), ['text', 'uuid'])).toThrow('cursor');
    // Long cursors are refused before they are decoded.
    expect(() => decodeCursor(ctx, 'A'.repeat(1025), ['text'])).toThrow('cursor');
  });

  it('builds a page from size + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    expect(toPage(rows, 2, 3, (r) => [r.n])).toEqual({
      nodes: [{ n: 1 }, { n: 2 }],
      totalCount: 3,
      totalCountIsExact: true,
      pageInfo: { hasNextPage: true, endCursor: encodeCursor([2]) },
    });
    expect(toPage([], 2, 0, () => []).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
