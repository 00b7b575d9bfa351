import DataLoader from 'dataloader';
import type { RequestContext } from './request-context.js';
import type { LoaderSlot } from './request-scope.js';

/**
 * A DataLoader that lives as long as the request: created on first use and
 * kept on the RequestContext, so field resolvers batch their lookups and run
 * them in the request's own tenant transaction.
 *
 * A failed batch is kept as each key's answer. DataLoader would forget it, and
 * the next load of the key would ask again inside the transaction the failure
 * aborted, answering "current transaction is aborted" instead of the cause (a
 * read begun ahead of its field, as an order's lines, is the common case). The
 * end of every mutation clears the request's scope (DatabaseGate.savepoint).
 *
 * `variant` separates loaders of one kind whose batches differ by a parameter
 * (a forecast's buckets for one part).
 */
export function requestLoader<K, V>(
  ctx: RequestContext,
  slot: LoaderSlot<K, V>,
  batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>,
  variant = '',
): DataLoader<K, V> {
  const loaders = ctx.scope.get(slot);
  let loader = loaders.get(variant);
  if (!loader) {
    const keepingFailures = async (keys: readonly K[]): Promise<ArrayLike<V | Error>> => {
      try {
        return await batch(keys);
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        return keys.map(() => failure);
      }
    };
    loader = new DataLoader<K, V>(keepingFailures, { maxBatchSize: 1000 });
    loaders.set(variant, loader);
  }
  return loader;
}

/** Orders rows to match `keys` (DataLoader's contract), with `fallback` for keys without a row. */
export function byKeys<K, R, V = R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K, fallback: V | null = null): (R | V | null)[] {
  const map = new Map<K, R>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? fallback);
}

/** Groups rows by key, in the order of `keys`: for one-to-many fields. */
export function groupByKeys<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = map.get(key);
    if (group) group.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}
