import { Injectable } from '@nestjs/common';
import { PrismaService } from '../db/prisma.service';
import { MARK_CLOSE, MARK_OPEN } from './fts-query';
import type { SearchRecord } from './search.records';

/** Full-text queries on the SearchIndex FTS5 table (hand-written in the migrations; Prisma does not model it). */
@Injectable()
export class SearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * `match` must be a valid FTS5 query (see toFtsQuery). bm25 weights: title 4, heading 2, text 1 (the two
   * unindexed columns get 0); the snippet is cut from whichever column matched best, 16 tokens wide.
   */
  async search(match: string, take: number): Promise<SearchRecord[]> {
    const rows = await this.prisma.$queryRawUnsafe<SearchRecord[]>(
      `SELECT noteId, sectionOrdinal, snippet(SearchIndex, -1, ?, ?, '…', 16) AS snippet, bm25(SearchIndex, 0, 0, 4.0, 2.0, 1.0) AS rank
       FROM SearchIndex WHERE SearchIndex MATCH ? ORDER BY rank LIMIT ?`,
      MARK_OPEN,
      MARK_CLOSE,
      match,
      take,
    );
    return rows.map((r) => ({ ...r, sectionOrdinal: r.sectionOrdinal === null ? null : Number(r.sectionOrdinal), rank: Number(r.rank) }));
  }
}
