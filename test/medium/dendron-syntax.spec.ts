import type Database from 'better-sqlite3';
import path from 'node:path';
import { openSqlite } from '../../src/db/sqlite';
import { VaultSync } from '../../src/sync/vault-sync';
import { REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * The tag and code case vault synced into a real database. Expected: what Dendron 0.122's engine extracts from the
 * same files (`npm run dendron-compare -- test/fixtures/dendron-cases/syntax`), except code.md:19 (D8).
 */
describe('tags and code as Dendron reads them', () => {
  let ws: TempWorkspace;
  let db: Database.Database;

  beforeEach(() => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'test/fixtures/dendron-cases/syntax'));
    db = openSqlite(ws.dbFile);
    new VaultSync(db, { maxFileBytes: 64 * 1024, timeZone: 'UTC' }).sync(ws.vault);
  });

  afterEach(() => {
    db.close();
    ws.cleanup();
  });

  const tags = (noteId: string) =>
    (
      db
        .prepare("SELECT line, targetFname FROM Link WHERE sourceId = ? AND kind IN ('hashtag', 'usertag') ORDER BY line, \"column\"")
        .all(noteId) as { line: number; targetFname: string }[]
    ).map((l) => `${l.line} ${l.targetFname}`);

  it('tags: first characters, and none after a symbol inside a word', () => {
    expect(tags('tags')).toEqual([
      '6 tags.{task.get_name',
      '10 tags.again',
      '12 tags.é',
      '12 tags.{x}',
      '12 tags.*x',
      '12 tags.-x',
      '12 tags._x',
      '12 user..x',
      '12 user.1x',
      '12 user.{bob}',
      '14 user.alice',
    ]);
  });

  it('code under list items: Dendron and we agree but for a `1.` item indented seven columns (D8)', () => {
    // Dendron also finds tags.set-c at line 19: remark-parse 8 strips four columns under `1.`, CommonMark three.
    expect(tags('code')).toEqual(['14 tags.set-b']);
  });

  it('a tag after a heading with emphasis and code', () => {
    expect(tags('heading')).toEqual(['8 user.alice', '10 user.bob', '11 user.carol']);
  });
});
