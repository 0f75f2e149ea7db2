import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The sync's own connection beside Prisma's: bulk writes through prepared statements are 10-20x faster
 * than createMany (see DESIGN.md). WAL lets API readers keep reading the last committed state meanwhile.
 */
export function openSqlite(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}

/** One write transaction that takes SQLite's write lock at its start (BEGIN IMMEDIATE): a sync or a dictionary change. */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * Drop the secondary indexes of `tables` and return what builds them again. Inside a transaction, so a failed or
 * killed run leaves them as they were. For a cold import: building an index from a loaded table is one sort, where
 * keeping it while the rows go in is a random B-tree insert per row and index.
 */
export function deferIndexes(db: Database.Database, tables: string[]): () => void {
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(tables)) as { name: string; sql: string }[];
  for (const index of indexes) {
    db.exec(`DROP INDEX "${index.name}"`);
  }
  let restored = false;
  return () => {
    if (!restored) {
      restored = true;
      for (const index of indexes) {
        db.exec(index.sql);
      }
    }
  };
}
