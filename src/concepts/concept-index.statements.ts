import type Database from 'better-sqlite3';
import { RowInserter } from '../db/row-inserter';
import type { ParsedSection } from '../vault/note-doc';
import type { ConceptKindName, DictionaryEntry } from '../vault/parse/concept-dictionary';
import type { ConceptSourceRow } from './concept.indexer';

export interface StoredConcept {
  id: number;
  key: string;
  name: string;
  kind: ConceptKindName;
  url: string | null;
  /** JSON array. */
  aliases: string;
  /** Weighted count of the notes whose sources name it (see salience.ts). */
  evidence: number;
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

/** A note's stored sections as the parser gave them (ParsedSection), for matching its mentions again. */
const SECTIONS_OF_NOTE =
  'SELECT heading, depth, slug, chapter, startLine, endLine, parentOrdinal AS parent FROM Section WHERE noteId = ? ORDER BY ordinal';

interface DefinitionRow {
  name: string;
  /** JSON array. */
  aliases: string;
}

/**
 * The concept feature's statements on the sync's connection: concept sources (written with each note by
 * ConceptIndexer), concepts and mentions (the rebuild), and the API's dictionary entries. No state but the statements.
 */
export class ConceptStatements {
  private readonly s;
  private readonly mentions: RowInserter;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.mentions = new RowInserter(db, { table: 'ConceptMention', names: ['conceptId', 'noteId', 'sectionOrdinal', 'line'] });
    this.s = {
      deleteSources: p('DELETE FROM ConceptSource WHERE noteId = ?'),
      // One row a statement: written between notes' FTS5 inserts (see RowInserter).
      insertSource: p('INSERT INTO ConceptSource (noteId, key, name, kind, url, line) VALUES (?, ?, ?, ?, ?, ?)'),
      sourceKeysOf: p('SELECT DISTINCT key FROM ConceptSource WHERE noteId = ?'),
      sourceSummary: p(
        'SELECT key, kind, name, url, count(*) AS n, min(id) AS first FROM ConceptSource GROUP BY key, kind, name, url ORDER BY first',
      ),
      sourceSummaryOf: p(
        `SELECT key, kind, name, url, count(*) AS n, min(id) AS first FROM ConceptSource WHERE key IN (SELECT value FROM json_each(?))
         GROUP BY key, kind, name, url ORDER BY first`,
      ),
      concepts: p('SELECT id, key, name, kind, url, aliases, evidence FROM Concept'),
      insertConcept: p(
        'INSERT INTO Concept (key, name, kind, url, aliases, evidence) VALUES (@key, @name, @kind, @url, @aliases, @evidence)',
      ),
      updateConcept: p(
        'UPDATE Concept SET name = @name, kind = @kind, url = @url, aliases = @aliases, evidence = @evidence WHERE id = @id',
      ),
      mentionTally: p('SELECT conceptId, count(*) AS n FROM ConceptMention WHERE noteId = ? GROUP BY conceptId'),
      countsOf: p('SELECT mentionCount, noteCount FROM Concept WHERE id = ?'),
      updateCounts: p('UPDATE Concept SET mentionCount = ?, noteCount = ?, salience = ? WHERE id = ?'),
      deleteConcept: p('DELETE FROM Concept WHERE id = ?'),
      definitions: p('SELECT name, aliases FROM ConceptDefinition ORDER BY updatedMs, name'),
      upsertDefinition: p(
        'INSERT INTO ConceptDefinition (name, aliases, updatedMs) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET aliases = excluded.aliases, updatedMs = excluded.updatedMs',
      ),
      deleteDefinition: p('DELETE FROM ConceptDefinition WHERE name = ?'),
      ignored: p('SELECT key, name FROM IgnoredConcept ORDER BY key'),
      apiIgnores: p('SELECT name FROM ConceptIgnore ORDER BY updatedMs, name'),
      upsertApiIgnore: p(
        'INSERT INTO ConceptIgnore (name, updatedMs) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET updatedMs = excluded.updatedMs',
      ),
      deleteApiIgnore: p('DELETE FROM ConceptIgnore WHERE name = ?'),
      clearIgnored: p('DELETE FROM IgnoredConcept'),
      insertIgnored: p('INSERT INTO IgnoredConcept (key, name) VALUES (?, ?)'),
      vaultRoots: p('SELECT root FROM Vault ORDER BY id'),
      lastWorkspace: p("SELECT workspace FROM SyncRun WHERE status = 'ok' ORDER BY id DESC LIMIT 1"),
      notesWithFiles: p('SELECT id FROM Note WHERE stub = 0 ORDER BY id'),
      noteBody: p('SELECT body, bodyLine FROM Note WHERE id = ? AND stub = 0'),
      sectionsOf: p(SECTIONS_OF_NOTE),
      notesMentioning: p('SELECT DISTINCT noteId FROM ConceptMention WHERE conceptId IN (SELECT value FROM json_each(?))'),
      deleteMentionsOf: p('DELETE FROM ConceptMention WHERE noteId = ?'),
      deleteAllMentions: p('DELETE FROM ConceptMention'),
    };
  }

