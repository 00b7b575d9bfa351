/**
 * The calendar the portal's users live by. Dates without time (sunset dates,
 * delivery dates) are compared with "today" in China Standard Time.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the business time zone, "YYYY-MM-DD". */
export function businessToday(now: Date = new Date()): string {
  return formatter.format(now);
}
