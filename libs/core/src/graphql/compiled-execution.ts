import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { execute, type DocumentNode, type ExecutionResult, getOperationAST, GraphQLError, type GraphQLSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

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
 * compiled on the next: clients repeat the same few documents, and a client
 * sending ever new documents costs no compilation. Compiled operations are
 * kept per parsed document (Apollo Server keeps those in its bounded
 * document cache and hands the same object back for the same text), so they
 * go when the document does. Subscriptions do not come through here
 * (graphql-ws executes them with graphql-js), and an operation graphql-jit
 * declines stays interpreted.
 */
export class CompiledOperations {
  /** Per document and operation name: runs so far, or what it compiled to (false: stays interpreted). */
  private readonly operations = new WeakMap<DocumentNode, Map<string, number | CompiledQuery | false>>();

  /** `compileAfter`: interpreted runs before compiling; null: never compile. */
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly compileAfter: number | null,
  ) {}

  execute(args: { document: DocumentNode; operationName?: string | null; contextValue: unknown; variables?: Record<string, unknown> }): Promise<ExecutionResult> | ExecutionResult {
    const { document, contextValue, variables } = args;
    const operationName = args.operationName ?? undefined;
    const compiled = this.compileAfter === null ? undefined : this.compiled(document, operationName, this.compileAfter);
    if (compiled) {
      const result = compiled.query(undefined, contextValue, variables ?? {});
      // Variables it could not coerce come back at once, with no data and no resolver run. graphql-js
      // words those errors as callers (and Apollo's BAD_USER_INPUT mapping) know them: let it answer.
      if (!('then' in result)) return result.data === undefined ? this.interpret(args) : withPlainErrors(result);
      return result.then(withPlainErrors);
    }
    return this.interpret(args);
  }

  private interpret({ document, operationName, contextValue, variables }: Parameters<CompiledOperations['execute']>[0]) {
    return execute({ schema: this.schema, document, contextValue, variableValues: variables, operationName });
  }

  /** Whether the document's operation now runs compiled (for tests and metrics). */
  isCompiled(document: DocumentNode, operationName?: string): boolean {
    return typeof this.operations.get(document)?.get(operationName ?? '') === 'object';
  }

  private compiled(document: DocumentNode, operationName: string | undefined, compileAfter: number): CompiledQuery | undefined {
    let byName = this.operations.get(document);
    if (!byName) this.operations.set(document, (byName = new Map()));
    const key = operationName ?? '';
    const state = byName.get(key) ?? 0;
    if (state === false) return undefined;
    if (typeof state === 'object') return state;
    if (state < compileAfter) {
      byName.set(key, state + 1);
      return undefined;
    }
    const result = this.compile(document, operationName);
    byName.set(key, result ?? false);
    return result;
  }

  private compile(document: DocumentNode, operationName: string | undefined): CompiledQuery | undefined {
    const operation = getOperationAST(document, operationName);
    if (!operation || (operation.operation !== 'query' && operation.operation !== 'mutation')) return undefined;
    try {
      const result = compileQuery(this.schema, document, operationName, { disablingCapturingStackErrors: true });
      return isCompiledQuery(result) ? result : undefined;
    } catch {
      // graphql-js reports whatever made the compiler give up, as it always has.
      return undefined;
    }
  }
}

export type CompiledApolloDriverConfig = ApolloDriverConfig & {
  /** Interpreted runs of an operation before it is compiled; null: never compile (GRAPHQL_COMPILE_AFTER). */
  compileAfter: number | null;
};

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
      onSchemaLoadOrUpdate(callback: (schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      async load() {
        return {
          // Apollo's gateway request context: the document it parsed and validated, the operation's name, our context.
          executor: (request: { document: DocumentNode; operationName?: string | null; context: unknown; request: { variables?: Record<string, unknown> } }) =>
            operations.execute({ document: request.document, operationName: request.operationName, contextValue: request.context, variables: request.request.variables }),
        };
      },
      async stop() {},
    };
    return super.start({ ...options, gateway } as ApolloDriverConfig);
  }
}
