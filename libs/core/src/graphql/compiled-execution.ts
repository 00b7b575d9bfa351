import type { BaseContext } from '@apollo/server';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import {
  BREAK,
  type DocumentNode,
  execute,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  parse,
  type SelectionSetNode,
  type ValueNode,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { countTokens } from './token-count.js';

/** What graphql-jit's literal encoding turns into code (see `isCompilable`): never in a compiled document. */
const GRAPHQL_JIT_MARKER = '__MAGIC_';
/**
 * What compiled operations may hold, in units of about 5 kB, least recently
 * used dropped first: about 20 MB. A compiled operation holds about 2–5 kB
 * per field (measured on this schema: the s2 list, 17 fields, 33 kB; 112
 * fields, 560 kB) plus its own parse of the text, about 280 bytes a token
 * (with locations; a document of one-character tokens holds 30 times as
 * much per character as a spaced-out one): it costs a unit per field
 * (fragments expanded) and a unit per 8 tokens, and the document the entry
 * is kept under costs its tokens once more.
 */
const COMPILED_BUDGET = 4_000;
const TOKENS_PER_UNIT = 8;
/** One document's compiled operations together: larger ones are refused, never dropped and compiled again in a loop. */
const MAX_DOCUMENT_COST = COMPILED_BUDGET / 10;
/** A document whose operations have more fields than this together is not compiled further. */
const MAX_COMPILED_FIELDS = 200;
/**
 * Longer texts, names and numbers are never compiled: graphql-jit writes
 * names and numbers into the code it generates (a name about ten times), so
 * a megabyte-long alias made tens of megabytes of code and a third of a
 * second of compiling; the field count does not see length.
 */
const MAX_COMPILED_SOURCE = 16 * 1024;
const MAX_COMPILED_NAME = 64;
const MAX_COMPILED_NUMBER = 32;
/** Literal lists and objects nest at most this deep (`{ status: [PUBLISHED] }` is 2): V8 keeps a template per level. */
const MAX_LITERAL_DEPTH = 2;
/** Literal values graphql-jit may see (see `isCompilable`). */
const PLAIN_LITERAL_KINDS = new Set<string>([Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.NULL, Kind.ENUM]);

/**
 * A variable, or a literal of numbers, booleans, nulls and enum values, in
 * lists and objects too. (Object keys are names, which `isCompilable` checks:
 * graphql-jit writes literal objects as JavaScript object literals, where a
 * `__proto__` key would set the prototype instead of adding a key.)
 */
function isPlainArgument(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  const literal = (node: ValueNode, depth: number): boolean =>
    (PLAIN_LITERAL_KINDS.has(node.kind) && !((node.kind === Kind.INT || node.kind === Kind.FLOAT) && node.value.length > MAX_COMPILED_NUMBER)) ||
    (depth < MAX_LITERAL_DEPTH && node.kind === Kind.LIST && node.values.every((item) => literal(item, depth + 1))) ||
    (depth < MAX_LITERAL_DEPTH && node.kind === Kind.OBJECT && node.fields.every((field) => literal(field.value, depth + 1)));
  return literal(value, 0);
}

/**
 * Whether graphql-jit may compile this operation. graphql-jit is fast but
 * not safe on every document, so only the plain shape clients send for
 * their hot reads and writes is compiled: values passed as variables, or
 * written as numbers, booleans and enum values (a status filter).
 * Refused, and run by graphql-js instead:
 * - any string literal, and any variable inside a list or object literal.
 *   graphql-jit writes literal values into the JavaScript it generates and
 *   turns strings that look like its internal date marker into code: a
 *   string literal could run code in the process (graphql-jit 0.8.9, the
 *   latest). It also turns a missing variable inside an object literal
 *   into null, and drops variables inside a JSON literal. (Enum values are
 *   names, which cannot hold the quotes and brackets code needs; and no
 *   text that mentions the marker at all is compiled.);
 * - any directive (`@skip`/`@include` with shared fragments give wrong
 *   results) and any variable default (a DateTime default stays a string);
 * - a response key with `_` other than `__typename` (graphql-jit joins the
 *   keys of a path with `_` to name each field's resolve info, so such
 *   aliases could hand a resolver another field's info);
 * - literal lists and objects nested deeper than MAX_LITERAL_DEPTH;
 * - any name starting with `__` but `__typename` (graphql-jit keeps
 *   variables and literal objects in plain objects, where `__proto__` sets
 *   the prototype: an argument vanished, a JSON record gained hidden
 *   fields), and any name, number or text longer than the limits above;
 * - more than MAX_COMPILED_FIELDS fields: a compiled operation holds
 *   tens of times its document's memory (see COMPILED_BUDGET).
 * fieldCount counts a selection once; with interfaces or unions graphql-jit
 * compiles it once per possible type. The schema has none: if one is added,
 * count them in.
 */
export function isCompilable(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  return compilableFields(document, operation) !== undefined;
}

/** The operation's field count (fragments expanded) when it may be compiled (see isCompilable), else undefined. */
function compilableFields(document: DocumentNode, operation: OperationDefinitionNode): number | undefined {
  if (operation.operation !== OperationTypeNode.QUERY && operation.operation !== OperationTypeNode.MUTATION) return undefined;
  let plain = true;
  visit(document, {
    Name(node) {
      if (node.value.length > MAX_COMPILED_NAME || (node.value.startsWith('__') && node.value !== '__typename')) {
        plain = false;
        return BREAK;
      }
      return undefined;
    },
    Directive() {
      plain = false;
      return BREAK;
    },
    VariableDefinition(node) {
      if (node.defaultValue) {
        plain = false;
        return BREAK;
      }
      return undefined;
    },
    Argument(node) {
      if (!isPlainArgument(node.value)) {
        plain = false;
        return BREAK;
      }
      return undefined;
    },
    Field(node) {
      const key = (node.alias ?? node.name).value;
      if (key.includes('_') && key !== '__typename') {
        plain = false;
        return BREAK;
      }
      return undefined;
    },
  });
  if (!plain) return undefined;
  const fields = fieldCount(document, operation.selectionSet, MAX_COMPILED_FIELDS);
  return fields <= MAX_COMPILED_FIELDS ? fields : undefined;
}

/** Fields of a selection with fragments expanded, counting stops past `limit` (validation has ruled out cycles). */
function fieldCount(document: DocumentNode, selectionSet: SelectionSetNode, limit: number): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (count > limit) break;
    if (selection.kind === Kind.FIELD) {
      count += 1;
      if (selection.selectionSet) count += fieldCount(document, selection.selectionSet, limit - count);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += fieldCount(document, selection.selectionSet, limit - count);
    } else {
      const fragment = document.definitions.find(
        (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment) count += fieldCount(document, fragment.selectionSet, limit - count);
    }
  }
  return count;
}

