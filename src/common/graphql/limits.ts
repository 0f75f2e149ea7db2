import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 5000;

/** Refuse documents nested deeper than MAX_QUERY_DEPTH before executing them. */
export function queryLimitRules(): ValidationRule[] {
  return [depthLimit(MAX_QUERY_DEPTH) as ValidationRule];
}

/**
 * Complexity needs the request's variables (a validation rule does not get them, and then fails every
 * required variable), so it runs once the operation is resolved.
 */
export function complexityLimitPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema }) => {
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables,
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > MAX_QUERY_COMPLEXITY) {
            throw new GraphQLError(`query is too complex: ${complexity} > ${MAX_QUERY_COMPLEXITY}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            });
          }
          return Promise.resolve();
        },
      }),
  };
}
