import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { clip, codeOfStatus, httpStatusOf, INTERNAL_ERROR, internalErrorMessage, isClientErrorCode } from '../error-policy';
import { DomainError, ErrorCode } from '../errors';
import { currentRequestId } from '../request-scope';

const logger = new Logger('GraphQL');

/**
 * The one place where errors become GraphQL errors. Domain errors and client mistakes keep their message and code;
 * anything else is logged with its stack and answered generically with the request id. No stack trace, path or source
 * line reaches a client unless `debug` (VAULTGRAPH_DEBUG=1).
 */
export function graphqlErrorFormatter(debug: boolean): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = (error as { originalError?: unknown }).originalError ?? error;
    const where = { path: formatted.path, locations: formatted.locations };
    if (original instanceof DomainError) {
      return { message: clip(original.message), ...where, extensions: { code: original.code } };
    }
    // Nest's own HTTP exceptions, e.g. the ValidationPipe's 400 for a class-validator bound.
    const response = (original as { response?: { message?: unknown; statusCode?: unknown } } | null)?.response;
    if (response && typeof response.statusCode === 'number' && response.statusCode < 500) {
      const message = Array.isArray(response.message) ? response.message.join('; ') : String(response.message);
      return { message: clip(message), ...where, extensions: { code: codeOfStatus(response.statusCode) } };
    }
    // Apollo's own refusals of a request (a persisted-query hash that does not match) carry a 4xx but no code.
    const httpStatus = (error as { extensions?: { http?: { status?: unknown } } }).extensions?.http?.status;
    if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500 && !isClientErrorCode(formatted.extensions?.code)) {
      return { message: clip(formatted.message), ...where, extensions: { code: 'BAD_REQUEST' } };
    }
    const code = formatted.extensions?.code;
    if (isClientErrorCode(code)) {
      return { message: clip(formatted.message), ...where, extensions: { code } };
    }
    const requestId = currentRequestId();
    logger.error(`request ${requestId ?? '-'}: ${(original as Error)?.stack ?? formatted.message}`);
    if (debug) {
      return { ...formatted, extensions: { ...formatted.extensions, code: INTERNAL_ERROR, requestId } };
    }
    return { message: internalErrorMessage(requestId), ...where, extensions: { code: INTERNAL_ERROR, requestId } };
  };
}

/**
 * The HTTP side of the policy: an answer whose errors left no data is sent with the status of its first error's code
 * (400 for a client's mistake, never 500), and an answer larger than `maxResponseBytes` is replaced by a
 * RESPONSE_TOO_LARGE error.
 */
export function errorStatusPlugin(maxResponseBytes: number): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response }) => {
          if (response.body.kind !== 'single') {
            return Promise.resolve();
          }
          const result = response.body.singleResult;
          if (result.data && Buffer.byteLength(JSON.stringify(result.data)) > maxResponseBytes) {
            response.body.singleResult = {
              errors: [
                {
                  message: `the answer is larger than ${maxResponseBytes} bytes; ask for less (a smaller page, depth or selection)`,
                  extensions: { code: ErrorCode.ResponseTooLarge },
                },
              ],
            };
            response.http.status = httpStatusOf(ErrorCode.ResponseTooLarge);
            return Promise.resolve();
          }
          const errors = result.errors ?? [];
          const noData = result.data === null || result.data === undefined || Object.values(result.data).every((v) => v === null);
          if (errors.length > 0 && noData) {
            response.http.status = httpStatusOf(errors[0].extensions?.code);
          }
          return Promise.resolve();
        },
      }),
  };
}
