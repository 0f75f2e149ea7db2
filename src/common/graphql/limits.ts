import type { ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { createComplexityRule, fieldExtensionsEstimator, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 5000;

/** Cheap protection from the start: refuse documents too deep or too costly before executing them. */
export function queryLimitRules(): ValidationRule[] {
  const depth = depthLimit(MAX_QUERY_DEPTH) as ValidationRule;
  return [
    depth,
    createComplexityRule({
      maximumComplexity: MAX_QUERY_COMPLEXITY,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      createError: (max, actual) => new Error(`query is too complex: ${actual} > ${max}`) as never,
    }),
  ];
}
