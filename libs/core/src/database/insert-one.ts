import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/**
 * INSERT … RETURNING in one round trip, giving back the entity with its
 * generated columns (id, timestamps). `save()` would first SELECT to decide
 * between insert and update.
 */
export async function insertOne<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  values: DeepPartial<NoInfer<T>>,
): Promise<T> {
  // TypeORM writes RETURNING values back into the object it was given: give it a copy.
  const result = await em.insert(target, { ...values } as QueryDeepPartialEntity<T>);
  // What we inserted wins over what RETURNING echoes back (enum arrays come back unparsed).
  return em.create(target, { ...result.generatedMaps[0], ...values } as DeepPartial<T>);
}
