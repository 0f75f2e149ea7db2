import type Database from 'better-sqlite3';
import type { DictionaryChange } from '../concepts/concept-rebuild';
import { syncError } from './sync-error';
import { openSqlite } from '../db/sqlite';
import { VaultSync, type SyncOptions, type SyncProgress, type SyncReport } from './vault-sync';

/** What the engine needs to open its own writer connection. */
export interface SyncEngineOptions extends SyncOptions {
  databaseFile: string;
  /** The sync worker's heap limit in MB (default SYNC_HEAP_MB; tests use a small one). */
  heapMb?: number;
}

/**
 * Where the writes of SyncService run: on this thread (the CLI's `sync`, SyncInProcess) or on a worker thread with its
 * own connection (the server, SyncThread in sync-thread.ts). Failures come back mapped by syncError.
 */
export interface SyncEngine {
  /** `paths`: only these files changed (absolute; see VaultSync.sync). */
  sync(dir: string, onProgress: SyncProgress, paths?: string[]): Promise<SyncReport>;
  updateConcepts(change: DictionaryChange): Promise<boolean>;
  close(): Promise<void>;
}

/** VaultSync on the caller's thread, on a connection opened at the first write. */
export class SyncInProcess implements SyncEngine {
  private db: Database.Database | null = null;
  private engine: VaultSync | null = null;

  constructor(private readonly options: SyncEngineOptions) {}

  sync(dir: string, onProgress: SyncProgress, paths?: string[]): Promise<SyncReport> {
    return this.run((engine) => engine.sync(dir, onProgress, paths));
  }

  updateConcepts(change: DictionaryChange): Promise<boolean> {
    return this.run((engine) => engine.updateConcepts(change));
  }

  private run<T>(write: (engine: VaultSync) => T): Promise<T> {
    try {
      return Promise.resolve(write(this.getEngine()));
    } catch (err) {
      return Promise.reject(syncError(err) as Error);
    }
  }

  private getEngine(): VaultSync {
    if (!this.engine) {
      this.db = openSqlite(this.options.databaseFile);
      this.engine = new VaultSync(this.db, this.options);
    }
    return this.engine;
  }

  close(): Promise<void> {
    this.db?.close();
    this.db = null;
    this.engine = null;
    return Promise.resolve();
  }
}
