import { ErrorCode } from './errors';

/**
 * The one error policy (README "Errors"): every error code an answer can carry and the HTTP status it is sent
 * with. Client mistakes are 4xx with their code; anything else is an internal error, logged with its stack and
 * answered with a generic message and the request id.
 */
const STATUS: Record<string, number> = {
  [ErrorCode.BadInput]: 400,
  [ErrorCode.QueryTooComplex]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.VaultNotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.ResponseTooLarge]: 413,
  [ErrorCode.SyncRunning]: 503,
  [ErrorCode.Timeout]: 503,
  // Apollo's own codes for documents it cannot run.
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

export const INTERNAL_ERROR = 'INTERNAL_SERVER_ERROR';

/** A code a client can act on (anything but an internal error). */
export function isClientErrorCode(code: unknown): code is string {
  return typeof code === 'string' && code in STATUS;
}

export function httpStatusOf(code: unknown): number {
  return isClientErrorCode(code) ? STATUS[code] : 500;
}

/** The code of a plain HTTP status (Nest's own exceptions, body-parser's errors). */
export function codeOfStatus(status: number): string {
  switch (status) {
    case 401:
      return ErrorCode.Unauthenticated;
    case 403:
      return ErrorCode.Forbidden;
    case 404:
      return ErrorCode.NotFound;
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return ErrorCode.Conflict;
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return status >= 400 && status < 500 ? ErrorCode.BadInput : INTERNAL_ERROR;
  }
}

/** The generic answer to an internal error: what happened stays in the server log, under the request id. */
export function internalErrorMessage(requestId: string | null): string {
  return `internal error; the server log has the details${requestId ? ` (request ${requestId})` : ''}`;
}

/** Messages quote what the client sent; a long one is cut so it is never echoed whole. */
export function clip(message: string, max = 500): string {
  return message.length <= max ? message : `${message.slice(0, max)}…`;
}
