import { describe, expect, it } from '@jest/globals';
import { isDecimal, lessThan, remaining } from './decimal.js';

describe('portal decimals (exact, never floats)', () => {
  it('subtracts to what is left, never below zero', () => {
    expect(remaining('10', '3')).toBe('7');
    expect(remaining('10.5', '0.25')).toBe('10.25');
    expect(remaining('0.3', '0.1')).toBe('0.2'); // 0.19999999999999998 in floating point
    expect(remaining('1250.000001', '1250')).toBe('0.000001');
    expect(remaining('3', '3')).toBe('0');
    expect(remaining('3', '4.5')).toBe('0');
    expect(remaining('99999999999999999.5', '0.5')).toBe('99999999999999999');
  });

  it('compares exactly', () => {
    expect(lessThan('0.1', '0.10')).toBe(false);
    expect(lessThan('9.999999', '10')).toBe(true);
    expect(lessThan('12', '12')).toBe(false);
    expect(lessThan('-1', '0')).toBe(true);
  });

  it('accepts what the API accepts and nothing else', () => {
    expect(['1', '1.5', '0.000001', ' 7 ', '-2'].map(isDecimal)).toEqual([true, true, true, true, true]);
    expect(['', '1e3', '1.0000001', '1,000', 'abc', '.5'].map(isDecimal)).toEqual([false, false, false, false, false, false]);
    expect(() => remaining('abc', '1')).toThrow(/not a decimal/);
  });
});
