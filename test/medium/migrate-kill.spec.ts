import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ensureMigrated, pendingMigrations } from '../../src/db/migrate';
import { exited, spawnCli } from '../support/spawn-cli';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * `kill -9` of a real `vaultgraph sync` while it builds a new database: whatever moment the kill lands, the next start
 * succeeds and the schema is complete. The first migration runs in `<db>.migrating-<pid>`, so the kill is aimed at
 * the moments after that file appears.
 */
describe('first migration under kill -9', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = tempWorkspace();
    ws.write('root.md', note('root', 'Root', 'hello'));
  });

  afterAll(() => ws.cleanup());

  const tablesOf = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
        (t) => t.name,
      );
    } finally {
      db.close();
    }
  };

  it('leaves no database or a complete one, and the next start succeeds', async () => {
    const expectedTables = tablesOf(process.env.VAULTGRAPH_TEMPLATE_DB as string);
    let landedDuringMigrate = 0;
    for (const delayMs of [0, 100, 400]) {
      const dir = path.join(ws.dir, `kill-${delayMs}`);
      const dbFile = path.join(dir, 'vaultgraph.db');
      const child = spawnCli(['sync', '--vault', ws.vault, '--quiet'], { DATABASE_URL: `file:${dbFile}` }, { detached: true });
      const attempt = () => (fs.existsSync(dir) ? fs.readdirSync(dir).some((n) => n.includes('.migrating-')) : false);
      for (let i = 0; i < 600 && !attempt() && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(attempt()).toBe(true);
      await new Promise((r) => setTimeout(r, delayMs));
      try {
        process.kill(-(child.pid as number), 'SIGKILL'); // the whole group: the CLI and the prisma process it runs
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ESRCH'); // it had already finished
      }
      await exited(child);
      await new Promise((r) => setTimeout(r, 50)); // the group's other processes die too

      if (fs.existsSync(dbFile)) {
        expect(pendingMigrations(dbFile)).toEqual([]);
      } else {
        landedDuringMigrate++;
      }
      ensureMigrated(dbFile);
      expect(pendingMigrations(dbFile)).toEqual([]);
      expect(tablesOf(dbFile)).toEqual(expectedTables);
      expect(fs.readdirSync(dir).filter((n) => n.includes('.migrating-'))).toEqual([]);
    }
    expect(landedDuringMigrate).toBeGreaterThan(0);
  });
});
