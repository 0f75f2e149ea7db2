import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { createHash } from 'node:crypto';
import depthLimit from 'graphql-depth-limit';
import { ErrorCode } from '../errors';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 20_000;

/**
 * Refuse documents nested deeper than MAX_QUERY_DEPTH before executing them. graphql-depth-limit follows fragment
 * spreads without looking for cycles (graphql's own NoFragmentCycles rule runs beside it, not before it), so a
 * fragment that spreads itself overflows its stack: that is refused here as a validation error.
 */
export function queryLimitRules(): ValidationRule[] {
  const depth = depthLimit(MAX_QUERY_DEPTH) as ValidationRule;
  const guarded: ValidationRule = (context) => {
    try {
      return depth(context);
    } catch (err) {
      if (!(err instanceof RangeError)) {
        throw err;
      }
      context.reportError(new GraphQLError('the document nests too deep or its fragments spread each other in a cycle'));
      return {};
    }
  };
  return [guarded, operationTypeExists];
}

/** A subscription (or mutation) against a schema without that root type is the document's mistake, not a 500. */
const operationTypeExists: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`this schema has no ${node.operation} operations`, { nodes: [node] }));
    }
  },
});

/** Complexities already computed, least recently used first out; variables longer than MAX_VARIABLES_LENGTH are not kept. */
const MAX_CACHED = 500;
const MAX_VARIABLES_LENGTH = 4096;

/**
 * Complexity needs the request's variables (a validation rule does not get them, and then fails every
 * required variable), so it runs once the operation is resolved. Walking the document again for each request was a
 * few per cent of a small query's time, so the figure is kept per query text (its SHA-1), operation and the values
 * of the variables the operation declares (undeclared ones cannot change it, and must not grow the cache), in a
 * bounded map: at most MAX_CACHED keys, none with variables longer than MAX_VARIABLES_LENGTH.
 */
export function complexityLimitPlugin(): ApolloServerPlugin {
  const cache = new Map<string, number>();
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, operation, schema }) => {
          // Variables of the wrong type are the client's mistake, which Apollo reports (400 BAD_USER_INPUT) once this
          // hook returns; getComplexity would throw them as an unlabelled error (a 500).
          if (operation && getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) {
            return Promise.resolve();
          }
          const declared = JSON.stringify(
            operation?.variableDefinitions?.map((d): unknown => request.variables?.[d.variable.name.value]) ?? [],
          );
          const key =
            request.query === undefined || declared.length > MAX_VARIABLES_LENGTH
              ? null
              : `${createHash('sha1').update(request.query).digest('base64')}\u0000${request.operationName ?? ''}\u0000${declared}`;
          let complexity = key === null ? undefined : cache.get(key);
          if (complexity === undefined) {
            try {
              complexity = getComplexity({
                schema,
                query: document,
                operationName: request.operationName,
                variables: request.variables,
                estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
                // Each field counts at least 1, so a document over the budget in fields is refused below anyway.
                maxQueryNodes: MAX_QUERY_COMPLEXITY + 1,
              });
            } catch (err) {
              throw tooComplex(`query is too complex: ${(err as Error).message}`);
            }
            if (key !== null) {
              if (cache.size >= MAX_CACHED) {
                cache.delete(cache.keys().next().value as string);
              }
              cache.set(key, complexity);
            }
          } else if (key !== null) {
            cache.delete(key); // most recently used goes last
            cache.set(key, complexity);
          }
          if (complexity > MAX_QUERY_COMPLEXITY) {
            throw tooComplex(
              `query is too complex: it would cost ${complexity} > ${MAX_QUERY_COMPLEXITY} (lists count by their page size or depth; see README "Limits")`,
            );
          }
          return Promise.resolve();
        },
      }),
  };
}

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QueryTooComplex, http: { status: 400 } } });
}
