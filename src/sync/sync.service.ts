import { Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import { AppConfig } from '../common/app-config';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { ReadCache } from '../common/read-cache';
import { readWorkspace, type VaultSpec } from '../vault/read-vault';
import type { DictionaryChange } from '../concepts/concept-rebuild';
import { SyncCommits } from './sync-commits';
import type { SyncEngine } from './sync-engine';
import { SyncThread } from './sync-thread';
import { VaultWatcher } from './vault-watcher';
import type { SyncProgress, SyncReport } from './vault-sync';

export type SyncState = 'idle' | 'syncing';

/** Files examined (`done` of `total`) and re-parsed so far by the running sync. */
export interface SyncProgressState {
  done: number;
  total: number;
  parsed: number;
}

/** One sync at a time per process; SQLite's write lock serialises syncs of other processes. */
@Injectable()
export class SyncService implements OnModuleDestroy {
  private readonly logger = new Logger(SyncService.name);
  private engine: SyncEngine | null = null;
  /** The write under way, if any: the one-writer rule, and what a watcher's follow-up sync waits for. */
  private current: Promise<unknown> | null = null;
  private latest: SyncProgressState | null = null;
  private readonly watchers: VaultWatcher[] = [];

  constructor(
    private readonly config: AppConfig,
    /** The API's shared read cache, dropped after each run; absent in the CLI's `sync`, which serves no reads. */
    @Optional() private readonly readCache?: ReadCache,
    /** Told of each committed write (the web app's live updates). */
    @Optional() private readonly commits?: SyncCommits,
  ) {}

  get state(): SyncState {
    return this.current ? 'syncing' : 'idle';
  }

  /** How far the running sync is (null when idle); from the worker's progress messages, a few per second. */
  get progress(): SyncProgressState | null {
    return this.current ? this.latest : null;
  }

  /**
   * Sync a workspace folder (default: VAULT_PATH). Rejects with DomainError VAULT_NOT_FOUND / SYNC_RUNNING. `paths`:
   * the only files that changed, when the caller knows (the watcher); see VaultSync.sync.
   */
  sync(dir: string = this.config.vaultPath, onProgress?: SyncProgress, paths?: string[]): Promise<SyncReport> {
    return this.exclusive((engine) => {
      this.latest = { done: 0, total: 0, parsed: 0 };
      return engine.sync(
        dir,
        (p) => {
          this.latest = { done: p.done, total: p.total, parsed: p.parsed };
          onProgress?.(p);
        },
        paths,
      );
    });
  }

  /**
   * The API's sync: the configured workspace (VAULT_PATH) and nothing else, so a client cannot make the server index
   * (and later write to) any folder it can read. `vault`, when given, must name one of the workspace's vaults.
   */
  async syncConfigured(vault?: string | null): Promise<SyncReport> {
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
      return await this.sync();
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
  updateConcepts(change: DictionaryChange): Promise<boolean> {
    return this.exclusive((engine) => engine.updateConcepts(change));
  }

  /**
   * The one-writer rule: one write at a time in this process (SYNC_RUNNING otherwise; SQLite's lock held by another
   * process is reported the same way by the engine), the API's read cache dropped when the write has committed
   * (or failed), and SyncCommits told of a commit.
   */
  private async exclusive<T>(write: (engine: SyncEngine) => Promise<T>): Promise<T> {
    if (this.current) {
      throw new DomainError(ErrorCode.SyncRunning, 'a sync is already running; try again when it has finished');
    }
    const run = write(this.getEngine());
    this.current = run;
    let committed = false;
    try {
      const result = await run;
      committed = true;
      return result;
    } finally {
      this.current = null;
      this.latest = null;
      this.readCache?.invalidate();
      if (committed) {
        this.commits?.committed();
      }
    }
  }

  /**
   * Follow the vault: every burst of file changes becomes one incremental sync. A burst that comes while a write
   * runs waits for it, and all the bursts that come meanwhile share one follow-up sync. `onSync` hears each outcome
   * (a report, or the error that stopped that sync; the watcher keeps going).
   */
  async watch(dir: string, onSync: (outcome: SyncReport | Error) => void): Promise<VaultWatcher> {
    let queued = false;
    // The files the bursts so far named, or null when one of them asked for a whole sync.
    let pending: Set<string> | null = new Set();
    const followUp = async () => {
      if (queued) {
        return;
      }
      queued = true;
      while (this.current) {
        await this.current.catch(() => undefined);
      }
      queued = false;
      const paths = pending === null ? undefined : [...pending];
      pending = new Set();
      try {
        onSync(await this.sync(dir, undefined, paths));
      } catch (err) {
        onSync(err as Error);
      }
    };
    const watcher = new VaultWatcher(dir, (paths) => {
      if (paths === null || pending === null) {
        pending = null;
      } else {
        paths.forEach((p) => pending?.add(p));
      }
      void followUp();
    });
    await watcher.start();
    this.watchers.push(watcher);
    return watcher;
  }

  private getEngine(): SyncEngine {
    if (!this.engine) {
      const options = { databaseFile: this.config.databaseFile, maxFileBytes: this.config.maxFileBytes, timeZone: this.config.timeZone };
      this.engine = new SyncThread(options);
    }
    return this.engine;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.watchers.splice(0).map((w) => w.close()));
    await this.engine?.close();
    this.engine = null;
    this.logger.debug('sync engine closed');
  }
}
