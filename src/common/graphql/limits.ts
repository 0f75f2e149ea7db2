import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 5000;

/** Refuse documents nested deeper than MAX_QUERY_DEPTH before executing them. */
export function queryLimitRules(): ValidationRule[] {
  return [depthLimit(MAX_QUERY_DEPTH) as ValidationRule];
}

/** Complexities already computed for a (document, operation, variables); a few per document is all a client sends. */
const MAX_CACHED_PER_DOCUMENT = 32;

/**
 * Complexity needs the request's variables (a validation rule does not get them, and then fails every
 * required variable), so it runs once the operation is resolved. Apollo hands the same parsed document object to
 * every request with the same query text, so the figure is kept per document and variables: walking the document
 * again for each request was a few per cent of a small query's time.
 */
export function complexityLimitPlugin(): ApolloServerPlugin {
  const cache = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema }) => {
          let known = cache.get(document);
          if (!known) {
            known = new Map();
            cache.set(document, known);
          }
          const key = `${request.operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let complexity = known.get(key);
          if (complexity === undefined) {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
            if (known.size >= MAX_CACHED_PER_DOCUMENT) {
              known.clear();
            }
            known.set(key, complexity);
          }
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
