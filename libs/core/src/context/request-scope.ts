import type DataLoader from 'dataloader';

/**
 * A kind of per-request state: declared once, at module level, by the code
 * that owns it. The slot object itself is the key, so state cannot be reached
 * or cleared by a mistyped name, and its type travels with it.
 */
export class ScopeSlot<T> {
  constructor(
    /** For debugging only: two slots with one name are still two slots. */
    readonly name: string,
    readonly create: () => T,
  ) {}
}

/** The DataLoaders of one kind, one per variant (most kinds have only the default one). */
export class LoaderSlot<K, V> extends ScopeSlot<Map<string, DataLoader<K, V>>> {
  constructor(name: string) {
    super(name, () => new Map());
  }
}

/**
 * Everything a request caches (DataLoaders, lookups), created with the request
 * on its RequestContext. Nobody clears parts of it by hand: DatabaseGate
 * clears all of it when a mutation ends, because whatever was read before may
 * have changed (or been undone) by then.
 */
export class RequestScope {
  private readonly values = new Map<ScopeSlot<unknown>, unknown>();

  /** The slot's state in this request, created on first use. */
  get<T>(slot: ScopeSlot<T>): T {
    if (this.values.has(slot)) return this.values.get(slot) as T;
    const value = slot.create();
    this.values.set(slot, value);
    return value;
  }

  /** How many slots hold state (for tests). */
  get size(): number {
    return this.values.size;
  }

  clear(): void {
    this.values.clear();
  }
}
