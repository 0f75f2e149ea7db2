import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import type { LinkRecord } from '../notes/note.records';
import { PrismaService } from '../db/prisma.service';
import {
  conceptNodeId,
  type GraphEdgeKindName,
  type GraphEdgeRecord,
  type GraphNodeRecord,
  type MentionCandidateRecord,
  type NodeIdSets,
} from './graph.records';

/** Id lists travel as one JSON parameter (`json_each`), so a frontier of 10k notes is one query, not 10k parameters. */
const ids = (list: readonly string[]): Prisma.Sql => Prisma.sql`(SELECT value FROM json_each(${JSON.stringify(list)}))`;

interface PairRow {
  source: string;
  target: string;
  weight: number | bigint;
}

const toEdges = (rows: PairRow[], kind: GraphEdgeKindName, mapSource = (s: string) => s, mapTarget = (t: string) => t) =>
  rows.map((r): GraphEdgeRecord => ({ source: mapSource(r.source), target: mapTarget(r.target), kind, weight: Number(r.weight) }));

/** Every graph query the API makes. Links of kind `url` never take part; self-links are not edges. */
@Injectable()
export class GraphRepository {
  constructor(private readonly prisma: PrismaService) {}

  async conceptExists(key: string): Promise<boolean> {
    return (await this.prisma.concept.count({ where: { key } })) > 0;
  }

  /** Edges of the given kinds with at least one end in `around`: a query or two per kind; may repeat an edge. */
  /**
   * `conceptMentionRows`: read at most this many mentions of the concepts in `around` (in index order), for concepts
   * named so often that all their mentions would be the whole vault; the caller says the answer is cut.
   */
  async edgesAround(around: NodeIdSets, kinds: ReadonlySet<GraphEdgeKindName>, conceptMentionRows?: number): Promise<GraphEdgeRecord[]> {
    const notes = ids(around.noteIds);
    const concepts = Prisma.sql`(SELECT id FROM Concept WHERE key IN ${ids(around.conceptKeys)})`;
    const hasNotes = around.noteIds.length > 0;
    const hasConcepts = around.conceptKeys.length > 0;
    // Separate queries rather than an OR across a join, which would scan every mention.
    return this.edges([
      kinds.has('link') && hasNotes && this.linkEdges(Prisma.sql`AND (sourceId IN ${notes} OR targetId IN ${notes})`),
      kinds.has('hierarchy') && hasNotes && this.hierarchyEdges(Prisma.sql`AND (parentId IN ${notes} OR id IN ${notes})`),
      kinds.has('mention') && hasNotes && this.mentionEdges(Prisma.sql`AND m.noteId IN ${notes}`),
      kinds.has('mention') &&
        hasConcepts &&
        (conceptMentionRows === undefined
          ? this.mentionEdges(Prisma.sql`AND m.conceptId IN ${concepts}`)
          : this.mentionEdges(
              Prisma.sql`AND m.id IN (SELECT id FROM ConceptMention WHERE conceptId IN ${concepts} ORDER BY conceptId LIMIT ${conceptMentionRows})`,
            )),
      kinds.has('related') && hasConcepts && this.relatedEdges(Prisma.sql`conceptId IN ${concepts}`, Prisma.empty),
    ]);
  }

