/** A search index row that matched, best first. */
export interface SearchRecord {
  noteId: string;
  sectionOrdinal: number | null;
  /** With MARK_OPEN / MARK_CLOSE around the hits. */
  snippet: string;
  /** bm25 as SQLite reports it: lower is better. */
  rank: number;
}
