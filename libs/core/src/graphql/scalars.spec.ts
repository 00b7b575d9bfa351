import { describe, expect, it } from '@jest/globals';
import { DateScalar, DecimalScalar, isCalendarDate, normalizeDecimal, parseDecimal } from './scalars.js';

describe('Decimal scalar', () => {
  it.each([
    ['1250.500', '1250.5'],
    ['0012', '12'],
    ['-0.0', '0'],
    ['-3.25', '-3.25'],
    ['999999999999999999.999999', '999999999999999999.999999'],
    ['0.000001', '0.000001'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });

  it.each(['1e3', '1.2.3', '', ' ', 'abc', '1,5', '1.1234567', '1234567890123456789', 'NaN', 'Infinity', '+1', '.5', '5.'])(
    'refuses %j',
    (input) => {
      expect(() => parseDecimal(input)).toThrow();
    },
  );

  it('refuses numbers: floats are not exact', () => {
    expect(() => DecimalScalar.parseValue(1.5)).toThrow(/string/);
    expect(() => DecimalScalar.parseValue(2)).toThrow(/string/);
  });

  it('writes database numerics without trailing zeros', () => {
    expect(DecimalScalar.serialize('125.500000')).toBe('125.5');
    expect(DecimalScalar.serialize('100.000000')).toBe('100');
    expect(normalizeDecimal('0.000000')).toBe('0');
  });

  it('normalizes as the plain rule says: no leading zeros but one, no trailing fractional zeros, no negative zero', () => {
    const reference = (value: string) => {
      let [intPart, fracPart = ''] = value.replace(/^-/, '').split('.');
      intPart = intPart.replace(/^0+(?=\d)/, '');
      fracPart = fracPart.replace(/0+$/, '');
      const text = fracPart ? `${intPart}.${fracPart}` : intPart;
      return value.startsWith('-') && text !== '0' ? `-${text}` : text;
    };
    const digits = (n: number) => Array.from({ length: n }, () => '0012345'[Math.floor(Math.random() * 7)]).join('');
    for (let i = 0; i < 5000; i++) {
      const value = `${Math.random() < 0.3 ? '-' : ''}${digits(1 + Math.floor(Math.random() * 6))}${Math.random() < 0.7 ? `.${digits(Math.floor(Math.random() * 7))}` : ''}`;
      expect([value, normalizeDecimal(value)]).toEqual([value, reference(value)]);
    }
  });
});

describe('Date scalar', () => {
  it.each(['2026-12-01', '2024-02-29', '2026-01-01', '2027-12-31'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
    expect(DateScalar.parseValue(d)).toBe(d);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-12-01', '2026-12-01T00:00:00Z', '0000-01-01', ''])(
    'refuses %j',
    (d) => {
      expect(isCalendarDate(d)).toBe(false);
      expect(() => DateScalar.parseValue(d)).toThrow();
    },
  );

  it('serializes Date objects and timestamps as the calendar date', () => {
    expect(DateScalar.serialize(new Date(Date.UTC(2026, 11, 7)))).toBe('2026-12-07');
    expect(DateScalar.serialize('2026-12-07')).toBe('2026-12-07');
  });
});
