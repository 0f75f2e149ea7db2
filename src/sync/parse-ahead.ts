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
 * A parse worker's heap (V8's old generation). It holds the parser, the word lists and the note being parsed, but V8
 * collects lazily under the default limit: a 10k cold import peaked at 387–409 MB RSS without this limit, 360–366 MB
 * with it (BENCHMARKS). The largest note the file limit lets through (5 MB, many headings) parses in 234 MB. A note
 * too big even so ends the worker: the sync waits out STALL_MS, then reads the rest on its own thread (SYNC_HEAP_MB).
 */
export const PARSE_HEAP_MB = 384;

/** Batches the sync's thread may hold parsed ahead of where it writes (see ParseAhead.steal). */
const MAX_STOLEN = 8;

export interface ParseAheadOptions {
  workers?: number;
  /** Files per batch (tests use small ones). */
  batch?: number;
}

/**
 * Reads and parses note files on worker threads, ahead of a sync that consumes the results in the same order: the
 * sync's thread writes rows while the workers parse the next files (a cold import spends about as long on each).
 *
 * The sync runs inside one synchronous SQLite transaction, so it cannot await a message: it takes results with
 * `receiveMessageOnPort` and, when none is there yet, sleeps in `Atomics.wait` on a counter the worker bumps. Rather
 * than sleep, it first parses the next batch no worker has been sent yet itself ("steals" it): whichever side is
 * slower (the workers on a busy machine, or on notes that parse slower than they write), the other takes its share,
 * and the two finish together. The stolen batch is the nearest unsent one, so its results wait only until the writes
 * reach it (a few batches), not until the end of the run.
 */
export class ParseAhead {
  private readonly workers: Worker[] = [];
  private readonly lanes: { port: MessagePort; signal: Int32Array; seen: number }[] = [];
  private readonly batch: number;
  /** Per batch: 0 not sent yet, lane + 1 when sent to that worker, -1 when parsed here (stolen). */
  private readonly owner: Int8Array;
  /** Results of stolen batches, until consumed. */
  private readonly stolen = new Map<number, ReadNote[]>();
  private nextUnsent = 0;
  private sentCount = 0;
  private taken = 0;
  private stopped = false;
  /** Batches parsed here instead of waiting (for tests and benchmarks). */
  stolenCount = 0;

  constructor(
    private readonly jobs: NoteFileJob[],
    private readonly settings: ParseSettings,
    options: ParseAheadOptions = {},
  ) {
    this.batch = options.batch ?? BATCH;
    this.owner = new Int8Array(Math.ceil(jobs.length / this.batch));
    const count = options.workers ?? defaultWorkers();
    for (let i = 0; i < count; i++) {
      const worker = startWorker('parse-worker', null, { maxOldGenerationSizeMb: PARSE_HEAP_MB });
      worker.unref();
      // A worker that died (out of memory) reports it on the sync thread's event loop, which does not run until the sync
      // is over (`next` gives the worker up after STALL_MS): the error is only kept from being thrown there then.
      worker.on('error', () => undefined);
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
    const b = Math.floor(index / this.batch);
    const last = (index + 1) % this.batch === 0 || index + 1 === this.jobs.length;
    if (this.owner[b] === -1) {
      const results = this.stolen.get(b) as ReadNote[];
      if (last) {
        this.stolen.delete(b);
      }
      return results[index % this.batch];
    }
    if (this.stopped || this.owner[b] === 0) {
      return readNote(job, this.settings);
    }
    const lane = this.lanes[this.owner[b] - 1];
    const since = Date.now();
    let message = receiveMessageOnPort(lane.port);
    while (message === undefined) {
      // A worker that is gone (threadId -1: it cannot happen while they run) or silent for a minute: the rest of the
      // files are read on this thread rather than waited for.
      if (this.workers.some((w) => w.threadId === -1) || Date.now() - since > STALL_MS) {
        this.close();
        return readNote(job, this.settings);
      }
      if (!this.steal(b)) {
        Atomics.wait(lane.signal, 0, lane.seen, 1000);
        lane.seen = Atomics.load(lane.signal, 0);
      }
      message = receiveMessageOnPort(lane.port);
    }
    // A batch is consumed: send the next one to keep the window full.
    if (last) {
      this.sendBatch();
    }
    return message.message as ReadNote;
  }

  /** Parse here the next batch no worker has been sent, if it lies after `current` and few are held already. */
  private steal(current: number): boolean {
    if (this.stolen.size >= MAX_STOLEN) {
      return false;
    }
    while (this.nextUnsent < this.owner.length && this.owner[this.nextUnsent] !== 0) {
      this.nextUnsent++;
    }
    const b = this.nextUnsent;
    if (b <= current || b >= this.owner.length) {
      return false;
    }
    this.owner[b] = -1;
    this.nextUnsent++;
    this.stolenCount++;
    const jobs = this.jobs.slice(b * this.batch, (b + 1) * this.batch);
    this.stolen.set(
      b,
      jobs.map((job) => readNote(job, this.settings)),
    );
    return true;
  }

  private sendBatch(): void {
    while (this.nextUnsent < this.owner.length && this.owner[this.nextUnsent] !== 0) {
      this.nextUnsent++;
    }
    const b = this.nextUnsent;
    if (b >= this.owner.length || this.stopped) {
      return;
    }
    // Batches go to the workers in turn; each answers its own in order on its port, where `next` reads them.
    const laneIndex = this.sentCount++ % this.workers.length;
    this.owner[b] = laneIndex + 1;
    this.nextUnsent++;
    this.workers[laneIndex].postMessage({
      kind: 'batch',
      jobs: this.jobs.slice(b * this.batch, (b + 1) * this.batch),
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
