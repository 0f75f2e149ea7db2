import type Database from 'better-sqlite3';
import type { NoteDoc, ParsedSection } from '../vault/note-doc';
import type { ConceptKindName, DictionaryEntry } from '../vault/parse/concept-dictionary';
import { normalizeConceptName } from '../vault/parse/concepts';
import { searchChunks } from '../vault/parse/search-chunks';

export interface StoredConcept {
  id: number;
  key: string;
  name: string;
  kind: ConceptKindName;
  url: string | null;
  /** JSON array. */
  aliases: string;
}

export type ConceptRow = Omit<StoredConcept, 'id'>;

/** ConceptSource rows grouped by what they say. */
export interface SourceSummary {
  key: string;
  kind: ConceptKindName;
  name: string;
  url: string | null;
  n: number;
  first: number;
}

interface DefinitionRow {
  name: string;
  /** JSON array. */
  aliases: string;
}

/**
 * The sync's writes to the concept and search tables, on the sync's connection. Per-note rows (concept sources,
 * search rows) are written with the note; concepts and mentions by the post-pass (ConceptRebuild).
 */
export class ConceptIndexRepository {
  private readonly s;
  /** Whether this run deleted a note. */
  private deletedNotes = false;
  /** Notes written in this run (new or changed), whose mentions must be matched again. */
  private readonly writtenNotes = new Set<string>();
  /** Keys of the concept sources this run removed or added: only their concepts can change. */
  private readonly touchedKeys = new Set<string>();

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      deleteSources: p('DELETE FROM ConceptSource WHERE noteId = ?'),
      insertSource: p('INSERT INTO ConceptSource (noteId, key, name, kind, url, line) VALUES (?, ?, ?, ?, ?, ?)'),
      insertSearch: p('INSERT INTO SearchIndex (noteId, sectionOrdinal, title, heading, text) VALUES (?, ?, ?, ?, ?)'),
      searchRangeOf: p('SELECT first, last FROM SearchRange WHERE noteId = ?'),
      // noteId is UNINDEXED in the FTS5 table: a note's rows are found by their rowid range (SearchRange), one rowid
      // at a time (FTS5 serves `rowid = ?` from its content table, but `rowid BETWEEN` took 30 ms at 10k notes).
      deleteSearchRow: p('DELETE FROM SearchIndex WHERE rowid = ?'),
      upsertSearchRange: p(
        'INSERT INTO SearchRange (noteId, first, last) VALUES (?, ?, ?) ON CONFLICT (noteId) DO UPDATE SET first = excluded.first, last = excluded.last',
      ),
      deleteSearchRange: p('DELETE FROM SearchRange WHERE noteId = ?'),
      sourceKeysOf: p('SELECT DISTINCT key FROM ConceptSource WHERE noteId = ?'),
      sourceSummary: p(
        'SELECT key, kind, name, url, count(*) AS n, min(id) AS first FROM ConceptSource GROUP BY key, kind, name, url ORDER BY first',
      ),
      sourceSummaryOf: p(
        `SELECT key, kind, name, url, count(*) AS n, min(id) AS first FROM ConceptSource WHERE key IN (SELECT value FROM json_each(?))
         GROUP BY key, kind, name, url ORDER BY first`,
      ),
      concepts: p('SELECT id, key, name, kind, url, aliases FROM Concept'),
      insertConcept: p('INSERT INTO Concept (key, name, kind, url, aliases) VALUES (@key, @name, @kind, @url, @aliases)'),
      updateConcept: p('UPDATE Concept SET name = @name, kind = @kind, url = @url, aliases = @aliases WHERE id = @id'),
      deleteConcept: p('DELETE FROM Concept WHERE id = ?'),
      definitions: p('SELECT name, aliases FROM ConceptDefinition ORDER BY updatedMs, name'),
      upsertDefinition: p(
        'INSERT INTO ConceptDefinition (name, aliases, updatedMs) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET aliases = excluded.aliases, updatedMs = excluded.updatedMs',
      ),
      deleteDefinition: p('DELETE FROM ConceptDefinition WHERE name = ?'),
      vaultRoots: p('SELECT root FROM Vault ORDER BY id'),
      lastWorkspace: p("SELECT workspace FROM SyncRun WHERE status = 'ok' ORDER BY id DESC LIMIT 1"),
      notesWithFiles: p('SELECT id FROM Note WHERE stub = 0 ORDER BY id'),
      noteBody: p('SELECT body, bodyLine FROM Note WHERE id = ? AND stub = 0'),
      sectionsOf: p(
        'SELECT heading, depth, slug, chapter, startLine, endLine, parentOrdinal AS parent FROM Section WHERE noteId = ? ORDER BY ordinal',
      ),
      notesMentioning: p('SELECT DISTINCT noteId FROM ConceptMention WHERE conceptId IN (SELECT value FROM json_each(?))'),
      notesMatching: p('SELECT DISTINCT noteId FROM SearchIndex WHERE SearchIndex MATCH ?'),
      deleteMentionsOf: p('DELETE FROM ConceptMention WHERE noteId = ?'),
      deleteAllMentions: p('DELETE FROM ConceptMention'),
      insertMention: p('INSERT INTO ConceptMention (conceptId, noteId, sectionOrdinal, line) VALUES (?, ?, ?, ?)'),
    };
  }

  /** Call at the start of every sync transaction. */
  beginRun(): void {
    this.deletedNotes = false;
    this.writtenNotes.clear();
    this.touchedKeys.clear();
  }

  /** A new or changed note's concept sources and search rows; `existed`: the note had rows before. */
  writeNote(noteId: string, doc: NoteDoc, existed: boolean): void {
    this.writtenNotes.add(noteId);
    if (existed) {
      this.touchSourcesOf(noteId);
      this.s.deleteSources.run(noteId);
      this.deleteSearchRowsOf(noteId);
    }
    // One row per written form and kind in the note, at its first line: the rebuild counts notes, not lines.
    const seen = new Set<string>();
    const add = (name: string, kind: string, url: string | null, line: number) => {
      const id = `${kind}\u0000${name}\u0000${url ?? ''}`;
      if (!seen.has(id)) {
        seen.add(id);
        const key = normalizeConceptName(name);
        this.touchedKeys.add(key);
        this.s.insertSource.run(noteId, key, name, kind, url, line);
      }
    };
    for (const c of doc.concepts) {
      add(c.name, c.kind, c.url, c.line);
    }
    for (const l of doc.links) {
      const tag = (l.kind === 'hashtag' || l.kind === 'fmtag') && l.targetFname?.startsWith('tags.') ? l.targetFname.slice(5) : '';
      if (tag !== '') {
        add(tag, 'tag', null, l.line);
      }
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

  /** Call before the note's row is deleted (its concept sources, mentions and search range go with it: foreign keys). */
  noteDeleting(noteId: string): void {
    this.deletedNotes = true;
    this.writtenNotes.delete(noteId);
    this.touchSourcesOf(noteId);
    this.deleteSearchRowsOf(noteId);
  }

  private deleteSearchRowsOf(noteId: string): void {
    const range = this.s.searchRangeOf.get(noteId) as { first: number; last: number } | undefined;
    if (range) {
      for (let rowid = range.first; rowid <= range.last; rowid++) {
        this.s.deleteSearchRow.run(rowid);
      }
    }
  }

  private touchSourcesOf(noteId: string): void {
    for (const { key } of this.s.sourceKeysOf.all(noteId) as { key: string }[]) {
      this.touchedKeys.add(key);
    }
  }

  /** Whether this run wrote or deleted any note. */
  get notesChanged(): boolean {
    return this.writtenNotes.size > 0 || this.deletedNotes;
  }

  /** Notes written in this run. */
  get written(): ReadonlySet<string> {
    return this.writtenNotes;
  }

  /** Keys of concept sources removed or added in this run. */
  get touched(): ReadonlySet<string> {
    return this.touchedKeys;
  }

  /** Every concept source grouped, in order of first appearance; or only those with one of `keys`. */
  sourceSummary(keys?: Iterable<string>): SourceSummary[] {
    return (keys ? this.s.sourceSummaryOf.all(JSON.stringify([...keys])) : this.s.sourceSummary.all()) as SourceSummary[];
  }

  concepts(): StoredConcept[] {
    return this.s.concepts.all() as StoredConcept[];
  }

  insertConcept(row: ConceptRow): number {
    return Number(this.s.insertConcept.run(row).lastInsertRowid);
  }

  updateConcept(id: number, row: ConceptRow): void {
    this.s.updateConcept.run({ ...row, id });
  }

  deleteConcept(id: number): void {
    this.s.deleteConcept.run(id);
  }

  /** The API's dictionary entries (ConceptDefinition), oldest first. */
  definitions(): DictionaryEntry[] {
    return (this.s.definitions.all() as DefinitionRow[]).map((d) => ({ name: d.name, aliases: JSON.parse(d.aliases) as string[] }));
  }

  upsertDefinition(name: string, aliases: string[], nowMs: number): void {
    this.s.upsertDefinition.run(name, JSON.stringify(aliases), nowMs);
  }

  deleteDefinition(name: string): void {
    this.s.deleteDefinition.run(name);
  }

  /** Folders that may hold a concepts.yml: the workspace of the last sync and every vault root. */
  dictionaryFolders(workspace?: string): string[] {
    const last = workspace ?? (this.s.lastWorkspace.get() as { workspace: string } | undefined)?.workspace;
    const roots = (this.s.vaultRoots.all() as { root: string }[]).map((r) => r.root);
    return [...new Set([...(last === undefined ? [] : [last]), ...roots])];
  }

  notesWithFiles(): string[] {
    return (this.s.notesWithFiles.all() as { id: string }[]).map((r) => r.id);
  }

  noteBody(id: string): { body: string; bodyLine: number } | undefined {
    return this.s.noteBody.get(id) as { body: string; bodyLine: number } | undefined;
  }

  sectionsOf(noteId: string): ParsedSection[] {
    return this.s.sectionsOf.all(noteId) as ParsedSection[];
  }

  notesMentioning(conceptIds: number[]): string[] {
    return (this.s.notesMentioning.all(JSON.stringify(conceptIds)) as { noteId: string }[]).map((r) => r.noteId);
  }

  /** Notes with a search row matching an FTS5 query. */
  notesMatching(match: string): string[] {
    return (this.s.notesMatching.all(match) as { noteId: string }[]).map((r) => r.noteId);
  }

  deleteMentionsOf(noteId: string): void {
    this.s.deleteMentionsOf.run(noteId);
  }

  deleteAllMentions(): void {
    this.s.deleteAllMentions.run();
  }

  insertMention(conceptId: number, noteId: string, sectionOrdinal: number | null, line: number): void {
    this.s.insertMention.run(conceptId, noteId, sectionOrdinal, line);
  }
}
