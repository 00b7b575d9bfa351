import { describe, expect, it } from '@jest/globals';
import { BucketGranularity, bucketStart, bucketStarts, isBucketStart, isoWeek } from './buckets.js';

describe('bucket arithmetic', () => {
  it('starts weekly buckets on ISO Mondays, across a year boundary', () => {
    expect(isBucketStart(BucketGranularity.WEEK, '2026-12-28')).toBe(true);
    expect(isBucketStart(BucketGranularity.WEEK, '2026-12-27')).toBe(false);
    expect(bucketStarts(BucketGranularity.WEEK, '2026-12-21', 4)).toEqual(['2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11']);
    expect(isoWeek('2026-12-28')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2026-01-05')).toBe('2026-W02');
  });

  it('starts monthly buckets on the 1st, through short months and leap years', () => {
    expect(isBucketStart(BucketGranularity.MONTH, '2027-02-01')).toBe(true);
    expect(isBucketStart(BucketGranularity.MONTH, '2027-02-02')).toBe(false);
    expect(bucketStarts(BucketGranularity.MONTH, '2026-11-01', 5)).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
      '2027-02-01',
      '2027-03-01',
    ]);
    expect(bucketStart(BucketGranularity.MONTH, '2027-12-01', 104)).toBe('2036-08-01');
    expect(bucketStart(BucketGranularity.WEEK, '2026-12-07', 103)).toBe('2028-11-27');
  });
});
