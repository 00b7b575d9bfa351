/** Formatting without side effects (testable without a browser). */

/** A 0–1 rate as a whole-number percentage; "–" when there is nothing to measure. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${Math.round(rate * 100)}%`;
}

/** The last 90 days up to today, as calendar dates (the scorecards' period). */
export function scorecardPeriod(today = new Date()): { from: string; to: string } {
  const to = today.toISOString().slice(0, 10);
  const from = new Date(today.getTime() - 89 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}
