import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * The most-read statements run as named prepared statements: PostgreSQL
 * parses them once per pooled connection and, once it has seen a few
 * executions, plans them once too. Planning was most of PostgreSQL's CPU on
 * a hot read (row-level security adds its policies, with their sub-plans, to
 * every statement it plans: about 0.5 ms for an order's lines with their
 * parts, against 0.1 ms to run it).
 *
 * A statement's name is a hash of its text, so one text is one prepared
 * statement on each connection, and no two texts share a name. Only texts
 * built from code go through here (parameters are values, never spliced
 * in), so their number is bounded; past MAX_NAMED distinct texts, statements
 * run unnamed instead, so a caller that builds texts from data cannot fill
 * the server's memory with plans.
 */
const MAX_NAMED = 500;
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `al_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

export async function preparedQuery<T = Record<string, unknown>>(em: EntityManager, text: string, params: readonly unknown[]): Promise<T[]> {
  const name = nameOf(text);
  // TypeORM hands its argument to pg's client.query unchanged, and pg takes a { name, text } config with the values beside it.
  const query = name === undefined ? text : ({ name, text } as unknown as string);
  return (await em.query(query, params as unknown[])) as T[];
}