interface CompiledDocument {
  /** By operation name ('' for the document's only, unnamed operation). */
  operations: Map<string, CompiledQuery>;
  /** Their fields together (at most MAX_COMPILED_FIELDS). */
  fields: number;
  /** What the entry counts against COMPILED_BUDGET. */
  cost: number;
}

export interface OperationRequest {
  /** Apollo's parsed and validated document (the same object for the same text while Apollo keeps it). */
  document: DocumentNode;
  /** Its text, parsed again for graphql-jit, which writes onto the AST it compiles. */
  source: string;
  /** The operation Apollo resolved; undefined when the client named none that exists. */
  operation?: OperationDefinitionNode | null;
  /** The name the client sent. */
  operationName?: string | null;
  contextValue: unknown;
  variables?: Record<string, unknown>;
}

/**
 * Runs GraphQL operations through graphql-jit once they have been seen a few times.
 *
 * graphql-js interprets every operation field by field: for each field of
 * each row it builds an argument map (even for fields without arguments), a
 * path and a result object, and checks the field's type at run time. In a
 * list of 50 orders with 250 lines that was over half of the memory a
 * request allocated. graphql-jit compiles an operation once into a function
 * that does only what that operation needs; the resolvers, scalars and
 * errors are the schema's own.
 *
 * An operation runs interpreted for its first `compileAfter` runs and is
 * compiled on the next, if `isCompilable` allows it: clients repeat the same
 * few documents, and a client sending ever new documents costs no
 * compilation. Compiled operations are kept within COMPILED_BUDGET; one
 * dropped counts its runs again from zero. Subscriptions do not come
 * through here (graphql-ws executes them with graphql-js).
 */
export class CompiledOperations {
  /** Per document and operation name: interpreted runs so far, or false when it is never compiled. */
  private readonly runs = new WeakMap<DocumentNode, Map<string, number | false>>();
  private readonly compiledDocuments = new LRUCache<DocumentNode, CompiledDocument>({
    maxSize: COMPILED_BUDGET,
    sizeCalculation: (entry) => entry.cost,
  });

