import type { ConceptKindName } from '../vault/parse/concept-dictionary';

/** What the concept repository returns: our own types, not Prisma's. */

export interface ConceptRecord {
  id: number;
  key: string;
  name: string;
  kind: ConceptKindName;
  url: string | null;
  aliases: string[];
  salience: number;
  mentionCount: number;
  noteCount: number;
}

/** How a page of concepts is ordered: by key, or by a number (highest first, then key). */
export type ConceptOrderColumn = 'key' | 'salience' | 'mentionCount';

/** Where the previous page ended: the last row's key, and its number when ordered by one. */
export interface ConceptPageAfter {
  key: string;
  value: number | null;
}

export interface MentionRecord {
  conceptId: number;
  noteId: string;
  sectionOrdinal: number | null;
  line: number;
}

export interface RelatedRecord {
  /** The concept whose neighbour this is. */
  forId: number;
  concept: ConceptRecord;
  /** Distinct (note, section) pairs that mention both. */
  weight: number;
}

export interface ConceptFilterInput {
  kind?: ConceptKindName | null;
  nameContains?: string | null;
}
