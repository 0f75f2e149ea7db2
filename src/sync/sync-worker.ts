import type Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { SyncEngineOptions } from './sync-engine';
import { toWire } from './sync-error';
import type { ThreadReply, ThreadRequest } from './sync-thread';
import { openSqlite } from '../db/sqlite';
import { VaultSync, type SyncProgress } from './vault-sync';

/**
 * The sync worker's entry (started by SyncThread): VaultSync as it is, on this thread's own connection, the only
 * writer of the server's process. One request at a time, each answered with `done` or `failed`.
 */

/** Progress messages are sent at most this often: the server only shows them. */
const PROGRESS_EVERY_MS = 100;

const options = workerData as SyncEngineOptions;
let db: Database.Database | null = null;
let engine: VaultSync | null = null;

function getEngine(): VaultSync {
  if (!engine) {
    db = openSqlite(options.databaseFile);
    engine = new VaultSync(db, options);
  }
  return engine;
}

function send(reply: ThreadReply): void {
  parentPort?.postMessage(reply);
}

function answer(id: number, write: () => unknown): void {
  try {
    send({ kind: 'done', id, value: write() });
  } catch (err) {
    send({ kind: 'failed', id, error: toWire(err) });
  }
}

function throttledProgress(id: number): SyncProgress {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (now - last >= PROGRESS_EVERY_MS) {
      last = now;
      send({ kind: 'progress', id, progress: { ...progress } });
    }
  };
}

parentPort?.on('message', (request: ThreadRequest) => {
  switch (request.kind) {
    case 'sync':
      answer(request.id, () => getEngine().sync(request.dir, throttledProgress(request.id), request.paths));
      return;
    case 'updateConcepts':
      answer(request.id, () => getEngine().updateConcepts(request.change));
      return;
    case 'close':
      db?.close();
      parentPort?.close();
      return;
  }
});
