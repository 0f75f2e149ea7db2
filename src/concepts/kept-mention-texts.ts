import type Database from 'better-sqlite3';
import type { ParsedMentions } from '../sync/change-set';
import type { ParsedSection } from '../vault/note-doc';
import { SECTIONS_OF_NOTE } from './concept-index.statements';

/** Characters of mention text kept in memory per sync; beyond, texts go to a temporary table (a file, not the heap). */
export const MAX_KEPT_CHARS = 48 * 1024 * 1024;

/**
 * The mention texts of the notes a sync parsed, kept until the concept set is known at its end (ConceptRebuild
 * matches them then, without tokenizing any body again). Memory is bounded by a budget, not by the vault: a 10k-note
 * vault's texts (~40 MB) stay in memory; past the budget, a text is written to a TEMP table of the sync's connection
 * (SQLite keeps it in a temporary file) and read back once when matched, with its sections from the Section table.
 */
export class KeptMentionTexts {
  private readonly inMemory = new Map<string, ParsedMentions>();
  private chars = 0;
  private spilled = 0;
  private s: { insert: Database.Statement; get: Database.Statement; sections: Database.Statement } | null = null;

  constructor(
    private readonly db: Database.Database | null,
    private readonly budget = MAX_KEPT_CHARS,
  ) {}

  set(noteId: string, parsed: ParsedMentions): void {
    const size = parsed.text.text.length;
    if (this.db === null || this.chars + size <= this.budget) {
      this.chars += size;
      this.inMemory.set(noteId, parsed);
      return;
    }
    const s = this.statements(this.db);
    s.insert.run(noteId, parsed.text.text, Buffer.from(new Float64Array(parsed.text.lines).buffer));
    this.spilled++;
  }

  get(noteId: string): ParsedMentions | undefined {
    const kept = this.inMemory.get(noteId);
    if (kept || this.spilled === 0 || this.s === null) {
      return kept;
    }
    const row = this.s.get.get(noteId) as { text: string; lines: Buffer } | undefined;
    if (!row) {
      return undefined;
    }
    const lines = Array.from(new Float64Array(row.lines.buffer, row.lines.byteOffset, row.lines.byteLength / 8));
    return { text: { text: row.text, lines }, sections: this.s.sections.all(noteId) as ParsedSection[] };
  }

  /** How many texts went to the temporary table (for tests and benchmarks). */
  get spilledCount(): number {
    return this.spilled;
  }

  /** Drop the temporary table (at the end of the sync's transaction). */
  clear(): void {
    this.inMemory.clear();
    this.chars = 0;
    if (this.s !== null && this.db !== null) {
      this.db.exec('DROP TABLE IF EXISTS temp.KeptMentionText');
      this.s = null;
      this.spilled = 0;
    }
  }

  private statements(db: Database.Database) {
    if (this.s === null) {
      db.exec('CREATE TEMP TABLE IF NOT EXISTS KeptMentionText (noteId TEXT PRIMARY KEY, text TEXT NOT NULL, lines BLOB NOT NULL)');
      this.s = {
        insert: db.prepare('INSERT OR REPLACE INTO temp.KeptMentionText (noteId, text, lines) VALUES (?, ?, ?)'),
        get: db.prepare('SELECT text, lines FROM temp.KeptMentionText WHERE noteId = ?'),
        sections: db.prepare(SECTIONS_OF_NOTE),
      };
    }
    return this.s;
  }
}
