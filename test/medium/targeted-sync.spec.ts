import type Database from 'better-sqlite3';
import path from 'node:path';
import { openSqlite } from '../../src/db/sqlite';
import { VaultSync } from '../../src/sync/vault-sync';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * A sync told which files changed (the watcher's) examines only those, and must leave the database exactly as a
 * whole sync after the same history does (a twin database synced whole at every step), and, where the outcome does
 * not depend on history, as a first sync of the same files: every table a feature writes, row by row.
 */
describe('sync of the changed paths only', () => {
  let ws: TempWorkspace;
  let db: Database.Database;
  let sut: VaultSync;
  let twinWs: TempWorkspace;
  let twinDb: Database.Database;
  let twin: VaultSync;
  const options = { maxFileBytes: 2048, timeZone: 'UTC' };

  beforeEach(() => {
    ws = tempWorkspace();
    db = openSqlite(ws.dbFile);
    sut = new VaultSync(db, options);
    twinWs = tempWorkspace();
    twinDb = openSqlite(twinWs.dbFile);
    twin = new VaultSync(twinDb, options);
  });

  afterEach(() => {
    db.close();
    twinDb.close();
    ws.cleanup();
    twinWs.cleanup();
  });

  /** Every row a sync writes, without rowids that depend on history (concept ids, link ids, search rowids). */
  const state = (d: Database.Database) => {
    const all = (sql: string) =>
      d
        .prepare(sql)
        .all()
        .map((r) => JSON.stringify(r));
    return {
      notes: all('SELECT id, fname, title, stub, parentId, path, hash, body FROM Note ORDER BY id'),
      sections: all('SELECT noteId, ordinal, heading, startLine FROM Section ORDER BY noteId, ordinal'),
      links: all('SELECT sourceId, kind, targetFname, targetId, line, "column" FROM Link ORDER BY sourceId, line, "column", kind'),
      milestones: all('SELECT id, noteId, date, done, line FROM Milestone ORDER BY id'),
      concepts: all('SELECT key, name, kind FROM Concept ORDER BY key'),
      mentions: all('SELECT c.key, m.noteId, m.line FROM ConceptMention m JOIN Concept c ON c.id = m.conceptId ORDER BY 1, 2, 3'),
      search: all('SELECT noteId, sectionOrdinal, heading, text FROM SearchIndex ORDER BY noteId, sectionOrdinal'),
      diagnostics: all('SELECT path, noteId, line, code FROM Diagnostic ORDER BY path, code, line'),
      skipped: all('SELECT path FROM SkippedFile ORDER BY path'),
    };
  };

  const fromScratch = () => {
    const fresh = tempWorkspace();
    const freshDb = openSqlite(fresh.dbFile);
    try {
      new VaultSync(freshDb, options).sync(ws.vault);
      return state(freshDb);
    } finally {
      freshDb.close();
      fresh.cleanup();
    }
  };

  const at = (name: string) => path.join(ws.vault, name);

  it('edits, adds, deletes, renames and skips exactly as a whole sync would', () => {
    ws.write('root.md', note('root', 'Root', 'See [[a]] and [[b.c]].'));
    ws.write('a.md', note('a', 'A', '# One\n\nThe *sidecar* proxy.\n\n- [ ] 2025-01-04: chapter 1'));
    ws.write('big.md', 'x'.repeat(4096)); // skipped (over the limit): its diagnostic must survive other files' syncs
    ws.write('dup.md', note('a', 'Dup', 'Same id as a.md.'));
    sut.sync(ws.vault);
    twin.sync(ws.vault);
    expect(state(db)).toEqual(fromScratch());

    // [what, the change (returns the paths it touched), whether a first sync must agree too]
    const steps: [string, () => string[], boolean][] = [
      ['an edit', () => [ws.write('a.md', note('a', 'A', '# One\n\nThe *sidecar* and *Envoy*.\n\n- [x] 2025-01-04: chapter 1'))], true],
      ['a new note that a link was waiting for', () => [ws.write('b.c.md', note('bc', 'B C', 'Back to [[a]]. Envoy again.'))], true],
      [
        'a rename (old path gone, new path with the same id)',
        () => {
          const text = ws.read('b.c.md');
          ws.remove('b.c.md');
          return [at('b.c.md'), ws.write('b.d.md', text)];
        },
        true,
      ],
      // dup.md keeps its derived id until it changes (as with a whole sync): history matters from here
      ['a note too big to index', () => [ws.write('a.md', 'y'.repeat(4096))], false],
      ['the same note fixed', () => [ws.write('a.md', note('a', 'A', 'Back, with a *sidecar*.'))], false],
      [
        'a deletion',
        () => {
          ws.remove('b.d.md');
          return [at('b.d.md')];
        },
        false,
      ],
      ['a file that is no note', () => [ws.write('notes.txt', 'ignored')], false],
    ];
    for (const [what, step, historyFree] of steps) {
      const paths = step();
      const report = sut.sync(ws.vault, undefined, paths);
      twin.sync(ws.vault);
      expect({ what, state: state(db) }).toEqual({ what, state: state(twinDb) });
      if (historyFree) {
        expect({ what, state: state(db) }).toEqual({ what, state: fromScratch() });
      }
      if (what === 'a note too big to index') {
        // The note is gone, and the file says why.
        expect(state(db).diagnostics).toContain('{"path":"a.md","noteId":null,"line":null,"code":"FILE_TOO_LARGE"}');
      }
      // Only the files it was given were looked at.
      expect(report.added + report.updated + report.renamed + report.deleted + report.unchanged).toBeLessThanOrEqual(paths.length);
    }
    // The duplicate id is still reported against the file outside every step's paths.
    expect(state(db).diagnostics.some((d) => d.includes('DUPLICATE_ID'))).toBe(true);
    expect(state(db).skipped).toEqual(['{"path":"big.md"}']);
  });

  it('writes nothing when the files it was given did not change', () => {
    ws.write('a.md', note('a', 'A', 'Text.'));
    sut.sync(ws.vault);
    const before = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const report = sut.sync(ws.vault, undefined, [at('a.md')]);
    expect(report).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 1 });
    // The run record is the only write.
    expect((db.prepare('SELECT total_changes() AS n').get() as { n: number }).n - before).toBe(1);
  });
});
