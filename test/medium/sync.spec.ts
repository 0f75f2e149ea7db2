import type Database from 'better-sqlite3';
import path from 'node:path';
import fs from 'node:fs';
import { openSqlite } from '../../src/db/sqlite';
import { VaultSync, type SyncReport } from '../../src/sync/vault-sync';
import { note, REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** Medium tier: the real sync engine and repository on a real temporary SQLite file and vault. */
describe('VaultSync', () => {
  let ws: TempWorkspace;
  let db: Database.Database;
  let sut: VaultSync;
  const sync = (): SyncReport => sut.sync(ws.vault);
  const rows = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

  beforeEach(() => {
    ws = tempWorkspace();
    db = openSqlite(ws.dbFile);
    sut = new VaultSync(db, { maxFileBytes: 64 * 1024, timeZone: 'UTC' });
    ws.write('root.md', note('root', 'Root', 'See [[course]] and [[course.ch1]].'));
    ws.write('course.md', note('c1', 'Course', '# Course\n\n[[course.ch1]] [[course.ch2]] [[missing.note]] #istio'));
    ws.write('course.ch1.md', note('ch1', 'Chapter 1', 'Back to [[course]].'));
    ws.write('a.b.c.md', note('abc', 'Deep', 'deep note'));
  });

  afterEach(() => {
    db.close();
    ws.cleanup();
  });

  it('syncs a vault cold: notes, stubs, sections, resolved and unresolved links', () => {
    const report = sync();
    expect(report).toMatchObject({ added: 4, updated: 0, deleted: 0, unchanged: 0, notes: 4, diagnostics: [] });
    const stubs = rows<{ fname: string }>('SELECT fname FROM Note WHERE stub = 1 ORDER BY fname').map((r) => r.fname);
    expect(stubs).toEqual(['a', 'a.b']);
    const parent = one<{ fname: string }>('SELECT p.fname FROM Note n JOIN Note p ON p.id = n.parentId WHERE n.id = ?', 'abc');
    expect(parent.fname).toBe('a.b');
    const links = rows<{ targetFname: string; targetId: string | null }>(
      "SELECT targetFname, targetId FROM Link WHERE sourceId = 'c1' ORDER BY id",
    );
    expect(links).toEqual([
      { targetFname: 'course.ch1', targetId: 'ch1' },
      { targetFname: 'course.ch2', targetId: null },
      { targetFname: 'missing.note', targetId: null },
      { targetFname: 'tags.istio', targetId: null },
    ]);
  });

  it('does nothing on a resync with no change', () => {
    sync();
    const before = one<{ n: number }>('SELECT total_changes() AS n').n;
    const report = sync();
    expect(report).toMatchObject({ added: 0, updated: 0, deleted: 0, renamed: 0, unchanged: 4 });
    // Only the sync-run row itself is written.
    expect(one<{ n: number }>('SELECT total_changes() AS n').n - before).toBe(1);
  });

  it('follows edits, additions, deletions and renames; a rename keeps id and backlinks', () => {
    sync();
    ws.write('course.md', note('c1', 'Course (edited)', '[[course.ch1]] [[course.ch2]] [[course.intro]]'));
    ws.write('course.ch2.md', note('ch2', 'Chapter 2', 'new'));
    ws.remove('a.b.c.md');
    fs.renameSync(path.join(ws.vault, 'course.ch1.md'), path.join(ws.vault, 'course.intro.md'));
    const report = sync();
    expect(report).toMatchObject({ added: 1, updated: 1, deleted: 1, renamed: 1, unchanged: 1 });
    expect(one<{ fname: string }>("SELECT fname FROM Note WHERE id = 'ch1'").fname).toBe('course.intro');
    // The link to course.ch2 resolves now that the note exists; the renamed note keeps a backlink via its new name.
    const targets = rows<{ targetFname: string; targetId: string | null }>(
      "SELECT targetFname, targetId FROM Link WHERE sourceId = 'c1' ORDER BY id",
    );
    expect(targets).toEqual([
      { targetFname: 'course.ch1', targetId: null },
      { targetFname: 'course.ch2', targetId: 'ch2' },
      { targetFname: 'course.intro', targetId: 'ch1' },
    ]);
    // root's [[course.ch1]] became unresolved; the stubs of the deleted deep note are gone.
    expect(rows("SELECT 1 FROM Note WHERE stub = 1 AND fname IN ('a', 'a.b')")).toHaveLength(0);
  });

  it('turns a stub into a note when its file appears, re-parenting the children', () => {
    sync();
    ws.write('a.b.md', note('ab', 'AB', 'now real'));
    sync();
    expect(one<{ parentId: string }>("SELECT parentId FROM Note WHERE id = 'abc'").parentId).toBe('ab');
    expect(rows("SELECT 1 FROM Note WHERE fname = 'a.b' AND stub = 1")).toHaveLength(0);
  });

  it('reports every bad file and still syncs the good ones', () => {
    ws.write('broken-yaml.md', '---\nid: by\ntitle: [oops\n---\n\nbody [[course]]\n');
    ws.write('no-frontmatter.md', '# Plain\n\nno frontmatter\n');
    ws.write('dup-a.md', note('ch1', 'Dup A', 'same id as course.ch1'));
    ws.write('latin1.md', Buffer.concat([Buffer.from('---\nid: l1\n---\n\ncaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]));
    ws.write('binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    ws.write('huge.md', `---\nid: huge\n---\n${'x'.repeat(70 * 1024)}\n`);
    ws.write('bom-crlf.md', `\uFEFF${note('bom', 'Bom', '[[course]]').replace(/\n/g, '\r\n')}`);
    const report = sync();
    const byFile = Object.fromEntries(report.diagnostics.map((d) => [d.file, d.code]));
    expect(byFile).toEqual({
      'broken-yaml.md': 'YAML_ERROR',
      'no-frontmatter.md': 'NO_FRONTMATTER',
      'dup-a.md': 'DUPLICATE_ID',
      'latin1.md': 'INVALID_UTF8',
      'binary.md': 'BINARY_FILE',
      'huge.md': 'FILE_TOO_LARGE',
    });
    const fnames = rows<{ fname: string }>('SELECT fname FROM Note WHERE stub = 0 ORDER BY fname').map((r) => r.fname);
    expect(fnames).toEqual(['a.b.c', 'bom-crlf', 'broken-yaml', 'course', 'course.ch1', 'dup-a', 'latin1', 'no-frontmatter', 'root']);
    // The duplicate did not overwrite course.ch1.
    expect(one<{ title: string }>("SELECT title FROM Note WHERE id = 'ch1'").title).toBe('Chapter 1');
    expect(one<{ id: string }>("SELECT id FROM Note WHERE fname = 'bom-crlf'").id).toBe('bom');
    expect(one<{ n: number }>('SELECT count(*) AS n FROM Diagnostic').n).toBe(6);
    // A resync reads none of the bad files again and keeps their diagnostics.
    const again = sync();
    expect(again).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM Diagnostic').n).toBe(6);
  });

  it('fails on a missing vault folder and leaves the database untouched', () => {
    sync();
    const before = one<{ n: number }>('SELECT count(*) AS n FROM Note').n;
    expect(() => sut.sync(path.join(ws.dir, 'nope'))).toThrow(/does not exist/);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM Note').n).toBe(before);
  });

  it('reads the vaults of a dendron.yml workspace', () => {
    const wsDir = path.join(ws.dir, 'workspace');
    fs.mkdirSync(path.join(wsDir, 'notes'), { recursive: true });
    fs.writeFileSync(path.join(wsDir, 'dendron.yml'), 'workspace:\n  vaults:\n    - fsPath: notes\n      name: main\n');
    fs.writeFileSync(path.join(wsDir, 'notes', 'x.md'), note('x1', 'X', 'x'));
    const report = sut.sync(wsDir);
    expect(report.notes).toBe(1);
    expect(one<{ name: string }>('SELECT v.name FROM Note n JOIN Vault v ON v.id = n.vaultId WHERE n.id = ?', 'x1').name).toBe('main');
  });

  it('syncs the shipped seeds vault', () => {
    const seeds = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    try {
      const report = sut.sync(seeds.vault);
      expect(report.diagnostics).toEqual([]);
      expect(one<{ title: string }>("SELECT title FROM Note WHERE fname = 'lfs144'").title).toBe('Lfs144');
    } finally {
      seeds.cleanup();
    }
  });
});
