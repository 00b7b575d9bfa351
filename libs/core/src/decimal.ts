import decimalModule from 'decimal.js';

// decimal.js ships CommonJS typings for an ES-module default export; under
// `nodenext` TypeScript sees the namespace. At run time this is the constructor.
type DecimalConstructor = typeof import('decimal.js').Decimal;
export const Decimal = decimalModule as unknown as DecimalConstructor;
export type Decimal = InstanceType<DecimalConstructor>;

/**
 * Wide enough to multiply and add numeric(24,6) values exactly (the default
 * precision, 20 significant digits, rounds a product of two such values).
 */
const Exact = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP });

/** The largest amount a numeric(30,6) column holds (purchase_orders.total_amount). */
export const MAX_AMOUNT = '999999999999999999999999.999999';

/** quantity × unit price, exactly. */
export function exactProduct(quantity: string, unitPrice: string): Decimal {
  return new Exact(quantity).times(unitPrice);
}

/** Whether an amount fits numeric(30,6) as PostgreSQL stores it (rounded half away from zero to 6 places). */
export function fitsAmount(value: Decimal): boolean {
  return new Exact(value).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).abs().lte(MAX_AMOUNT);
}
