import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { openSqlite } from '../../src/db/sqlite';
import { VaultSync } from '../../src/sync/vault-sync';
import { note, REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * The bad-input corpus (test/fixtures/bad-vault): one diagnostic per bad file, every good note present.
 * Files are committed as they are (.gitattributes keeps CRLF, BOM and binary bytes); the symlinks are a loop
 * and a dangling link. The size limit is set to 2 KB here so that oversized.md stays small in the repo.
 */
describe('bad input corpus', () => {
  let ws: TempWorkspace;
  let db: Database.Database;
  let sut: VaultSync;
  const fnames = () =>
    (db.prepare('SELECT fname FROM Note WHERE stub = 0 ORDER BY fname').all() as { fname: string }[]).map((r) => r.fname);

  beforeEach(() => {
    ws = tempWorkspace();
    fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'bad-vault'), ws.vault, { recursive: true, verbatimSymlinks: true });
    db = openSqlite(ws.dbFile);
    sut = new VaultSync(db, { maxFileBytes: 2048, timeZone: 'UTC' });
  });

  afterEach(() => {
    db.close();
    ws.cleanup();
  });

  it('reports each bad file once, with file, line where there is one, and code; keeps every good note', () => {
    const report = sut.sync(ws.vault);
    const found = report.diagnostics.map((d) => [d.file, d.line, d.code]).sort();
    expect(found).toEqual([
      ['broken-yaml.md', 4, 'YAML_ERROR'],
      ['dangling.md', null, 'UNREADABLE'],
      ['image-named-like-a-note.md', null, 'BINARY_FILE'],
      ['latin1.md', 6, 'INVALID_UTF8'],
      ['loop-a.md', null, 'UNREADABLE'],
      ['loop-b.md', null, 'UNREADABLE'],
      ['no-frontmatter.md', 1, 'NO_FRONTMATTER'],
      ['oversized.md', null, 'FILE_TOO_LARGE'],
      ['renamed-copy-of-good.md', 2, 'DUPLICATE_ID'],
    ]);
    expect(fnames()).toEqual(['also-good', 'bom-crlf', 'broken-yaml', 'good', 'latin1', 'no-frontmatter', 'renamed-copy-of-good']);
    // The duplicate did not take over good.md's id; BOM + CRLF parse like any note.
    expect(db.prepare("SELECT fname FROM Note WHERE id = 'good'").pluck().get()).toBe('good');
    const bom = db.prepare("SELECT id, title FROM Note WHERE fname = 'bom-crlf'").get();
    expect(bom).toEqual({ id: 'bom-crlf', title: 'Bom Crlf' });
    expect(db.prepare("SELECT targetId FROM Link WHERE sourceId = 'bom-crlf'").pluck().all()).toEqual(['good']);
  });

  it('keeps the vaults it knew when dendron.yml stops parsing', () => {
    const wsDir = path.join(ws.dir, 'workspace');
    fs.mkdirSync(path.join(wsDir, 'notes'), { recursive: true });
    fs.writeFileSync(path.join(wsDir, 'dendron.yml'), 'workspace:\n  vaults:\n    - fsPath: notes\n      name: main\n');
    fs.writeFileSync(path.join(wsDir, 'notes', 'a.md'), note('a', 'A', 'a'));
    sut.sync(wsDir);
    fs.writeFileSync(path.join(wsDir, 'dendron.yml'), 'workspace:\n  vaults: [ {fsPath: notes\n');
    const report = sut.sync(wsDir);
    expect(report.diagnostics).toEqual([expect.objectContaining({ file: 'dendron.yml', code: 'CONFIG_ERROR' })]);
    expect(report).toMatchObject({ deleted: 0, unchanged: 1, notes: 1 });
  });
});