  /** Keys of the note's concept sources. */
  sourceKeysOf(noteId: string): string[] {
    return (this.s.sourceKeysOf.all(noteId) as { key: string }[]).map((r) => r.key);
  }

  deleteSources(noteId: string): void {
    this.s.deleteSources.run(noteId);
  }

  /** A note's concept sources. */
  insertSources(noteId: string, sources: readonly ConceptSourceRow[]): void {
    for (const s of sources) {
      this.s.insertSource.run(noteId, s.key, s.name, s.kind, s.url, s.line);
    }
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

  /** Names dropped through the API (ignoreConcept), oldest first. */
  apiIgnores(): string[] {
    return (this.s.apiIgnores.all() as { name: string }[]).map((r) => r.name);
  }

  upsertApiIgnore(name: string, nowMs: number): void {
    this.s.upsertApiIgnore.run(name, nowMs);
  }

  deleteApiIgnore(name: string): void {
    this.s.deleteApiIgnore.run(name);
  }

  /** The ignore list the last rebuild applied, by key. */
  ignored(): Map<string, string> {
    return new Map((this.s.ignored.all() as { key: string; name: string }[]).map((r) => [r.key, r.name]));
  }

  replaceIgnored(ignored: ReadonlyMap<string, string>): void {
    this.s.clearIgnored.run();
    for (const [key, name] of ignored) {
      this.s.insertIgnored.run(key, name);
    }
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

  /** How many times the note names each concept (its stored mentions, through the noteId index). */
  mentionTally(noteId: string): { conceptId: number; n: number }[] {
    return this.s.mentionTally.all(noteId) as { conceptId: number; n: number }[];
  }

  /** A concept's stored counts (undefined when it is gone). */
  countsOf(id: number): { mentionCount: number; noteCount: number } | undefined {
    return this.s.countsOf.get(id) as { mentionCount: number; noteCount: number } | undefined;
  }

  updateCounts(id: number, mentionCount: number, noteCount: number, salience: number): void {
    this.s.updateCounts.run(mentionCount, noteCount, salience, id);
  }

  deleteMentionsOf(noteId: string): void {
    this.s.deleteMentionsOf.run(noteId);
  }

  deleteAllMentions(): void {
    this.s.deleteAllMentions.run();
  }

  /** A note's mentions (after every note's FTS5 rows: a multi-row INSERT is safe here, see RowInserter). */
  insertMentions(noteId: string, mentions: readonly { conceptId: number; sectionOrdinal: number | null; line: number }[]): void {
    this.mentions.insert(mentions.map((m) => [m.conceptId, noteId, m.sectionOrdinal, m.line]));
  }
}
