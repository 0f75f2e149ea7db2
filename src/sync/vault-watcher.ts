import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import { readWorkspace } from '../vault/read-vault';

/** Quiet time that ends a burst of saves (editors write a file several times in a row). */
const WATCH_DEBOUNCE_MS = 40;
/** A burst that never goes quiet is still synced at least this often. */
const WATCH_MAX_WAIT_MS = 500;

const RELEVANT = /\.md$|(^|[/\\])(dendron\.yml|concepts\.yml)$/i;

/**
 * Follows a workspace (its folder and each vault folder, one level deep, like the sync reads them) and calls
 * `onBurst` once per burst of changes. The caller syncs; this class only decides when.
 */
export class VaultWatcher {
  private watcher: FSWatcher | null = null;
  private quiet: NodeJS.Timeout | null = null;
  private firstChangeAt = 0;

  constructor(
    private readonly dir: string,
    private readonly onBurst: () => void,
  ) {}

  async start(): Promise<void> {
    const workspace = readWorkspace(this.dir);
    const folders = [...new Set([workspace.dir, ...workspace.vaults.map((v) => v.root)])];
    this.watcher = watch(folders, {
      ignoreInitial: true,
      depth: 0,
      ignored: (file, stats) => stats?.isFile() === true && !RELEVANT.test(path.basename(file)),
    });
    this.watcher.on('all', (_event, file) => {
      if (RELEVANT.test(path.basename(file))) {
        this.changed();
      }
    });
    await new Promise<void>((resolve) => this.watcher?.once('ready', () => resolve()));
  }

  private changed(): void {
    const now = Date.now();
    if (this.quiet === null) {
      this.firstChangeAt = now;
    } else {
      clearTimeout(this.quiet);
    }
    const wait = Math.max(0, Math.min(WATCH_DEBOUNCE_MS, this.firstChangeAt + WATCH_MAX_WAIT_MS - now));
    this.quiet = setTimeout(() => {
      this.quiet = null;
      this.onBurst();
    }, wait);
  }

  async close(): Promise<void> {
    if (this.quiet !== null) {
      clearTimeout(this.quiet);
      this.quiet = null;
    }
    await this.watcher?.close();
    this.watcher = null;
  }
}
