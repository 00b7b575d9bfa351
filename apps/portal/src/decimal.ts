/**
 * Exact arithmetic on the API's decimal strings (numeric(24,6)) for the few
 * sums the portal makes itself, such as a default quantity still to ship.
 * Never through floating point.
 */
const SCALE = 6;

function toUnits(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`not a decimal: ${value}`);
  const units = BigInt(match[2] + (match[3] ?? '').padEnd(SCALE, '0').slice(0, SCALE));
  return match[1] ? -units : units;
}

function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(SCALE + 1, '0');
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${digits.slice(0, -SCALE)}${fraction ? `.${fraction}` : ''}`;
}

/** `total - done`, or "0" when nothing remains. */
export function remaining(total: string, done: string): string {
  const rest = toUnits(total) - toUnits(done);
  return rest > 0n ? fromUnits(rest) : '0';
}

/** Whether `a < b`. */
export function lessThan(a: string, b: string): boolean {
  return toUnits(a) < toUnits(b);
}

/** Whether the text is a decimal the API accepts (up to six places, no exponent). */
export function isDecimal(value: string): boolean {
  return /^-?\d+(\.\d{1,6})?$/.test(value.trim());
}
