import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { LIKE_ESCAPE, likePattern } from '../common/sql-like';
import { PrismaService } from '../db/prisma.service';
import type { ConceptKindName } from '../vault/parse/concept-dictionary';
import type {
  ConceptFilterInput,
  ConceptOrderColumn,
  ConceptPageAfter,
  ConceptRecord,
  MentionRecord,
  RelatedRecord,
} from './concept.records';

const conceptSelect = {
  id: true,
  key: true,
  name: true,
  kind: true,
  url: true,
  aliases: true,
  salience: true,
  mentionCount: true,
  noteCount: true,
} satisfies Prisma.ConceptSelect;
const CONCEPT_COLUMNS = Prisma.raw('id, key, name, kind, url, aliases, salience, mentionCount, noteCount');

type ConceptRow = Prisma.ConceptGetPayload<{ select: typeof conceptSelect }>;

function toRecord(row: ConceptRow): ConceptRecord {
  return { ...row, kind: row.kind as ConceptKindName, aliases: JSON.parse(row.aliases) as string[] };
}

interface RelatedRow extends ConceptRow {
  forId: number;
  weight: bigint | number;
}

/** Every concept query the API makes (reads only: the sync engine writes). */
@Injectable()
export class ConceptRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findByKey(key: string): Promise<ConceptRecord | null> {
    const row = await this.prisma.concept.findUnique({ where: { key }, select: conceptSelect });
    return row ? toRecord(row) : null;
  }

  /** Concepts that have aliases (dictionary entries: a few, not the whole table). */
  async withAliases(): Promise<ConceptRecord[]> {
    const rows = await this.prisma.concept.findMany({ where: { aliases: { not: '[]' } }, orderBy: { id: 'asc' }, select: conceptSelect });
    return rows.map(toRecord);
  }

  /**
   * A page after the cursor, in key order or by `order` (highest first, ties by key); `take` one more to know if
   * there is a next page. `nameContains` is literal.
   */
  async page(
    filter: ConceptFilterInput,
    order: ConceptOrderColumn,
    after: ConceptPageAfter | null,
    take: number,
  ): Promise<{ rows: ConceptRecord[]; total: number }> {
    const conditions = [
      ...(filter.kind ? [Prisma.sql`kind = ${filter.kind}`] : []),
      ...(filter.nameContains ? [Prisma.sql`name LIKE ${likePattern(filter.nameContains, 'contains')} ESCAPE ${LIKE_ESCAPE}`] : []),
    ];
    const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
    const column = Prisma.raw(order);
    const afterCondition =
      after === null
        ? null
        : order === 'key' || after.value === null
          ? Prisma.sql`key > ${after.key}`
          : Prisma.sql`(${column} < ${after.value} OR (${column} = ${after.value} AND key > ${after.key}))`;
    const pageWhere = afterCondition === null ? where : Prisma.sql`WHERE ${Prisma.join([...conditions, afterCondition], ' AND ')}`;
    const orderBy = order === 'key' ? Prisma.sql`ORDER BY key` : Prisma.sql`ORDER BY ${column} DESC, key`;
    const [rows, counted] = await Promise.all([
      this.prisma.$queryRaw<ConceptRow[]>`SELECT ${CONCEPT_COLUMNS} FROM Concept ${pageWhere} ${orderBy} LIMIT ${take}`,
      this.prisma.$queryRaw<{ total: bigint | number }[]>`SELECT count(*) AS total FROM Concept ${where}`,
    ]);
    return { rows: rows.map(toRecord), total: Number(counted[0]?.total ?? 0) };
  }

  /** Mentions of many concepts, by note fname then line. */
  async mentionsOf(conceptIds: readonly number[]): Promise<MentionRecord[]> {
    return this.prisma.conceptMention.findMany({
      where: { conceptId: { in: [...conceptIds] } },
      orderBy: [{ note: { fname: 'asc' } }, { noteId: 'asc' }, { line: 'asc' }],
      select: { conceptId: true, noteId: true, sectionOrdinal: true, line: true },
    });
  }

  /**
   * Concepts mentioned in the same sections as each of `conceptIds`, weighted by the number of distinct
   * (note, section) pairs they share, heaviest first; one query for the whole batch.
   */
  async relatedTo(conceptIds: readonly number[]): Promise<RelatedRecord[]> {
    if (conceptIds.length === 0) {
      return [];
    }
    const rows = await this.prisma.$queryRaw<RelatedRow[]>`
      WITH pairs AS (
        SELECT DISTINCT a.conceptId AS forId, b.conceptId AS otherId, a.noteId, a.sectionOrdinal
        FROM ConceptMention a
        JOIN ConceptMention b ON b.noteId = a.noteId AND b.sectionOrdinal IS a.sectionOrdinal AND b.conceptId <> a.conceptId
        WHERE a.conceptId IN (${Prisma.join([...conceptIds])})
      )
      SELECT p.forId, count(*) AS weight, c.id, c.key, c.name, c.kind, c.url, c.aliases, c.salience, c.mentionCount, c.noteCount
      FROM pairs p JOIN Concept c ON c.id = p.otherId
      GROUP BY p.forId, p.otherId
      ORDER BY p.forId, weight DESC, c.salience DESC, c.key`;
    return rows.map(({ forId, weight, ...concept }) => ({ forId, weight: Number(weight), concept: toRecord(concept) }));
  }
}
