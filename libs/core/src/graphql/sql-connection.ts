import { COUNT_LIMIT } from './pagination.js';
import type { PlanScope, RelationSource, SqlType } from './sql-plan.js';

/**
 * Connections (`nodes`, `pageInfo`, `totalCount`) planned as one statement:
 * the root query puts the page's rows, one more than the page size, in a CTE
 * named `page`; `nodes` reads the first `size` of them, `pageInfo` says
 * whether there is one more and encodes the last row's cursor as
 * `encodeCursor` does (base64url of a JSON array), and `totalCount` is the
 * root's filter counted up to COUNT_LIMIT, only when selected.
 */
export interface PageRoot {
  /** `page`'s order, on an alias: `${a}.updated_at DESC, ${a}.id DESC`. */
  order: (alias: string) => string;
  /** The sort key of a row as a JSON array: what `after` decodes. */
  cursor: (alias: string) => string;
  /** A placeholder bound to the page size. */
  size: string;
  /** What a count counts: `table alias WHERE filter` (the page's filter without its cursor). */
  counted: string;
}

function pageOf(scope: PlanScope): PageRoot {
  const root = scope.root.page as PageRoot | undefined;
  if (!root) throw new Error('SqlPlanner: a connection is planned without a page (root.page)');
  return root;
}

/** The first `size` rows of `page`, in order. */
function firstRows(scope: PlanScope): RelationSource {
  const page = pageOf(scope);
  const a = scope.alias('pg');
  return {
    from: `(SELECT * FROM page ${a} ORDER BY ${page.order(a)} LIMIT ${page.size}) ${a}`,
    alias: a,
    where: 'true',
    orderBy: page.order(a),
  };
}

export const PAGE_INFO_SQL_TYPE: SqlType = {
  name: 'PageInfo',
  fields: {
    hasNextPage: { sql: (_row, scope) => `((SELECT count(*) FROM page) > ${pageOf(scope).size})` },
    endCursor: {
      sql: (_row, scope) => {
        const rows = firstRows(scope);
        const page = pageOf(scope);
        // The last row's cursor (null on an empty page), as base64url without padding like encodeCursor's
        // Buffer 'base64url'; PostgreSQL's base64 also wraps lines, which go too.
        return `(SELECT rtrim(translate(encode(convert_to(((json_agg(${page.cursor(rows.alias)} ORDER BY ${rows.orderBy})) -> -1)::text, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=') FROM ${rows.from})`;
      },
    },
  },
};

/** A connection type of `node` objects, read from the root's `page`. */
export function connectionSqlType(name: string, node: string): SqlType {
  return {
    name,
    fields: {
      nodes: { many: node, source: (_row, scope) => firstRows(scope) },
      pageInfo: { embedded: 'PageInfo' },
      totalCount: {
        sql: (_row, scope) =>
          `(SELECT least(count(*), ${COUNT_LIMIT})::int FROM (SELECT 1 FROM ${pageOf(scope).counted} LIMIT ${COUNT_LIMIT + 1}) c)`,
      },
      totalCountIsExact: {
        sql: (_row, scope) =>
          `((SELECT count(*) FROM (SELECT 1 FROM ${pageOf(scope).counted} LIMIT ${COUNT_LIMIT + 1}) c) <= ${COUNT_LIMIT})`,
      },
    },
  };
}
