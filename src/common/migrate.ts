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

/** Apply pending migrations; cheap (one read) when there are none. */
export function ensureMigrated(databaseFile: string): void {
  if (pendingMigrations(databaseFile).length > 0) {
    migrateDatabase(databaseFile);
  }
}
