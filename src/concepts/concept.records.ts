import type { ConceptKindName } from '../vault/parse/concept-dictionary';

/** What the concept repository returns: our own types, not Prisma's. */

export interface ConceptRecord {
  id: number;
  key: string;
  name: string;
  kind: ConceptKindName;
  url: string | null;
  aliases: string[];
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
