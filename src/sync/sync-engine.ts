import type { DictionaryChange } from '../concepts/concept-rebuild';
import type { SyncOptions, SyncProgress, SyncReport } from './vault-sync';

/** What the engine needs to open its own writer connection. */
export interface SyncEngineOptions extends SyncOptions {
  databaseFile: string;
  /** The sync worker's heap limit in MB (default SYNC_HEAP_MB; tests use a small one). */
  heapMb?: number;
}

/**
 * Where the writes of SyncService run: SyncThread (sync-thread.ts), a worker thread with its own connection and a heap
 * limit, for the server and the CLI alike. Failures come back mapped by syncError.
 */
export interface SyncEngine {
  /** `paths`: only these files changed (absolute; see VaultSync.sync). */
  sync(dir: string, onProgress: SyncProgress, paths?: string[]): Promise<SyncReport>;
  updateConcepts(change: DictionaryChange): Promise<boolean>;
  close(): Promise<void>;
}
