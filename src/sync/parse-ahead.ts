import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { readNote, type NoteFileJob, type ParseSettings, type ReadNote } from './note-reader';
import type { ParseWorkerMessage } from './parse-worker';
import { startWorker } from './worker-entry';

/** Below this many files to read, a sync reads them itself: a worker's start-up (~100 ms) would cost more. */
export const PARSE_AHEAD_MIN_FILES = 400;
/** Files per message to a worker. */
const BATCH = 32;
/** A worker silent this long on one file is given up (the 5 MB note of the benchmarks parses in a few seconds). */
const STALL_MS = 60_000;
/** Batches in flight per worker: bounds the parsed notes waiting in memory (~BATCH x this x workers). */
const WINDOW = 4;

/**
 * Reads and parses note files on worker threads, ahead of a sync that consumes the results in the same order: the
 * sync's thread writes rows while the workers parse the next files (a cold import spends about as long on each).
 *
 * The sync runs inside one synchronous SQLite transaction, so it cannot await a message: it takes results with
 * `receiveMessageOnPort` and, when none is there yet, sleeps in `Atomics.wait` on a counter the worker bumps.
 */
export class ParseAhead {
  private readonly workers: Worker[] = [];
  private readonly lanes: { port: MessagePort; signal: Int32Array; seen: number }[] = [];
  private sent = 0;
  private taken = 0;
  private stopped = false;

  constructor(
    private readonly jobs: NoteFileJob[],
    private readonly settings: ParseSettings,
    workerCount = defaultWorkers(),
  ) {
    for (let i = 0; i < workerCount; i++) {
      const worker = startWorker('parse-worker', null);
      worker.unref();
      const { port1, port2 } = new MessageChannel();
      const signal = new Int32Array(new SharedArrayBuffer(4));
      worker.postMessage({ kind: 'init', port: port2, signal } satisfies ParseWorkerMessage, [port2]);
      this.workers.push(worker);
      this.lanes.push({ port: port1, signal, seen: 0 });
    }
    for (let i = 0; i < this.workers.length * WINDOW; i++) {
      this.sendBatch();
    }
  }

  /** The result for the next job, in order; `path` is checked against it. */
  next(path: string): ReadNote {
    const index = this.taken++;
    const job = this.jobs[index];
    if (job?.path !== path) {
      throw new Error(`parse-ahead out of order: expected ${job?.path}, asked for ${path}`);
    }
    if (this.stopped) {
      return readNote(job, this.settings);
    }
    const lane = this.lanes[Math.floor(index / BATCH) % this.lanes.length];
    const since = Date.now();
    let message = receiveMessageOnPort(lane.port);
    while (message === undefined) {
      // A worker that is gone (threadId -1: it cannot happen while they run) or silent for a minute: the rest of the
      // files are read on this thread rather than waited for.
      if (this.workers.some((w) => w.threadId === -1) || Date.now() - since > STALL_MS) {
        this.close();
        return readNote(job, this.settings);
      }
      Atomics.wait(lane.signal, 0, lane.seen, 1000);
      lane.seen = Atomics.load(lane.signal, 0);
      message = receiveMessageOnPort(lane.port);
    }
    // A batch is consumed: send the next one to keep the window full.
    if ((index + 1) % BATCH === 0) {
      this.sendBatch();
    }
    return message.message as ReadNote;
  }

  private sendBatch(): void {
    const start = this.sent * BATCH;
    if (start >= this.jobs.length) {
      return;
    }
    // Batch k goes to worker k mod n, which answers its batches in order on its own port: `next` reads the same lane.
    const worker = this.workers[this.sent % this.workers.length];
    this.sent++;
    worker.postMessage({
      kind: 'batch',
      jobs: this.jobs.slice(start, start + BATCH),
      settings: this.settings,
    } satisfies ParseWorkerMessage);
  }

  /** Stop the workers (after the last result, or when the sync failed halfway). */
  close(): void {
    this.stopped = true;
    for (const lane of this.lanes) {
      lane.port.close();
    }
    for (const worker of this.workers) {
      void worker.terminate();
    }
  }
}

/** One worker per core beyond the sync's own, at least one, at most three. */
function defaultWorkers(): number {
  return Math.max(1, Math.min(3, os.availableParallelism() - 1));
}
