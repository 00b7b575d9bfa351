import decimalModule from 'decimal.js';

// decimal.js ships CommonJS typings for an ES-module default export; under
// `nodenext` TypeScript sees the namespace. At run time this is the constructor.
type DecimalConstructor = typeof import('decimal.js').Decimal;
export const Decimal = decimalModule as unknown as DecimalConstructor;
export type Decimal = InstanceType<DecimalConstructor>;
