/** Typed domain errors; mapped to GraphQL error codes in one place (graphql-errors.ts). */
export enum ErrorCode {
  NotFound = 'NOT_FOUND',
  BadInput = 'BAD_USER_INPUT',
  Conflict = 'CONFLICT',
  Unauthenticated = 'UNAUTHENTICATED',
  SyncRunning = 'SYNC_RUNNING',
  VaultNotFound = 'VAULT_NOT_FOUND',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
