import { Logger } from '@nestjs/common';
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
 * `onBurst` once per burst of changes, with the notes that changed (absolute paths), or null when a whole sync is
 * needed (dendron.yml or a concepts.yml changed, or a watch error). The caller syncs; this class decides when and what.
 *
 * Nothing in the vault stops it: a watch error on a note or config file (a symlink loop, a dangling link) starts a
 * sync, which reports that file as a diagnostic; any other watch error is one warning in the log.
 */
export class VaultWatcher {
  private readonly logger = new Logger(VaultWatcher.name);
  /** Warnings already logged (path and code), so a path that keeps failing is logged once. */
  private readonly warned = new Set<string>();
  private watcher: FSWatcher | null = null;
  private quiet: NodeJS.Timeout | null = null;
  private firstChangeAt = 0;
  /** The notes changed in this burst, or null once a whole sync is needed. */
  private burst: Set<string> | null = new Set();

  constructor(
    private readonly dir: string,
    private readonly onBurst: (paths: string[] | null) => void,
  ) {}

  async start(): Promise<void> {
    const workspace = readWorkspace(this.dir);
    const folders = new Set([workspace.dir, ...workspace.vaults.map((v) => v.root)]);
    this.watcher = watch([...folders], {
      ignoreInitial: true,
      depth: 0,
      // Only the folders and the files a sync reads: subfolders (and symlinks to folders, which may loop) are not
      // even looked at.
      ignored: (file) => !folders.has(file) && !RELEVANT.test(path.basename(file)),
    });
    this.watcher.on('all', (_event, file) => {
      if (RELEVANT.test(path.basename(file))) {
        this.changed(file);
      }
    });
    this.watcher.on('error', (err) => this.failed(err as NodeJS.ErrnoException));
    await new Promise<void>((resolve) => this.watcher?.once('ready', () => resolve()));
  }

  private failed(err: NodeJS.ErrnoException): void {
    if (err.path !== undefined && RELEVANT.test(path.basename(err.path))) {
      this.changed(null);
      return;
    }
    const where = err.path === undefined ? this.dir : path.relative(this.dir, err.path) || '.';
    const key = `${where}\u0000${err.code ?? err.message}`;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.logger.warn(`cannot watch ${where} (${err.code ?? 'error'}); the rest of the vault is still followed`);
    }
  }

  /** `file`: a note that changed; null: anything else (a whole sync). */
  private changed(file: string | null): void {
    if (file === null || !file.toLowerCase().endsWith('.md')) {
      this.burst = null;
    } else {
      this.burst?.add(path.resolve(file));
    }
    const now = Date.now();
    if (this.quiet === null) {
      this.firstChangeAt = now;
    } else {
      clearTimeout(this.quiet);
    }
    const wait = Math.max(0, Math.min(WATCH_DEBOUNCE_MS, this.firstChangeAt + WATCH_MAX_WAIT_MS - now));
    this.quiet = setTimeout(() => {
      this.quiet = null;
      const paths = this.burst === null ? null : [...this.burst];
      this.burst = new Set();
      this.onBurst(paths);
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
