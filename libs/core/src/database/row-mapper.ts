import type { EntityMetadata } from 'typeorm';

export interface RowMapper<T> {
  /** The select list: `alias.column AS "alias__property"` for every column of the entity. */
  select: string;
  /** A row of that select list as an entity instance. */
  map: (row: Record<string, unknown>) => T;
}

/**
 * For hot reads in raw SQL: maps rows to entity instances with a list of
 * (column, property) pairs computed once, instead of TypeORM's per-row
 * metadata walk (a sixth of the time of an order list). The pg driver already
 * gives Dates, numeric strings and parsed JSON, which is what the entities hold.
 * With `only`, just those properties are read (the others stay undefined).
 */
export function rowMapper<T>(metadata: EntityMetadata, alias: string, only?: ReadonlySet<string>): RowMapper<T> {
  // Relation-only join columns would put an id where an object belongs: entities here declare the id column explicitly.
  const relations = new Set(metadata.relations.map((r) => r.propertyName));
  const columns = metadata.columns
    .filter((c) => !relations.has(c.propertyName) && (!only || only.has(c.propertyName)))
    .map((c) => ({ column: c.databaseName, property: c.propertyName, key: `${alias}__${c.propertyName}` }));
  const target = metadata.target as new () => T;
  return {
    select: columns.map((c) => `${alias}.${c.column} AS "${c.key}"`).join(', '),
    map: (row) => {
      const entity = new target() as Record<string, unknown>;
      for (const c of columns) entity[c.property] = row[c.key];
      return entity as T;
    },
  };
}
