import { ApolloArmor } from '@escape.tech/graphql-armor';

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
    maxTokens: { enabled: true, n: GRAPHQL_LIMITS.maxTokens, exposeLimits: !isProduction },
    costLimit: { enabled: true, maxCost: GRAPHQL_LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, exposeLimits: !isProduction },
    blockFieldSuggestion: { enabled: isProduction },
  }).protect();
}
