import type { Worker } from 'node:worker_threads';
import type { DictionaryChange } from '../concepts/concept-rebuild';
import type { SyncEngine, SyncEngineOptions } from './sync-engine';
import { fromWire, type WireError } from './sync-error';
import { startWorker } from './worker-entry';
import type { SyncProgress, SyncReport } from './vault-sync';

/** What the server asks of its sync worker (sync-worker.ts); `id` pairs a request with its replies. */
export type ThreadRequest =
  | { kind: 'sync'; id: number; dir: string; paths?: string[] }
  | { kind: 'updateConcepts'; id: number; change: DictionaryChange }
  | { kind: 'close' };

export type ThreadReply =
  | { kind: 'progress'; id: number; progress: { done: number; total: number; parsed: number } }
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: WireError };

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress?: SyncProgress;
}

/**
 * The sync worker's heap (V8's old generation). A sync's live data is bounded by a batch, not by the vault, but V8
 * collects lazily under its default limit (4 GB here): a 100k-note cold import peaked at 1.1 GB RSS with ~500 MB
 * live. Under this limit V8 collects as it goes (100k: 594 MB peak, see BENCHMARKS); a sync that would need more
 * fails with that said and rolls back, leaving the database as it was, instead of taking the process down.
 */
export const SYNC_HEAP_MB = 640;

/** An idle worker asked to close gets this long to close its connection before it is terminated. */
const CLOSE_GRACE_MS = 2000;

/**
 * VaultSync on a worker thread with its own writer connection, so the server's thread keeps answering while a sync
 * parses and writes. One worker, started at the first write and kept for the next ones (its start-up, loading the
 * parser and opening SQLite, is paid once). The caller (SyncService) sends one write at a time.
 */
export class SyncThread implements SyncEngine {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: SyncEngineOptions) {}

  sync(dir: string, onProgress: SyncProgress, paths?: string[]): Promise<SyncReport> {
    return this.call({ kind: 'sync', id: this.nextId++, dir, paths }, onProgress) as Promise<SyncReport>;
  }

  updateConcepts(change: DictionaryChange): Promise<boolean> {
    return this.call({ kind: 'updateConcepts', id: this.nextId++, change }) as Promise<boolean>;
  }

  private call(request: ThreadRequest & { id: number }, onProgress?: SyncProgress): Promise<unknown> {
    const worker = this.worker ?? this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, onProgress });
      worker.postMessage(request);
    });
  }

  private start(): Worker {
    const heapMb = this.options.heapMb ?? SYNC_HEAP_MB;
    const worker = startWorker('sync-worker', this.options, { maxOldGenerationSizeMb: heapMb });
    worker.on('message', (reply: ThreadReply) => this.receive(reply));
    // An error nobody caught in the worker ends it; 'exit' follows and fails what was asked of it.
    worker.on('error', (err: NodeJS.ErrnoException) =>
      this.failAll(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new Error(`the sync needed more than its ${heapMb} MB heap and stopped; nothing was written`)
          : err,
      ),
    );
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = null;
      }
      this.failAll(new Error(`the sync worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: ThreadReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) {
      return;
    }
    switch (reply.kind) {
      case 'progress':
        pending.onProgress?.(reply.progress);
        return;
      case 'done':
        this.pending.delete(reply.id);
        pending.resolve(reply.value);
        return;
      case 'failed':
        this.pending.delete(reply.id);
        pending.reject(fromWire(reply.error));
        return;
    }
  }

  private failAll(err: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) {
      p.reject(err);
    }
  }

  /**
   * Stops the worker. Idle, it closes its connection and exits; in the middle of a write it is terminated, and SQLite
   * rolls the open transaction back (readers never saw it), as if the process had been killed.
   */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) {
      return;
    }
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    if (this.pending.size === 0) {
      worker.postMessage({ kind: 'close' } satisfies ThreadRequest);
      const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(timer);
    } else {
      this.failAll(new Error('the sync was stopped: the server is shutting down'));
      await worker.terminate();
      await exited;
    }
  }
}