  /** `compileAfter`: interpreted runs before compiling; null: never compile. */
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly compileAfter: number | null,
  ) {}

  execute(request: OperationRequest): Promise<ExecutionResult> | ExecutionResult {
    const compiled = this.compileAfter === null || !request.operation ? undefined : this.compiled(request, request.operation, this.compileAfter);
    if (compiled) {
      const result = compiled.query(undefined, request.contextValue, request.variables ?? {});
      // Variables it could not coerce come back at once, with no data and no resolver run. graphql-js
      // words those errors as callers (and Apollo's BAD_USER_INPUT mapping) know them: let it answer.
      if (!('then' in result)) return result.data === undefined ? this.interpret(request) : withPlainErrors(result);
      return result.then(withPlainErrors);
    }
    return this.interpret(request);
  }

  /** Whether the document's operation now runs compiled (for tests). */
  isCompiled(document: DocumentNode, operationName?: string | null): boolean {
    return this.compiledDocuments.peek(document)?.operations.has(operationName ?? '') ?? false;
  }

  /** What the compiled operations kept count against their budget (for tests). */
  get compiledCost(): number {
    return this.compiledDocuments.calculatedSize;
  }

  private interpret({ document, operationName, contextValue, variables }: OperationRequest): Promise<ExecutionResult> | ExecutionResult {
    return execute({ schema: this.schema, document, contextValue, variableValues: variables, operationName });
  }

  private compiled(request: OperationRequest, operation: OperationDefinitionNode, compileAfter: number): CompiledQuery | undefined {
    const { document } = request;
    const key = request.operationName ?? '';
    const entry = this.compiledDocuments.get(document);
    const known = entry?.operations.get(key);
    if (known) return known;
    let byName = this.runs.get(document);
    if (!byName) this.runs.set(document, (byName = new Map()));
    const runs = byName.get(key) ?? 0;
    if (runs === false) return undefined;
    if (runs < compileAfter) {
      byName.set(key, runs + 1);
      return undefined;
    }
    const fields =
      request.source.length > MAX_COMPILED_SOURCE || request.source.includes(GRAPHQL_JIT_MARKER) ? undefined : compilableFields(document, operation);
    const textCost = fields === undefined ? 0 : Math.ceil(countTokens(request.source) / TOKENS_PER_UNIT);
    // The entry's first operation also pays for the document it is kept under.
    const cost = (entry?.cost ?? textCost) + (fields ?? 0) + textCost;
    const fits = fields !== undefined && (entry?.fields ?? 0) + fields <= MAX_COMPILED_FIELDS && cost <= MAX_DOCUMENT_COST;
    const compiled = fits ? this.compile(request.source, request.operationName ?? undefined) : undefined;
    if (!compiled) {
      byName.set(key, false);
      return undefined;
    }
    // A new entry object each time: lru-cache counts a size again only when the value changes.
    const operations = new Map(entry?.operations).set(key, compiled);
    this.compiledDocuments.set(document, { operations, fields: (entry?.fields ?? 0) + fields!, cost });
    // Dropped from the cache later, it runs interpreted `compileAfter` times again before compiling.
    byName.set(key, 0);
    return compiled;
  }

  private compile(source: string, operationName: string | undefined): CompiledQuery | undefined {
    try {
      const result = compileQuery(this.schema, parse(source), operationName, { disablingCapturingStackErrors: true });
      return isCompiledQuery(result) ? result : undefined;
    } catch {
      // graphql-js reports whatever made the compiler give up, as it always has.
      return undefined;
    }
  }
}

/**
 * graphql-jit's errors are GraphQLErrors in name only: an error it raises
 * itself, or one from a resolver that threw something without
 * `extensions`, has none, and Apollo Server's error formatting reads
 * `extensions.code` and fails on it (the caller would get Apollo's bare
 * fallback instead of our wording and request id). Each becomes the
 * GraphQLError graphql-js would have made: same message, path, locations
 * and original error, `extensions` from the original error or empty.
 */
function withPlainErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const plain = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
      if (error.locations) (plain as { locations?: unknown }).locations = error.locations;
      return plain;
    }),
  };
}

/** What the executor reads of Apollo Server's GatewayGraphQLRequestContext. */
interface GatewayRequest {
  document: DocumentNode;
  source: string;
  operation?: OperationDefinitionNode | null;
  context: unknown;
  request: { operationName?: string | null; variables?: Record<string, unknown> };
}

export type CompiledApolloDriverConfig = ApolloDriverConfig & {
  /** Interpreted runs of an operation before it is compiled; null: never compile (GRAPHQL_COMPILE_AFTER). */
  compileAfter: number | null;
};

/**
 * The Apollo driver with operations executed by CompiledOperations. Apollo
 * Server's only hook for another executor is its gateway interface: the
 * gateway here serves the schema NestJS built, unchanged, so validation,
 * plugins and error formatting work as before.
 */
@Injectable()
export class CompiledApolloDriver extends ApolloDriver {
  override async start({ compileAfter, ...options }: CompiledApolloDriverConfig): Promise<void> {
    const schema = options.schema!;
    const operations = new CompiledOperations(schema, compileAfter);
    const gateway = {
      onSchemaLoadOrUpdate(callback: (schemaContext: { apiSchema: GraphQLSchema }) => void) {
        callback({ apiSchema: schema });
        return () => undefined;
      },
      async load() {
        return {
          // Apollo's gateway request context: the document it parsed and validated, the operation it
          // resolved from the client's operation name (none when that name matches nothing), our context.
          executor: (request: GatewayRequest) =>
            operations.execute({
              document: request.document,
              source: request.source,
              operation: request.operation,
              operationName: request.request.operationName,
              contextValue: request.context,
              variables: request.request.variables,
            }),
        };
      },
      async stop() {},
    };
    // Apollo Server ignores `schema` when it has a gateway; NestJS still reads it (graphql-ws subscriptions).
    return super.start({ ...options, gateway } as ApolloDriverConfig);
  }

  /** The context function the Express route gives Apollo Server (NestJS wraps ours): for the direct HTTP route (apps/api graphql-http). */
  httpContext: ((args: { req: unknown; res: unknown }) => Promise<BaseContext>) | undefined;

  protected override async registerExpress(options: ApolloDriverConfig, hooks?: { preStartHook?: () => void }): Promise<void> {
    await super.registerExpress(options, hooks);
    this.httpContext = options.context as typeof this.httpContext;
  }
}
