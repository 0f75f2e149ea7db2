import { Injectable } from '@nestjs/common';
import { SqliteReader } from '../db/sqlite-reader';

/** What the live stream reads: the last sync run, and a fingerprint of every note to tell which ones a run changed. */
@Injectable()
export class LiveChangesRepository {
  constructor(private readonly reader: SqliteReader) {}

  /** The newest SyncRun id (0 before the first sync): a cheap look, covered by the primary key. */
  lastRunId(): number {
    return this.reader.statement('SELECT coalesce(max(id), 0) FROM "SyncRun"').pluck().get() as number;
  }

  /** Note id -> fname, file and content hash (stubs included: one appears or goes as its children do). */
  fingerprints(): Map<string, string> {
    const rows = this.reader.arrayStatement("SELECT id, fname, coalesce(path, ''), coalesce(hash, '') FROM \"Note\"").all() as [
      string,
      string,
      string,
      string,
    ][];
    return new Map(rows.map(([id, fname, path, hash]) => [id, `${fname}\u0000${path}\u0000${hash}`]));
  }
}
