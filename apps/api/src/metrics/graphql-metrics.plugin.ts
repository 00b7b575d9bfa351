import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '@anchorlink/core';
import { Kind } from 'graphql';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;

/**
 * Times every GraphQL request by operation and counts errors by code. The
 * operation label is the client's operation name (a valid one, and at most
 * 200 distinct: clients choose them), else the first root field.
 */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  const seen = new Set<string>();
  const label = (name: string | null | undefined, rootField: string | undefined): string => {
    if (name && NAME.test(name) && (seen.has(name) || seen.size < MAX_OPERATION_NAMES)) {
      seen.add(name);
      return name;
    }
    return rootField ?? 'unknown';
  };
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response }) {
          const rootField = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD)?.name.value;
          metrics.graphqlDuration.observe(
            { operation: label(operationName, rootField), type: operation?.operation ?? 'invalid' },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
          // The errors as the caller sees them: formatted, each with its contract code.
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            const code = error.extensions?.code;
            metrics.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
          }
        },
      };
    },
  };
}
