import { describe, expect, it } from '@jest/globals';
import { businessToday, percent, scorecardPeriod } from './format.js';

describe('portal formatting', () => {
  it('shows rates as whole percentages and nothing measured as a dash', () => {
    expect(percent(0.956)).toBe('96%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBe('–');
    expect(percent(undefined)).toBe('–');
  });

  it('takes the last 90 days, today included, as calendar dates in China', () => {
    expect(scorecardPeriod(new Date('2026-11-28T10:00:00Z'))).toEqual({ from: '2026-08-31', to: '2026-11-28' });
    // 23:30 UTC is already the next morning in Shanghai.
    expect(businessToday(new Date('2026-11-28T23:30:00Z'))).toBe('2026-11-29');
    expect(businessToday(new Date('2026-11-28T15:59:00Z'))).toBe('2026-11-28');
  });
});
