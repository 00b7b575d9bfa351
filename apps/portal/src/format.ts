/** Formatting without side effects (testable without a browser). */

/** A 0–1 rate as a whole-number percentage; "–" when there is nothing to measure. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${Math.round(rate * 100)}%`;
}

/** The calendar date in China (the API's business time zone), whatever the browser's zone: a night shift before 08:00 is still today. */
export function businessToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The last 90 days up to today (business dates), the scorecards' period. */
export function scorecardPeriod(now = new Date()): { from: string; to: string } {
  return { from: businessToday(new Date(now.getTime() - 89 * 86_400_000)), to: businessToday(now) };
}
