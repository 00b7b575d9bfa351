import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';
import { withoutSuggestions } from '@anchorlink/core';

/**
 * GraphQL limits (OWASP GraphQL cheat sheet), set explicitly:
 * - depth: the deepest query the contract allows without revisiting a type is
 *   8 fields deep (recordGoodsReceipt → shipmentNotice → purchaseOrder → lines
 *   → part → supplierParts → supplier → id); the limit is that plus one;
 * - at most 15 aliases (`__typename` included), 50 directives and 2,000 tokens
 *   per document (variables are not tokens, so bulk forecasts and imports are
 *   unaffected);
 * - a cost limit that the portal's largest screens stay well below;
 * - 5 MiB per request: the HTTP body (a 10,000-part forecast is about 3 MB),
 *   and a subscription's payload over graphql-ws;
 * - in production, no suggestions and no limits in error messages.
 * Each is the caller's fault: BAD_USER_INPUT, HTTP 400 (413 for the body).
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 9,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxCost: 20_000,
  maxBodyBytes: 5 * 2 ** 20,
} as const;

/**
 * graphql-js's parser counts the tokens and stops past the limit with a
 * syntax error (GRAPHQL_PARSE_FAILED, HTTP 400), before building anything. A
 * plugin cannot do it as well: Apollo Server turns an error thrown from
 * `parsingDidStart` (or any hook before `didResolveOperation`) into an HTTP 500.
 */
export const GRAPHQL_PARSE_OPTIONS: ParseOptions = { maxTokens: GRAPHQL_LIMITS.maxTokens };

/** What graphql-js's parser says of a document past `maxTokens` (16.x words it "more that"). */
const TOKEN_LIMIT_MESSAGE = /Document contains more th[ae]t \d+ tokens/;

/**
 * A client error's message as production shows it: no suggestions ("Did you
 * mean …?", which describe the schema) and no limit's value.
 */
export function productionMessage(message: string): string {
  return TOKEN_LIMIT_MESSAGE.test(message) ? 'Syntax Error: Query validation error.' : withoutSuggestions(message);
}

export interface GraphQLArmor {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** Apollo Server's `parseOptions`: the token limit. */
  parseOptions: ParseOptions;
}

export function graphqlArmor(isProduction: boolean): GraphQLArmor {
  const armor = new ApolloArmor({
    maxDepth: { enabled: true, n: GRAPHQL_LIMITS.maxDepth, exposeLimits: !isProduction, flattenFragments: true },
    // armor leaves aliases of __typename out by default: 500 of them were served.
    maxAliases: { enabled: true, n: GRAPHQL_LIMITS.maxAliases, exposeLimits: !isProduction, allowList: [] },
    maxDirectives: { enabled: true, n: GRAPHQL_LIMITS.maxDirectives, exposeLimits: !isProduction },
    // Counted by graphql-js's parser (GRAPHQL_PARSE_OPTIONS): armor's plugin throws in parsingDidStart, an HTTP 500.
    maxTokens: { enabled: false },
    costLimit: {
      enabled: true,
      maxCost: GRAPHQL_LIMITS.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      exposeLimits: !isProduction,
    },
    // Its mask only knew `Did you mean "…"`: enum values ("Did you mean the enum value …") kept theirs.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    // graphql-armor is CommonJS: its Apollo types are the CJS twins of ours.
    plugins: [...(armor.plugins as never[]), ...(isProduction ? [productionErrorsPlugin()] : [])],
    validationRules: armor.validationRules,
    parseOptions: GRAPHQL_PARSE_OPTIONS,
  };
}

/**
 * In production, every error message as `productionMessage` words it, once
 * the answer is final: validation, variable coercion and syntax errors alike.
 */
function productionErrorsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
            const message = productionMessage(error.message);
            return message === error.message ? error : { ...error, message };
          });
        },
      };
    },
  };
}
