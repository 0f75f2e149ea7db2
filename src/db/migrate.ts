import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The project folder (holds prisma.config.ts and prisma/migrations), from src/common or dist/common. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const MIGRATIONS = path.join(PROJECT_ROOT, 'prisma', 'migrations');

/** `prisma migrate deploy` on the database file: committed migrations only, no engine binary needed. */
export function migrateDatabase(databaseFile: string): void {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  execFileSync(process.execPath, [cli, 'migrate', 'deploy'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Migrations committed in prisma/migrations that the database has not applied yet. */
export function pendingMigrations(databaseFile: string): string[] {
  const all = fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  if (!fs.existsSync(databaseFile)) {
    return all;
  }
  const db = new Database(databaseFile, { readonly: true, timeout: 5000 });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) {
      return all;
    }
    const applied = new Set(
      (db.prepare('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL').all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    return all.filter((m) => !applied.has(m));
  } finally {
    db.close();
  }
}

/**
 * Apply pending migrations; cheap (a directory listing and one read) when there are none. A new database is built
 * in a temporary file beside it and moved into place only when complete, so a process killed during its first
 * migration leaves no database (the next start begins again) rather than a half-migrated one.
 */
export function ensureMigrated(databaseFile: string): void {
  removeKilledAttempts(databaseFile);
  if (!fs.existsSync(databaseFile)) {
    createDatabase(databaseFile);
  }
  if (pendingMigrations(databaseFile).length > 0) {
    migrateDatabase(databaseFile);
  }
}

const ATTEMPT = '.migrating-';

/** Migrate `<db>.migrating-<pid>`, fold its journal in, then link it to `<db>` unless another process got there first. */
function createDatabase(databaseFile: string): void {
  const tmp = `${databaseFile}${ATTEMPT}${process.pid}`;
  removeDatabaseFiles(tmp);
  try {
    migrateDatabase(tmp);
    const db = new Database(tmp);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(tmp, databaseFile); // atomic, and never replaces a database another process has just created
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw err;
      }
    }
  } finally {
    removeDatabaseFiles(tmp);
  }
}

/** Leftovers of a first migration whose process is gone (killed): removed before anything else. */
function removeKilledAttempts(databaseFile: string): void {
  const dir = path.dirname(databaseFile);
  const prefix = `${path.basename(databaseFile)}${ATTEMPT}`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // no folder yet, so no leftovers
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? Number.parseInt(name.slice(prefix.length), 10) : NaN;
    if (Number.isInteger(pid) && !isRunning(pid)) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) {
    fs.rmSync(`${file}${suffix}`, { force: true });
  }
}
