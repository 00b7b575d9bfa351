import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { getMetadataArgsStorage } from 'typeorm';
import {
  defaultFieldResolver,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  type GraphQLField,
  type GraphQLFieldResolver,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  GraphQLSkipDirective,
  isLeafType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/**
 * Hot reads in one SQL statement, planned from the GraphQL selection (as
 * PostGraphile does): the statement returns the response's objects as JSON,
 * built with json_build_object and json_agg over correlated subqueries for
 * relations, keyed by each field's response key (its alias, or its name).
 *
 * Each GraphQL object type that can be read this way registers a SqlType: for
 * every one of its fields, how SQL produces it. The planner refuses at start-up
 * a registered type with a field it does not know (`planFieldResolvers`), so a
 * field added to the type cannot silently go unplanned.
 *
 * A planned object is a plain JSON object marked with PLANNED: never an
 * entity, so no business rule can mistake it for one. Its fields are read by
 * response key; fields that only our own code can produce (`delegate`) get
 * their resolver with just the values it reads, taken by the statement.
 */
export const PLANNED = '@';

/** A planned object: response keys to values (and PLANNED, and `@field` values of delegated fields). */
export type PlannedRow = Record<string, unknown>;

export function isPlanned(value: unknown): value is PlannedRow {
  return typeof value === 'object' && value !== null && (value as PlannedRow)[PLANNED] === true;
}

/** What a field spec may use while the statement is built. */
export interface PlanScope {
  /** A placeholder (`$n`) bound to `value`. */
  bind(value: unknown): string;
  /** A fresh table alias. */
  alias(prefix: string): string;
  /** The caller's organization, bound once (`$1`). */
  readonly organization: string;
  /** Values the root query gives its types' specs (a page size, a filter's placeholders). */
  readonly root: Readonly<Record<string, unknown>>;
}

/** A relation's rows: `FROM <from> WHERE <where> ORDER BY <orderBy>`, `alias` naming the row. */
export interface RelationSource {
  from: string;
  alias: string;
  where: string;
  orderBy?: string;
}

export type FieldSpec =
  /** A column of the row. */
  | { column: string }
  /** A scalar SQL expression on the row. */
  | { sql: (row: string, scope: PlanScope, args: Record<string, unknown>) => string }
  /** At most one related row of `type` (null when there is none). */
  | { one: string; source: (row: string, scope: PlanScope, args: Record<string, unknown>) => RelationSource }
  /** Related rows of `type`, in order. */
  | { many: string; source: (row: string, scope: PlanScope, args: Record<string, unknown>) => RelationSource }
  /** An object of `type` made of the same row's columns (null when `when` is false). */
  | { embedded: string; when?: (row: string) => string }
  /**
   * Produced by the field's own resolver, called with a parent holding only
   * these properties (SQL expressions on the row): for the few fields that
   * read another part of the system (a user by id, a summary).
   */
  | { delegate: Record<string, (row: string) => string> };

export interface SqlType {
  /** The GraphQL object type. */
  name: string;
  /** The TypeORM entity whose table rows hold it: its fields named like a column of the entity read that column. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity?: Function;
  /** Every other field (and any column field read differently). */
  fields: Record<string, FieldSpec>;
}

/** The columns of an entity (its own and inherited) by property name, from TypeORM's public metadata storage. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function entityColumns(entity: Function): Map<string, string> {
  const targets = new Set<unknown>();
  for (let target: unknown = entity; typeof target === 'function' && target !== Function.prototype; target = Object.getPrototypeOf(target))
    targets.add(target);
  const columns = new Map<string, string>();
  for (const column of getMetadataArgsStorage().columns) {
    if (targets.has(column.target) && !columns.has(column.propertyName))
      columns.set(column.propertyName, column.options.name ?? column.propertyName);
  }
  return columns;
}

/** A root query: its first parameters, and its rows (with what its types' specs read from `root`). */
export interface RootQuery {
  params: readonly unknown[];
  source: (scope: PlanScope) => RelationSource & { with?: string; limit?: string; root?: Record<string, unknown> };
}

/** What a root resolver hands its service and repository: the selection under the field being resolved. */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues' | 'schema' | 'returnType'>;

/** One field of a selection, merged over fragments and repeated keys. */
interface SelectedField {
  key: string;
  field: GraphQLField<unknown, unknown>;
  nodes: FieldNode[];
}

const MAX_PAIRS_PER_CALL = 50; // json_build_object takes at most 100 arguments

export class SqlPlanner {
  private readonly types = new Map<string, SqlType>();

  constructor(types: readonly SqlType[]) {
    for (const type of types) {
      if (this.types.has(type.name)) throw new Error(`SqlPlanner: ${type.name} is registered twice`);
      const fields: Record<string, FieldSpec> = {};
      if (type.entity) for (const [property, column] of entityColumns(type.entity)) fields[property] = { column };
      this.types.set(type.name, { ...type, fields: { ...fields, ...type.fields } });
    }
  }

  /**
   * The schema with every field of a registered type reading planned objects
   * by response key (and every other source as before). Refuses a registered
   * type that is not in the schema, or whose fields the registration does not
   * cover exactly.
   */
  planFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
    for (const type of this.types.values()) {
      const graphqlType = schema.getType(type.name);
      if (!isObjectType(graphqlType)) throw new Error(`SqlPlanner: ${type.name} is not an object type of the schema`);
      const fields = Object.keys(graphqlType.getFields());
      const missing = fields.filter((name) => !(name in type.fields));
      // Entity columns that are no GraphQL field are simply not read; fields registered by hand must exist.
      const columns = type.entity ? entityColumns(type.entity) : new Map<string, string>();
      const extra = Object.keys(type.fields).filter((name) => !fields.includes(name) && !columns.has(name));
      if (missing.length || extra.length) {
        throw new Error(
          `SqlPlanner: ${type.name} ${missing.length ? `has fields no SQL produces: ${missing.join(', ')}` : ''}${extra.length ? ` registers fields it does not have: ${extra.join(', ')}` : ''}`,
        );
      }
    }
    return mapSchema(schema, {
      [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
        const spec = this.types.get(typeName)?.fields[fieldName];
        if (!spec) return config;
        const original: GraphQLFieldResolver<unknown, unknown> = config.resolve ?? defaultFieldResolver;
        if ('delegate' in spec) {
          const key = `${PLANNED}${fieldName}`;
          return {
            ...config,
            resolve: (source, args, context, info) => original(isPlanned(source) ? source[key] : source, args, context, info),
          };
        }
        return {
          ...config,
          resolve: (source, args, context, info) => (isPlanned(source) ? source[info.path.key] : original(source, args, context, info)),
        };
      },
    });
  }

  /**
   * One statement reading `type` objects as the selection under the root field asks:
   * `[WITH …] SELECT <json> AS row FROM <from> WHERE <where> [ORDER BY …] [LIMIT …]`, one row per object.
   * `params` are bound first ($1 is the caller's organization); `root` is handed to every field spec.
   */
  select(type: string, selection: Selection, query: RootQuery): { text: string; params: unknown[] } {
    const params = [...query.params];
    let aliases = 0;
    const scope: PlanScope = {
      bind: (value) => `$${params.push(value)}`,
      alias: (prefix) => `${prefix}${aliases++}`,
      organization: '$1',
      root: {},
    };
    const source = query.source(scope);
    (scope as { root: Record<string, unknown> }).root = source.root ?? {};
    const object = this.object(type, source.alias, this.selectedUnder(selection, selection.fieldNodes, type), selection, scope);
    const text =
      `${source.with ? `WITH ${source.with} ` : ''}SELECT ${object} AS row FROM ${source.from} WHERE ${source.where}` +
      `${source.orderBy ? ` ORDER BY ${source.orderBy}` : ''}${source.limit ? ` LIMIT ${source.limit}` : ''}`;
    return { text, params };
  }

  /** The fields selected under `nodes` (their sub-selections merged), on `typeName`. */
  selectedUnder(selection: Selection, nodes: readonly FieldNode[], typeName: string): SelectedField[] {
    const type = selection.schema.getType(typeName) as GraphQLObjectType;
    const fields = type.getFields();
    const byKey = new Map<string, SelectedField>();
    const visit = (set: SelectionSetNode | undefined, fragmentsSeen: Set<string>) => {
      for (const node of set?.selections ?? []) {
        if (!this.included(node, selection)) continue;
        if (node.kind === Kind.FIELD) {
          const name = node.name.value;
          if (name.startsWith('__')) continue; // __typename: graphql-js answers it without a resolver
          const key = node.alias?.value ?? name;
          const found = byKey.get(key);
          if (found) found.nodes.push(node);
          else byKey.set(key, { key, field: fields[name], nodes: [node] });
        } else if (node.kind === Kind.INLINE_FRAGMENT) {
          if (!node.typeCondition || node.typeCondition.name.value === typeName) visit(node.selectionSet, fragmentsSeen);
        } else if (!fragmentsSeen.has(node.name.value)) {
          fragmentsSeen.add(node.name.value);
          const fragment: FragmentDefinitionNode | undefined = selection.fragments[node.name.value];
          if (fragment && fragment.typeCondition.name.value === typeName) visit(fragment.selectionSet, fragmentsSeen);
        }
      }
    };
    for (const node of nodes) visit(node.selectionSet, new Set());
    return [...byKey.values()];
  }

  private included(node: { directives?: readonly unknown[] } & Parameters<typeof getDirectiveValues>[1], selection: Selection): boolean {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, selection.variableValues)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, selection.variableValues)?.if !== false;
  }

  /** json_build_object of the selected fields of one `typeName` row named `row`. */
  private object(typeName: string, row: string, selected: SelectedField[], selection: Selection, scope: PlanScope): string {
    const type = this.types.get(typeName);
    if (!type) throw new Error(`SqlPlanner: ${typeName} is not registered`);
    const pairs: string[] = [`'${PLANNED}', true`];
    const delegated = new Set<string>();
    for (const { key, field, nodes } of selected) {
      const spec = type.fields[field.name];
      if (!spec) throw new Error(`SqlPlanner: ${typeName}.${field.name} is not registered`);
      if ('delegate' in spec) {
        if (delegated.has(field.name)) continue;
        delegated.add(field.name);
        const values = Object.entries(spec.delegate).map(([property, sql]) => `'${property}', ${sql(row)}`);
        pairs.push(`'${PLANNED}${field.name}', json_build_object(${values.join(', ')})`);
        continue;
      }
      pairs.push(`'${key}', ${this.value(spec, field, nodes, row, selection, scope)}`);
    }
    // json_build_object takes 100 arguments at most: larger objects are built in parts and joined.
    const chunks: string[] = [];
    for (let i = 0; i < pairs.length; i += MAX_PAIRS_PER_CALL)
      chunks.push(`jsonb_build_object(${pairs.slice(i, i + MAX_PAIRS_PER_CALL).join(', ')})`);
    return chunks.length === 1 ? chunks[0].replace(/^jsonb_/, 'json_') : `(${chunks.join(' || ')})`;
  }

  private value(
    spec: FieldSpec,
    field: GraphQLField<unknown, unknown>,
    nodes: FieldNode[],
    row: string,
    selection: Selection,
    scope: PlanScope,
  ): string {
    const args = getArgumentValues(field, nodes[0], selection.variableValues);
    const target = getNamedType(field.type);
    if ('column' in spec || 'sql' in spec) {
      const sql = 'column' in spec ? `${row}.${spec.column}` : spec.sql(row, scope, args);
      return isLeafType(target) ? leaf(target.name, sql) : sql;
    }
    if ('embedded' in spec) {
      const object = this.object(spec.embedded, row, this.selectedUnder(selection, nodes, spec.embedded), selection, scope);
      return spec.when ? `CASE WHEN ${spec.when(row)} THEN ${object} END` : object;
    }
    if ('one' in spec) {
      const source = spec.source(row, scope, args);
      const object = this.object(spec.one, source.alias, this.selectedUnder(selection, nodes, spec.one), selection, scope);
      return `(SELECT ${object} FROM ${source.from} WHERE ${source.where}${source.orderBy ? ` ORDER BY ${source.orderBy}` : ''} LIMIT 1)`;
    }
    if ('many' in spec) {
      const source = spec.source(row, scope, args);
      const object = this.object(spec.many, source.alias, this.selectedUnder(selection, nodes, spec.many), selection, scope);
      return `coalesce((SELECT json_agg(${object}${source.orderBy ? ` ORDER BY ${source.orderBy}` : ''}) FROM ${source.from} WHERE ${source.where}), '[]'::json)`;
    }
    throw new Error('SqlPlanner: a delegated field has no value of its own');
  }
}

/**
 * A scalar as JSON the GraphQL scalar serializes exactly as it does the
 * entity's value: numeric as text (exact), instants as ISO 8601 in UTC with
 * milliseconds (what Date.toISOString writes), the rest as PostgreSQL writes it.
 */
function leaf(scalar: string, sql: string): string {
  if (scalar === 'Decimal') return `(${sql})::text`;
  if (scalar === 'DateTime') return `to_char((${sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return sql;
}

/** The planner's answer for one root row: the JSON object, as pg parsed it. */
export function plannedRows(rows: readonly { row: PlannedRow }[]): PlannedRow[] {
  return rows.map((r) => r.row);
}
