import { registerEnumType } from '@nestjs/graphql';

export enum BucketGranularity {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(BucketGranularity, { name: 'BucketGranularity' });

export const MAX_BUCKETS = 104;

function parse(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether a date can start a bucket: the Monday of an ISO week, or the 1st of a month. */
export function isBucketStart(granularity: BucketGranularity, date: string): boolean {
  const d = parse(date);
  return granularity === BucketGranularity.WEEK ? d.getUTCDay() === 1 : d.getUTCDate() === 1;
}

/** The start of bucket `index` of a horizon (0 is the horizon start). */
export function bucketStart(granularity: BucketGranularity, horizonStart: string, index: number): string {
  const d = parse(horizonStart);
  if (granularity === BucketGranularity.WEEK) {
    d.setUTCDate(d.getUTCDate() + 7 * index);
  } else {
    d.setUTCMonth(d.getUTCMonth() + index, 1);
  }
  return format(d);
}

export function bucketStarts(granularity: BucketGranularity, horizonStart: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => bucketStart(granularity, horizonStart, i));
}

/** ISO 8601 week label of a Monday, e.g. 2027-W01 (a week belongs to the year of its Thursday). */
export function isoWeek(monday: string): string {
  const thursday = parse(monday);
  thursday.setUTCDate(thursday.getUTCDate() + 3);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
