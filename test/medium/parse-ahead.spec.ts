import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ConceptStatements } from '../../src/concepts/concept-index.statements';
import { KeptMentionTexts } from '../../src/concepts/kept-mention-texts';
import { openSqlite } from '../../src/db/sqlite';
import { readNote } from '../../src/sync/note-reader';
import { ParseAhead } from '../../src/sync/parse-ahead';
import { VaultSync } from '../../src/sync/vault-sync';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateVault } = require('../../scripts/gen-vault') as {
  generateVault(o: { out: string; notes: number; bodyKb?: number; quiet?: boolean }): unknown;
};

/**
 * Parsing ahead on worker threads (a cold import of many files) must store exactly what reading on the sync's own
 * thread does, bad files included, in the same order (link ids, concept first-seen order).
 */
describe('parse ahead on worker threads', () => {
  let ws: TempWorkspace;
  let other: TempWorkspace;

  beforeAll(() => {
    ws = tempWorkspace();
    other = tempWorkspace();
    fs.rmSync(ws.vault, { recursive: true });
    generateVault({ out: ws.vault, notes: 120, bodyKb: 1, quiet: true });
    ws.write('binary.md', Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01]));
    ws.write('bad-frontmatter.md', '---\nid: [unclosed\n---\nBody with a *sidecar*.\n');
    ws.write('oversized.md', 'z'.repeat(70 * 1024));
    fs.symlinkSync('nowhere.md', path.join(ws.vault, 'dangling.md'));
    ws.write('late.md', note('late', 'Late', 'Links back to [[root]] and [[missing.note]].'));
  });

  afterAll(() => {
    ws.cleanup();
    other.cleanup();
  });

  const dump = (d: Database.Database) => {
    const all = (sql: string) => d.prepare(sql).all();
    return {
      notes: all('SELECT id, fname, title, stub, parentId, path, hash, body, bodyLine FROM Note ORDER BY id'),
      sections: all('SELECT * FROM Section ORDER BY id'),
      links: all('SELECT * FROM Link ORDER BY id'),
      milestones: all('SELECT * FROM Milestone ORDER BY id'),
      concepts: all('SELECT * FROM Concept ORDER BY id'),
      sources: all('SELECT * FROM ConceptSource ORDER BY id'),
      mentions: all('SELECT * FROM ConceptMention ORDER BY id'),
      search: all('SELECT rowid, * FROM SearchIndex ORDER BY rowid'),
      diagnostics: all('SELECT vaultId, noteId, path, line, code, severity, message FROM Diagnostic ORDER BY id'),
      skipped: all('SELECT path, size FROM SkippedFile ORDER BY path'),
    };
  };

  it('stores the same rows as reading on the sync thread', () => {
    const syncWith = (t: TempWorkspace, parseAheadMinFiles: number) => {
      const db = openSqlite(t.dbFile);
      try {
        const report = new VaultSync(db, { maxFileBytes: 64 * 1024, timeZone: 'UTC', parseAheadMinFiles }).sync(ws.vault);
        return { report: { ...report, durationMs: 0, runId: 0 }, rows: dump(db) };
      } finally {
        db.close();
      }
    };
    const ahead = syncWith(ws, 10);
    const inline = syncWith(other, Number.POSITIVE_INFINITY);
    expect(ahead.report.added).toBeGreaterThan(120);
    expect(ahead.rows.notes.length).toBeGreaterThan(120);
    expect(ahead.rows.diagnostics.map((d) => (d as { code: string }).code)).toEqual(
      expect.arrayContaining(['FILE_TOO_LARGE', 'UNREADABLE']),
    );
    expect(ahead).toEqual(inline);
  });

  it('keeps mention texts past a memory budget in a temporary table, with the same mentions', () => {
    const mentions = (t: TempWorkspace, keptMentionChars: number) => {
      const db = openSqlite(t.dbFile);
      try {
        db.exec('DELETE FROM Note; DELETE FROM Concept; DELETE FROM Vault; DELETE FROM SearchIndex;');
        new VaultSync(db, { maxFileBytes: 64 * 1024, timeZone: 'UTC', keptMentionChars }).sync(ws.vault);
        const rows = db
          .prepare(
            'SELECT c.key, m.noteId, m.sectionOrdinal, m.line FROM ConceptMention m JOIN Concept c ON c.id = m.conceptId ORDER BY m.id',
          )
          .all();
        // The temporary table is gone with the sync.
        expect(db.prepare("SELECT count(*) AS n FROM temp.sqlite_master WHERE name = 'KeptMentionText'").get()).toEqual({ n: 0 });
        return rows;
      } finally {
        db.close();
      }
    };
    const all = mentions(ws, Number.POSITIVE_INFINITY);
    const spilled = mentions(other, 2_000); // a few notes' worth: nearly every text goes to the temporary table
    expect(all.length).toBeGreaterThan(100);
    expect(spilled).toEqual(all);
  });

  it('gives back a spilled text and its sections as they were kept', () => {
    const db = openSqlite(other.dbFile);
    try {
      const noteId = (db.prepare('SELECT noteId FROM Section LIMIT 1').get() as { noteId: string }).noteId;
      const sections = db
        .prepare(
          'SELECT heading, depth, slug, chapter, startLine, endLine, parentOrdinal AS parent FROM Section WHERE noteId = ? ORDER BY ordinal',
        )
        .all(noteId);
      const statements = new ConceptStatements(db);
      const store = new KeptMentionTexts(db, (id) => statements.sectionsOf(id), 10);
      const text = { text: 'A sidecar \u0000 and Envoy, 12 chars more', lines: [0, 9, 12, 10.5, 30, 11] };
      db.transaction(() => {
        store.set('small', { text: { text: 'tiny', lines: [0, 1] }, sections: [] });
        store.set(noteId, { text, sections: [] });
        expect(store.spilledCount).toBe(1);
        expect(store.get('small')).toEqual({ text: { text: 'tiny', lines: [0, 1] }, sections: [] });
        expect(store.get(noteId)).toEqual({ text, sections });
        expect(store.get('nobody')).toBeUndefined();
        store.clear();
      })();
    } finally {
      db.close();
    }
  });

  it('parses a batch on the sync thread rather than wait, and still gives every result in order', () => {
    const names = fs
      .readdirSync(ws.vault)
      .filter((n) => n.endsWith('.md'))
      .sort();
    const jobs = names.map((n) => ({ root: ws.vault, path: n, fname: n.slice(0, -3), knownHash: null }));
    const settings = { timeZone: 'UTC', taskConfig: {} };
    // Asked at once, before the worker has even loaded the parser: waiting is the only alternative to stealing.
    const ahead = new ParseAhead(jobs, settings, { workers: 1, batch: 2 });
    try {
      const results = jobs.map((j) => ahead.next(j.path));
      expect(ahead.stolenCount).toBeGreaterThan(0);
      expect(results).toEqual(jobs.map((j) => readNote(j, settings)));
      expect(() => ahead.next('beyond.md')).toThrow(/out of order/);
    } finally {
      ahead.close();
    }
  });
});
