import { DomainError, ErrorCode } from '../../src/common/errors';
import { fromWire, syncError, toWire } from '../../src/sync/sync-error';
import { VaultNotFoundError } from '../../src/vault/read-vault';

/** What a sync failure becomes, and how it crosses the worker's boundary (a message is a structured clone). */
describe('sync errors', () => {
  const across = (err: unknown) => fromWire(structuredClone(toWire(err)));

  it('maps a missing vault and a busy database to their codes', () => {
    expect(syncError(new VaultNotFoundError('no folder /x'))).toEqual(new DomainError(ErrorCode.VaultNotFound, 'no folder /x'));
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect((syncError(busy) as DomainError).code).toBe(ErrorCode.SyncRunning);
    const other = new Error('disk I/O error');
    expect(syncError(other)).toBe(other);
  });

  it('arrive as DomainErrors with their codes on the other side', () => {
    for (const [err, code] of [
      [new DomainError(ErrorCode.Conflict, 'changed on disk'), ErrorCode.Conflict],
      [new VaultNotFoundError('no folder /x'), ErrorCode.VaultNotFound],
      [Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), ErrorCode.SyncRunning],
    ] as const) {
      const sut = across(err);
      expect(sut).toBeInstanceOf(DomainError);
      expect((sut as DomainError).code).toBe(code);
    }
  });

  it('keep the message and stack of any other error, for the log, and never invent a code', () => {
    const err = new TypeError('boom');
    const sut = across(err);
    expect(sut).not.toBeInstanceOf(DomainError);
    expect(sut.message).toBe('boom');
    expect(sut.stack).toBe(err.stack);
    expect(across('a string').message).toBe('a string');
  });
});
