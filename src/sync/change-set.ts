import type { KeptMentionTexts } from '../concepts/kept-mention-texts';
import type { ParsedSection } from '../vault/note-doc';
import type { MentionText } from '../vault/parse/concepts';

/** What the concept step needs of a note parsed in this run: its text as the parse kept it for matching, and its sections. */
export interface ParsedMentions {
  text: MentionText;
  sections: ParsedSection[];
}

/**
 * What one sync run changed, built by the orchestrator (VaultSync) and handed to every feature's indexer, which
 * records what it touched here. No indexer keeps state of its own between calls: a run's state is this object.
 */
export class ChangeSet {
  /** Notes new in this run (or a stub given a file). */
  readonly added = new Set<string>();
  /** Notes whose file changed in place. */
  readonly updated = new Set<string>();
  /** Notes whose file moved (or whose fname changed) and kept their id. */
  readonly renamed = new Set<string>();
  /** Notes with a file that were deleted (a note may also be written later in the same run, under its id, elsewhere). */
  readonly deleted = new Set<string>();
  /** Lower-cased fnames that appeared or disappeared: links to them must be resolved again. */
  readonly fnameKeys = new Set<string>();
  /** Mentions (and one note each) that deleted notes took with them, by concept id: the counts go down by as much. */
  readonly mentionsGone = new Map<number, { mentions: number; notes: number }>();
  /** Keys of the concept sources added or removed in this run: only their concepts can change. */
  readonly conceptKeys = new Set<string>();
  /**
   * Notes parsed in this run, by id, as the concept step matches their mentions (no body is read back); in memory up
   * to a budget, then in a temporary table (KeptMentionTexts, given by the concept feature).
   */
  constructor(readonly parsed: KeptMentionTexts) {}

  /** Notes written in this run: their derived rows are new. */
  get written(): Set<string> {
    return new Set([...this.added, ...this.updated, ...this.renamed]);
  }

  /** Whether any note with a file was written or deleted. */
  get notesChanged(): boolean {
    return this.added.size + this.updated.size + this.renamed.size + this.deleted.size > 0;
  }
}
