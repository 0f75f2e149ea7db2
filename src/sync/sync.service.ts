import { Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { AppConfig } from '../common/app-config';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { ReadCache } from '../common/read-cache';
import { readWorkspace, VaultNotFoundError, type VaultSpec } from '../vault/read-vault';
import type { DictionaryChange } from './concept-rebuild';
import { openSqlite } from './sqlite';
import { SyncRepository } from './sync.repository';
import { VaultWatcher } from './vault-watcher';
import { VaultSync, type SyncProgress, type SyncReport } from './vault-sync';

export type SyncState = 'idle' | 'syncing';

/** One sync at a time per process; SQLite's write lock serialises syncs of other processes. */
@Injectable()
export class SyncService implements OnModuleDestroy {
  private readonly logger = new Logger(SyncService.name);
  private db: Database.Database | null = null;
  private engine: VaultSync | null = null;
  private running = false;
  private readonly watchers: VaultWatcher[] = [];

  constructor(
    private readonly config: AppConfig,
    /** The API's shared read cache, dropped after each run; absent in the CLI's `sync`, which serves no reads. */
    @Optional() private readonly readCache?: ReadCache,
  ) {}

  get state(): SyncState {
    return this.running ? 'syncing' : 'idle';
  }

  /** Sync a workspace folder (default: VAULT_PATH). Throws DomainError VAULT_NOT_FOUND / SYNC_RUNNING. */
  sync(dir: string = this.config.vaultPath, onProgress?: SyncProgress): SyncReport {
    return this.exclusive(() => {
      try {
        return this.getEngine().sync(dir, onProgress);
      } catch (err) {
        throw err instanceof VaultNotFoundError ? new DomainError(ErrorCode.VaultNotFound, err.message) : err;
      }
    });
  }

  /**
   * The API's sync: the configured workspace (VAULT_PATH) and nothing else, so a client cannot make the server index
   * (and later write to) any folder it can read. `vault`, when given, must name one of the workspace's vaults.
   */
  syncConfigured(vault?: string | null): SyncReport {
    if (vault) {
      const names = this.configuredVaults().map((v) => v.name);
      if (!names.includes(vault)) {
        throw new DomainError(
          ErrorCode.VaultNotFound,
          `no vault named ${quoteInput(vault)} here; the configured vaults are ${names.map((n) => quoteInput(n)).join(', ')}`,
        );
      }
    }
    try {
      return this.sync();
    } catch (err) {
      // The configured folder itself is gone: say so without its absolute path.
      if (err instanceof DomainError && err.code === ErrorCode.VaultNotFound) {
        throw new DomainError(ErrorCode.VaultNotFound, 'the configured vault folder (VAULT_PATH) does not exist or is not a folder');
      }
      throw err;
    }
  }

  /** The vaults of the configured workspace (VAULT_PATH): the only folders the API syncs and writes to. */
  configuredVaults(): VaultSpec[] {
    try {
      return readWorkspace(this.config.vaultPath).vaults;
    } catch {
      return [];
    }
  }

  /** A concept dictionary change from the API (see VaultSync.updateConcepts), under the same one-writer rule as a sync. */
  updateConcepts(change: DictionaryChange): boolean {
    return this.exclusive(() => this.getEngine().updateConcepts(change));
  }

  /**
   * The one-writer rule: one write at a time in this process (SYNC_RUNNING otherwise), SQLite's lock held by another
   * process reported the same way, and the API's read cache dropped after every write.
   */
  private exclusive<T>(write: () => T): T {
    if (this.running) {
      throw new DomainError(ErrorCode.SyncRunning, 'a sync is already running; try again when it has finished');
    }
    this.running = true;
    try {
      return write();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new DomainError(ErrorCode.SyncRunning, 'the database is locked by another sync; try again when it has finished');
      }
      throw err;
    } finally {
      this.running = false;
      this.readCache?.invalidate();
    }
  }

  /**
   * Follow the vault: every burst of file changes becomes one incremental sync. `onSync` hears each outcome
   * (a report, or the error that stopped that sync; the watcher keeps going).
   */
  async watch(dir: string, onSync: (outcome: SyncReport | Error) => void): Promise<VaultWatcher> {
    const watcher = new VaultWatcher(dir, () => {
      try {
        onSync(this.sync(dir));
      } catch (err) {
        onSync(err as Error);
      }
    });
    await watcher.start();
    this.watchers.push(watcher);
    return watcher;
  }

  private getEngine(): VaultSync {
    if (!this.engine) {
      this.db = openSqlite(this.config.databaseFile);
      this.engine = new VaultSync(new SyncRepository(this.db), { maxFileBytes: this.config.maxFileBytes, timeZone: this.config.timeZone });
    }
    return this.engine;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.watchers.splice(0).map((w) => w.close()));
    this.db?.close();
    this.db = null;
    this.engine = null;
    this.logger.debug('sync connection closed');
  }
}
