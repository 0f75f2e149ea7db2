import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, tempWorkspace } from '../support/temp-workspace';

/**
 * The committed migrations build exactly the tables and indexes that prisma/schema.prisma describes. `migrate dev`
 * cannot run here (no schema-engine binary), so migrations are written by hand with `migrate diff`: this catches a
 * schema change without its migration, or a migration edited apart from the schema. The FTS5 search index is
 * hand-written SQL that Prisma does not model, so it is left out.
 */
describe('migrations', () => {
  const objects = (db: Database.Database) =>
    (
      db
        .prepare(
          `SELECT type, name, sql FROM sqlite_master
           WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_%' AND name NOT LIKE 'SearchIndex%' ORDER BY type, name`,
        )
        .all() as { type: string; name: string; sql: string | null }[]
    ).map((o) => `${o.type} ${o.name}: ${(o.sql ?? '').replace(/\s+/g, ' ')}`);

  it('build the database the schema describes', () => {
    // Prisma's config opens the database through its adapter even for a diff from the schema alone: give it one.
    const ws = tempWorkspace();
    const fresh = new Database(':memory:');
    const migrated = new Database(process.env.VAULTGRAPH_TEMPLATE_DB as string, { readonly: true });
    try {
      const prisma = path.join(REPO_ROOT, 'node_modules', 'prisma', 'build', 'index.js');
      const script = execFileSync(
        process.execPath,
        [prisma, 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
        { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: ws.databaseUrl } },
      );
      fresh.exec(script);
      expect(objects(migrated)).toEqual(objects(fresh));
      expect(objects(fresh).length).toBeGreaterThan(20);
    } finally {
      fresh.close();
      migrated.close();
      ws.cleanup();
    }
  });
});
