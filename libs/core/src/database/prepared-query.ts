import { createHash } from 'node:crypto';
import type { Sql } from './database-gate.js';

/**
 * The most-read statements run as named prepared statements (pg's `name`):
 * PostgreSQL parses them once per pooled connection and, once it has seen a
 * few executions, plans them once too. Planning was most of PostgreSQL's CPU
 * on a hot read (row-level security adds its policies, with their sub-plans,
 * to every statement it plans: about 0.5 ms for an order's lines with their
 * parts, against 0.1 ms to run it).
 *
 * A statement's name is a hash of its text, so one text is one prepared
 * statement on each connection, and no two texts share a name. Texts are
 * built from code, never from values (those are parameters), but some vary
 * with what a caller asks for (filters, selected fields). So each family of
 * texts (a name from code: "orders.list") gets at most MAX_TEXTS_PER_FAMILY
 * names; past that its new texts run unnamed (planned each time, never
 * wrong). A client that tries every filter combination can neither fill the
 * server's memory with plans nor take the names other reads depend on.
 */
const MAX_TEXTS_PER_FAMILY = 64;
const families = new Map<string, Map<string, string>>();

export function statementName(family: string, text: string): string | undefined {
  let names = families.get(family);
  if (!names) families.set(family, (names = new Map<string, string>()));
  let name = names.get(text);
  if (name === undefined && names.size < MAX_TEXTS_PER_FAMILY) {
    name = `al_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

/** Runs `text` on the request transaction's connection, as a prepared statement of `family` while the family has room. */
export function preparedQuery<T = Record<string, unknown>>(
  sql: Sql,
  family: string,
  text: string,
  params: readonly unknown[],
): Promise<T[]> {
  return sql.query<T>(text, params, statementName(family, text));
}

/**
 * `column = $n` for one id, `column = ANY($n::uuid[])` for several, with the
 * value to bind. One id is the common case (an order's page, a mutation, a
 * list's one anchor); as `= $n` PostgreSQL settles on a generic plan for the
 * prepared statement, while a one-element array keeps it planning every call.
 */
export function idsCondition(column: string, placeholder: string, ids: readonly string[]): [sql: string, value: unknown] {
  return ids.length === 1 ? [`${column} = ${placeholder}`, ids[0]] : [`${column} = ANY(${placeholder}::uuid[])`, ids];
}
