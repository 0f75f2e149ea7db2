import type { GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '../errors';

/** The one place where domain errors become GraphQL error codes. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown }).originalError ?? error;
  if (original instanceof DomainError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code } };
  }
  const response = (original as { response?: { message?: unknown; statusCode?: number } }).response;
  if (response && response.statusCode === 400) {
    // class-validator bounds (ValidationPipe) -> a plain bad-input error.
    const message = Array.isArray(response.message) ? response.message.join('; ') : String(response.message);
    return { message, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.BadInput } };
  }
  return formatted;
}
