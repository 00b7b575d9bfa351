import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';

/**
 * Exact decimals travel as strings ("1250.5"), never floats: at most 18
 * integer and 6 fractional digits, which is what numeric(24,6) columns hold.
 */
const DECIMAL_PATTERN = /^(-?)(\d{1,18})(?:\.(\d{1,6}))?$/;

export function parseDecimal(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError('Decimal must be a string such as "1250.5"', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const match = DECIMAL_PATTERN.exec(value.trim());
  if (!match) {
    throw new GraphQLError(`"${value.slice(0, 40)}" is not a decimal with at most 18 integer and 6 fractional digits`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return normalizeDecimal(value.trim());
}

/** "0012.500" → "12.5", "-0.0" → "0": one spelling per value. */
export function normalizeDecimal(value: string): string {
  // Every Decimal of every response passes here (PostgreSQL writes numeric(24,6) as "10.000000"): char codes, not regular expressions.
  const negative = value.charCodeAt(0) === 45; // '-'
  const dot = value.indexOf('.');
  const intEnd = dot < 0 ? value.length : dot;
  let end = value.length;
  if (dot >= 0) {
    while (end > dot + 1 && value.charCodeAt(end - 1) === 48) end--; // trailing '0's
    if (end === dot + 1) end = dot; // and the '.' when nothing is left after it
  }
  let start = negative ? 1 : 0;
  while (start < intEnd - 1 && value.charCodeAt(start) === 48) start++; // leading '0's, keeping one digit
  const text = start === 0 && end === value.length ? value : value.slice(start, end);
  return negative && text !== '0' ? `-${text}` : text;
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1250.5"; at most 18 integer and 6 fractional digits.',
  serialize: (value) => {
    if (typeof value === 'string') return normalizeDecimal(value);
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    throw new GraphQLError('Decimal cannot represent a non-string value');
  },
  parseValue: parseDecimal,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Decimal must be a string literal such as "1250.5"', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parseDecimal(ast.value);
  },
});

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 9999 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`${JSON.stringify(value)?.slice(0, 40)} is not a calendar date (YYYY-MM-DD)`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time, "2026-12-01".',
  serialize: (value) => {
    if (typeof value === 'string') return value.slice(0, 10);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue: parseDate,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date must be a string such as "2026-12-01"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDate(ast.value);
  },
});

export const JSONScalar = GraphQLJSON;

const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && DATE_TIME_PATTERN.test(value) && isCalendarDate(value.slice(0, 10))) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraphQLError(`${JSON.stringify(value)?.slice(0, 40)} is not a date-time with a time zone (2026-12-01T08:00:00Z)`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** An instant in ISO 8601 with a time zone (UTC on output), between the years 1900 and 9999. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with a time zone, e.g. "2026-12-01T08:00:00Z"; always UTC on output.',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string such as "2026-12-01T08:00:00Z"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDateTime(ast.value);
  },
});
