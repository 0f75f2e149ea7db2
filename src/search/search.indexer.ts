import type Database from 'better-sqlite3';
import type { NoteDoc } from '../vault/note-doc';
import { searchChunks } from '../vault/parse/search-chunks';

/**
 * The search feature's part of a sync: a written note's FTS5 rows (one per section, from searchChunks), and the rowid
 * range that finds them again (SearchRange: noteId is UNINDEXED in the FTS5 table).
 */
export class SearchIndexer {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertSearch: p('INSERT INTO SearchIndex (noteId, sectionOrdinal, title, heading, text) VALUES (?, ?, ?, ?, ?)'),
      searchRangeOf: p('SELECT first, last FROM SearchRange WHERE noteId = ?'),
      // One rowid at a time: FTS5 serves `rowid = ?` from its content table, but `rowid BETWEEN` took 30 ms at 10k notes.
      deleteSearchRow: p('DELETE FROM SearchIndex WHERE rowid = ?'),
      upsertSearchRange: p(
        'INSERT INTO SearchRange (noteId, first, last) VALUES (?, ?, ?) ON CONFLICT (noteId) DO UPDATE SET first = excluded.first, last = excluded.last',
      ),
      deleteSearchRange: p('DELETE FROM SearchRange WHERE noteId = ?'),
      notesMatching: p('SELECT DISTINCT noteId FROM SearchIndex WHERE SearchIndex MATCH ?'),
    };
  }

  /** Replace the note's rows; `existed`: it may have rows already. */
  writeNote(noteId: string, doc: NoteDoc, existed: boolean): void {
    if (existed) {
      this.removeNote(noteId);
    }
    let first: number | null = null;
    let last = 0;
    for (const chunk of searchChunks(doc.body, doc.bodyLine, doc.sections)) {
      last = Number(this.s.insertSearch.run(noteId, chunk.section, doc.title, chunk.heading, chunk.text).lastInsertRowid);
      first ??= last;
    }
    if (first === null) {
      this.s.deleteSearchRange.run(noteId);
    } else {
      this.s.upsertSearchRange.run(noteId, first, last);
    }
  }

  /** Before the note's row is deleted (its SearchRange goes with it: foreign key; the FTS5 rows do not). */
  removeNote(noteId: string): void {
    const range = this.s.searchRangeOf.get(noteId) as { first: number; last: number } | undefined;
    if (range) {
      for (let rowid = range.first; rowid <= range.last; rowid++) {
        this.s.deleteSearchRow.run(rowid);
      }
    }
  }

  /** Notes with a row matching an FTS5 query (the concept step's way to find notes that may name a new concept). */
  notesMatching(match: string): string[] {
    return (this.s.notesMatching.all(match) as { noteId: string }[]).map((r) => r.noteId);
  }
}
