import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { countTokens } from '@anchorlink/core';

/**
 * GraphQL limits (OWASP GraphQL cheat sheet), set explicitly:
 * - depth: the deepest query the contract allows without revisiting a type is
 *   8 fields deep (recordGoodsReceipt → shipmentNotice → purchaseOrder → lines
 *   → part → supplierParts → supplier → id); the limit is that plus one;
 * - at most 15 aliases, 50 directives and 2,000 tokens per document (variables
 *   are not tokens, so bulk forecasts and imports are unaffected);
 * - a cost limit that the portal's largest screens stay well below;
 * - in production, no field suggestions and no limits in error messages.
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 9,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxCost: 20_000,
} as const;

export function graphqlArmor(isProduction: boolean) {
  return new ApolloArmor({
    maxDepth: { enabled: true, n: GRAPHQL_LIMITS.maxDepth, exposeLimits: !isProduction, flattenFragments: true },
    maxAliases: { enabled: true, n: GRAPHQL_LIMITS.maxAliases, exposeLimits: !isProduction },
    maxDirectives: { enabled: true, n: GRAPHQL_LIMITS.maxDirectives, exposeLimits: !isProduction },
    // Counted by maxTokensPlugin below: armor's own throws syntax errors as HTTP 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: true, maxCost: GRAPHQL_LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, exposeLimits: !isProduction },
    blockFieldSuggestion: { enabled: isProduction },
  }).protect();
}

/**
 * Refuses documents of more than GRAPHQL_LIMITS.maxTokens tokens before
 * parsing them (BAD_USER_INPUT, HTTP 400). Documents that do not even lex are
 * left to Apollo's parser, which reports them as such.
 */
export function maxTokensPlugin(isProduction: boolean): ApolloServerPlugin {
  const limit = GRAPHQL_LIMITS.maxTokens;
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          if (source === undefined) return;
          let count: number;
          try {
            count = countTokens(source, limit);
          } catch {
            return;
          }
          if (count > limit) {
            throw new GraphQLError(isProduction ? 'Query validation error.' : `Token limit of ${limit} exceeded.`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
