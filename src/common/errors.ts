/** Typed domain errors; mapped to GraphQL errors and HTTP answers in one place (error-policy.ts). */
export enum ErrorCode {
  NotFound = 'NOT_FOUND',
  BadInput = 'BAD_USER_INPUT',
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  ResponseTooLarge = 'RESPONSE_TOO_LARGE',
  Conflict = 'CONFLICT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  SyncRunning = 'SYNC_RUNNING',
  VaultNotFound = 'VAULT_NOT_FOUND',
  Timeout = 'TIMEOUT',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A value a client sent, for an error message: quoted, and cut short so a 10,000-character id is not echoed back. */
export function quoteInput(value: unknown, max = 80): string {
  const text = JSON.stringify(typeof value === 'string' ? value : String(value));
  return text.length <= max ? text : `${text.slice(0, max - 2)}…"`;
}
