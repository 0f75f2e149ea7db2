import { DomainError, ErrorCode } from '../common/errors';
import { VaultNotFoundError } from '../vault/read-vault';

/**
 * A write's failure as the API reports it: a missing vault folder is VAULT_NOT_FOUND, and SQLite's write lock held
 * by another process is SYNC_RUNNING, like a second sync in this one. The one mapping, used wherever the sync runs.
 */
export function syncError(err: unknown): unknown {
  if (err instanceof VaultNotFoundError) {
    return new DomainError(ErrorCode.VaultNotFound, err.message);
  }
  if ((err as { code?: unknown } | null)?.code === 'SQLITE_BUSY') {
    return new DomainError(ErrorCode.SyncRunning, 'the database is locked by another sync; try again when it has finished');
  }
  return err;
}

/** An error as it crosses the worker's boundary: structured clone keeps neither the class nor `code`. */
export interface WireError {
  message: string;
  stack?: string;
  /** Set for a DomainError: the other side rebuilds one with this code. */
  code?: ErrorCode;
}

export function toWire(err: unknown): WireError {
  const mapped = syncError(err);
  if (mapped instanceof DomainError) {
    return { message: mapped.message, code: mapped.code };
  }
  return mapped instanceof Error ? { message: mapped.message, stack: mapped.stack } : { message: String(mapped) };
}

export function fromWire(wire: WireError): Error {
  if (wire.code !== undefined) {
    return new DomainError(wire.code, wire.message);
  }
  const err = new Error(wire.message);
  if (wire.stack !== undefined) {
    err.stack = wire.stack;
  }
  return err;
}
