import type Database from 'better-sqlite3';
import type { SearchIndexer } from '../search/search.indexer';
import type { ChangeSet } from '../sync/change-set';
import type { NoteDoc } from '../vault/note-doc';
import { normalizeConceptName } from '../vault/parse/concepts';
import { ConceptStatements } from './concept-index.statements';
import { KeptMentionTexts } from './kept-mention-texts';
import { ConceptRebuild, type ConceptDiagnostic, type DictionaryChange } from './concept-rebuild';

/** A concept source: a name a note gives a concept, by kind (and URL for link labels), at its first line there. */
export interface ConceptSourceRow {
  key: string;
  name: string;
  kind: string;
  url: string | null;
  line: number;
}

/** One word (`Views`, `multi-vault`): the only names a title vouches for (see isSalient). */
const ONE_WORD = /^\p{L}[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*$/u;

/**
 * The concept rule for one note, pure: one source per written form and kind in the note, at its first line (the
 * rebuild counts notes, not lines). Candidates from the parse, tags (`#tag`, frontmatter tags) as `tag` sources, user
 * tags (`@kevin`) as `user` sources, and
 * the note's title and last hierarchy segment, when one word, as `title` evidence (a vault names notes after its topics).
 */
export function conceptSources(doc: NoteDoc): ConceptSourceRow[] {
  const out: ConceptSourceRow[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: string, url: string | null, line: number) => {
    const id = `${kind}\u0000${name}\u0000${url ?? ''}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push({ key: normalizeConceptName(name), name, kind, url, line });
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
    // `@kevin` links to `user.kevin`: the vault says Kevin is a person (see isSalient); `@kevin.lin` names Kevin Lin.
    if (l.kind === 'usertag' && l.targetFname?.startsWith('user.')) {
      add(l.targetFname.slice(5).replace(/\./g, ' '), 'user', null, l.line);
    }
  }
  // A tag's own note (`tags.scope.navigate`) names the tag: its uses are counted as `tag` sources already.
  const names = doc.fname.startsWith('tags.') ? [] : [doc.title.trim(), doc.fname.slice(doc.fname.lastIndexOf('.') + 1)];
  for (const name of names) {
    if (ONE_WORD.test(name)) {
      add(name, 'title', null, 1);
    }
  }
  return out;
}

/**
 * The concepts feature's part of a sync: each written note's concept sources, then (after the files) the Concept
 * table and mentions rebuilt from them and the dictionary (ConceptRebuild). The keys it touches go to the ChangeSet.
 */
export class ConceptIndexer {
  private readonly statements: ConceptStatements;
  private readonly rebuild: ConceptRebuild;

  constructor(
    private readonly db: Database.Database,
    search: SearchIndexer,
  ) {
    this.statements = new ConceptStatements(db);
    this.rebuild = new ConceptRebuild(this.statements, search);
  }

  /** Replace a written note's sources; `existed`: it had sources before. */
  writeNote(noteId: string, doc: NoteDoc, existed: boolean, changes: ChangeSet): void {
    if (existed) {
      this.removeSources(noteId, changes);
    }
    const sources = conceptSources(doc);
    for (const s of sources) {
      changes.conceptKeys.add(s.key);
    }
    this.statements.insertSources(noteId, sources);
  }

  /**
   * Before a note's row is deleted: its sources go (their keys are touched), and its mentions, which the row takes
   * with it, are taken off their concepts' counts.
   */
  removeNote(noteId: string, changes: ChangeSet): void {
    for (const { conceptId, n } of this.statements.mentionTally(noteId)) {
      const gone = changes.mentionsGone.get(conceptId) ?? { mentions: 0, notes: 0 };
      gone.mentions += n;
      gone.notes += 1;
      changes.mentionsGone.set(conceptId, gone);
    }
    this.removeSources(noteId, changes);
  }

  /** Before a note's sources are replaced or deleted: their keys are touched. */
  private removeSources(noteId: string, changes: ChangeSet): void {
    for (const key of this.statements.sourceKeysOf(noteId)) {
      changes.conceptKeys.add(key);
    }
    this.statements.deleteSources(noteId);
  }

  /** Where a sync keeps the mention texts of the notes it parses, for afterSync (bounded memory: see KeptMentionTexts). */
  keptTexts(budgetChars?: number): KeptMentionTexts {
    return new KeptMentionTexts(this.db, (noteId) => this.statements.sectionsOf(noteId), budgetChars);
  }

  /**
   * After the files of a sync: concepts and mentions brought in line with the sources and dictionaries. `vaultNotes`:
   * notes with a file (NoteIndexer.countNotes).
   */
  afterSync(workspaceDir: string, changes: ChangeSet, vaultNotes: number): ConceptDiagnostic[] {
    return this.rebuild.afterSync(workspaceDir, changes, vaultNotes);
  }

  /** A dictionary change from the API (see ConceptRebuild.change); run it inside a transaction. */
  changeDictionary(change: DictionaryChange, vaultNotes: number): boolean {
    return this.rebuild.change(change, Date.now(), vaultNotes);
  }

  /** Folders that may hold a concepts.yml: the workspace of the last sync and every vault root. */
  dictionaryFolders(workspaceDir?: string): string[] {
    return this.statements.dictionaryFolders(workspaceDir);
  }
}