  /** How many times the notes name these concepts (the size of the `related` join over them). */
  async mentionCount(conceptKeys: readonly string[]): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ n: number | bigint }[]>`
      SELECT count(*) AS n FROM ConceptMention WHERE conceptId IN (SELECT id FROM Concept WHERE key IN ${ids(conceptKeys)})`;
    return Number(rows[0].n);
  }

  /** Edges of the given kinds with both ends in `among`. */
  async edgesAmong(among: NodeIdSets, kinds: ReadonlySet<GraphEdgeKindName>): Promise<GraphEdgeRecord[]> {
    const notes = ids(among.noteIds);
    const concepts = Prisma.sql`(SELECT id FROM Concept WHERE key IN ${ids(among.conceptKeys)})`;
    const hasNotes = among.noteIds.length > 0;
    const hasConcepts = among.conceptKeys.length > 0;
    return this.edges([
      kinds.has('link') && hasNotes && this.linkEdges(Prisma.sql`AND sourceId IN ${notes} AND targetId IN ${notes}`),
      kinds.has('hierarchy') && hasNotes && this.hierarchyEdges(Prisma.sql`AND parentId IN ${notes} AND id IN ${notes}`),
      kinds.has('mention') &&
        hasNotes &&
        hasConcepts &&
        this.mentionEdges(Prisma.sql`AND m.noteId IN ${notes} AND m.conceptId IN ${concepts}`),
      kinds.has('related') &&
        hasConcepts &&
        this.relatedEdges(Prisma.sql`conceptId IN ${concepts}`, Prisma.sql`AND conceptId IN ${concepts}`),
    ]);
  }

  /** Every edge of the given kinds. */
  async allEdges(kinds: ReadonlySet<GraphEdgeKindName>): Promise<GraphEdgeRecord[]> {
    return this.edges([
      kinds.has('link') && this.linkEdges(Prisma.empty),
      kinds.has('hierarchy') && this.hierarchyEdges(Prisma.empty),
      kinds.has('mention') && this.mentionEdges(Prisma.empty),
      kinds.has('related') && this.relatedEdges(Prisma.sql`1 = 1`, Prisma.empty, Prisma.sql`a.conceptId < b.conceptId`),
    ]);
  }

  private async edges(queries: (Promise<GraphEdgeRecord[]> | false)[]): Promise<GraphEdgeRecord[]> {
    return (await Promise.all(queries.filter((q) => q !== false))).flat();
  }

  async nodes(of: NodeIdSets): Promise<GraphNodeRecord[]> {
    const [notes, concepts] = await Promise.all([
      of.noteIds.length > 0
        ? this.prisma.$queryRaw<{ id: string; title: string }[]>`SELECT id, title FROM Note WHERE id IN ${ids(of.noteIds)}`
        : [],
      of.conceptKeys.length > 0
        ? this.prisma.$queryRaw<{ key: string; name: string }[]>`SELECT key, name FROM Concept WHERE key IN ${ids(of.conceptKeys)}`
        : [],
    ]);
    return [
      ...notes.map((n): GraphNodeRecord => ({ id: n.id, kind: 'note', label: n.title })),
      ...concepts.map((c): GraphNodeRecord => ({ id: conceptNodeId(c.key), kind: 'concept', label: c.name })),
    ];
  }

  /** Notes with a file (stubs are hierarchy levels, not notes anyone wrote). */
  async nonStubNoteIds(): Promise<string[]> {
    const rows = await this.prisma.note.findMany({ where: { stub: false }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  private async linkEdges(where: Prisma.Sql): Promise<GraphEdgeRecord[]> {
    const rows = await this.prisma.$queryRaw<PairRow[]>`
      SELECT sourceId AS source, targetId AS target, count(*) AS weight FROM Link
      WHERE targetId IS NOT NULL AND kind <> 'url' AND targetId <> sourceId ${where}
      GROUP BY sourceId, targetId`;
    return toEdges(rows, 'link');
  }

  private async hierarchyEdges(where: Prisma.Sql): Promise<GraphEdgeRecord[]> {
    const rows = await this.prisma.$queryRaw<PairRow[]>`
      SELECT parentId AS source, id AS target, 1 AS weight FROM Note WHERE parentId IS NOT NULL ${where}`;
    return toEdges(rows, 'hierarchy');
  }

  private async mentionEdges(where: Prisma.Sql): Promise<GraphEdgeRecord[]> {
    const rows = await this.prisma.$queryRaw<PairRow[]>`
      SELECT m.noteId AS source, c.key AS target, count(*) AS weight
      FROM ConceptMention m JOIN Concept c ON c.id = m.conceptId
      WHERE 1 = 1 ${where}
      GROUP BY m.noteId, c.key`;
    return toEdges(rows, 'mention', undefined, conceptNodeId);
  }

  /**
   * Concept pairs named in the same section (text before the first heading is a section of its own); `a` filters
   * the first concept's mentions, `b` the second's. Distinct (concept, note, section) rows first: counting distinct
   * sections over the raw mention join was ten times slower on dendron-site.
   */
  private async relatedEdges(
    a: Prisma.Sql,
    b: Prisma.Sql,
    pair: Prisma.Sql = Prisma.sql`b.conceptId <> a.conceptId`,
  ): Promise<GraphEdgeRecord[]> {
    const rows = await this.prisma.$queryRaw<PairRow[]>`
      WITH a AS (SELECT DISTINCT conceptId, noteId, coalesce(sectionOrdinal, -1) AS s FROM ConceptMention WHERE ${a}),
           b AS (SELECT DISTINCT conceptId, noteId, coalesce(sectionOrdinal, -1) AS s FROM ConceptMention
                 WHERE noteId IN (SELECT noteId FROM a) ${b})
      SELECT min(ca.key, cb.key) AS source, max(ca.key, cb.key) AS target, p.weight AS weight FROM (
        SELECT a.conceptId AS x, b.conceptId AS y, count(*) AS weight
        FROM a JOIN b ON b.noteId = a.noteId AND b.s = a.s AND ${pair}
        GROUP BY a.conceptId, b.conceptId
      ) p JOIN Concept ca ON ca.id = p.x JOIN Concept cb ON cb.id = p.y`;
    return toEdges(rows, 'related', conceptNodeId, conceptNodeId);
  }

  /** Non-stub notes with no resolved link in or out (self-links and hierarchy do not count), in (fname, id) order. */
  async orphans(after: { fname: string; id: string } | null, take: number): Promise<{ ids: string[]; total: number }> {
    const orphan = Prisma.sql`n.stub = 0
      AND NOT EXISTS (SELECT 1 FROM Link l WHERE l.sourceId = n.id AND l.targetId IS NOT NULL AND l.targetId <> n.id)
      AND NOT EXISTS (SELECT 1 FROM Link l WHERE l.targetId = n.id AND l.sourceId <> n.id)`;
    const cursor = after ? Prisma.sql`AND (n.fname > ${after.fname} OR (n.fname = ${after.fname} AND n.id > ${after.id}))` : Prisma.empty;
    const [rows, count] = await Promise.all([
      this.prisma.$queryRaw<{ id: string }[]>`SELECT n.id FROM Note n WHERE ${orphan} ${cursor} ORDER BY n.fname, n.id LIMIT ${take}`,
      this.prisma.$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM Note n WHERE ${orphan}`,
    ]);
    return { ids: rows.map((r) => r.id), total: Number(count[0].n) };
  }

  /** Links that resolve to no note (external URLs excluded), in (source fname, link id) order: document order per note. */
  async brokenLinks(
    after: { fname: string; id: number } | null,
    take: number,
  ): Promise<{ rows: (LinkRecord & { fname: string })[]; total: number }> {
    const broken = Prisma.sql`l.targetId IS NULL AND l.kind <> 'url'`;
    const cursor = after ? Prisma.sql`AND (n.fname > ${after.fname} OR (n.fname = ${after.fname} AND l.id > ${after.id}))` : Prisma.empty;
    const [rows, count] = await Promise.all([
      this.prisma.$queryRaw<(LinkRecord & { fname: string })[]>`
        SELECT l.id, l.sourceId, l.kind, l.targetFname, l.targetVault, l.targetId, l.anchor, l.alias, l.url, l.line, l.column,
               l.sectionOrdinal, n.fname
        FROM Link l JOIN Note n ON n.id = l.sourceId
        WHERE ${broken} ${cursor} ORDER BY n.fname, l.id LIMIT ${take}`,
      this.prisma.$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM Link l WHERE ${broken}`,
    ]);
    return {
      rows: rows.map((r) => ({ ...r, id: Number(r.id), line: Number(r.line), column: Number(r.column) })),
      total: Number(count[0].n),
    };
  }

  /**
   * Notes other than `noteId` whose text may name one of `names`: phrase queries on the full-text index (stemmed,
   * so a superset), or a substring scan of the bodies while the index is still empty (synced before it existed).
   */
  async mentionCandidates(noteId: string, names: readonly string[], limit: number): Promise<MentionCandidateRecord[]> {
    const indexed = await this.prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one FROM SearchIndex LIMIT 1`;
    const phrases = `text : (${names.map((n) => `"${n.replace(/"/g, '""')}"`).join(' OR ')})`;
    const inBody = Prisma.join(
      names.map((n) => Prisma.sql`instr(lower(body), ${n.toLowerCase()}) > 0`),
      ' OR ',
    );
    const candidates = indexed.length
      ? await this.prisma.$queryRaw<{ id: string }[]>`
          SELECT s.noteId AS id FROM SearchIndex s JOIN Note n ON n.id = s.noteId
          WHERE SearchIndex MATCH ${phrases} AND s.noteId <> ${noteId} AND n.stub = 0
          GROUP BY s.noteId ORDER BY min(n.fname) LIMIT ${limit}`
      : await this.prisma.$queryRaw<{ id: string }[]>`
          SELECT id FROM Note WHERE stub = 0 AND id <> ${noteId} AND (${inBody}) ORDER BY fname LIMIT ${limit}`;
    if (candidates.length === 0) {
      return [];
    }
    const candidateIds = candidates.map((c) => c.id);
    const [notes, links] = await Promise.all([
      this.prisma.$queryRaw<{ id: string; body: string; bodyLine: number | bigint }[]>`
        SELECT id, body, bodyLine FROM Note WHERE id IN ${ids(candidateIds)} ORDER BY fname, id`,
      this.prisma.$queryRaw<{ sourceId: string; line: number | bigint }[]>`
        SELECT DISTINCT sourceId, line FROM Link WHERE targetId = ${noteId} AND sourceId IN ${ids(candidateIds)}`,
    ]);
    return notes.map((n) => ({
      noteId: n.id,
      body: n.body,
      bodyLine: Number(n.bodyLine),
      linkedLines: links.filter((l) => l.sourceId === n.id).map((l) => Number(l.line)),
    }));
  }
}
