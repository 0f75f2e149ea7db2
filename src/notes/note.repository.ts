import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { DiagnosticRecord, LinkRecord, NoteFilterInput, NoteRecord, SectionRecord, StatsRecord } from './note.records';

const noteSelect = {
  id: true,
  fname: true,
  title: true,
  desc: true,
  createdMs: true,
  updatedMs: true,
  stub: true,
  parentId: true,
  tags: true,
  custom: true,
  path: true,
  vault: { select: { name: true } },
} satisfies Prisma.NoteSelect;

type NoteRow = Prisma.NoteGetPayload<{ select: typeof noteSelect }>;

function toRecord(row: NoteRow): NoteRecord {
  return {
    id: row.id,
    vault: row.vault.name,
    fname: row.fname,
    title: row.title,
    desc: row.desc,
    createdMs: row.createdMs,
    updatedMs: row.updatedMs,
    stub: row.stub,
    parentId: row.parentId,
    tags: JSON.parse(row.tags) as string[],
    custom: JSON.parse(row.custom) as Record<string, unknown>,
    path: row.path,
  };
}

/** Every notes query the API makes. */
@Injectable()
export class NoteRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findById(id: string): Promise<NoteRecord | null> {
    const row = await this.prisma.note.findUnique({ where: { id }, select: noteSelect });
    return row ? toRecord(row) : null;
  }

  /** By fname; without a vault, the first vault that has it. */
  async findByFname(fname: string, vault?: string | null): Promise<NoteRecord | null> {
    const row = await this.prisma.note.findFirst({
      where: { fname, ...(vault ? { vault: { name: vault } } : {}) },
      orderBy: { vaultId: 'asc' },
      select: noteSelect,
    });
    return row ? toRecord(row) : null;
  }

  /** Bodies are the bulk of a note row: they load only when a query asks for them. */
  async bodiesOf(ids: readonly string[]): Promise<{ id: string; body: string }[]> {
    return this.prisma.note.findMany({ where: { id: { in: [...ids] } }, select: { id: true, body: true } });
  }

  async findByIds(ids: readonly string[]): Promise<NoteRecord[]> {
    const rows = await this.prisma.note.findMany({ where: { id: { in: [...ids] } }, select: noteSelect });
    return rows.map(toRecord);
  }

  async childrenOf(parentIds: readonly string[]): Promise<NoteRecord[]> {
    const rows = await this.prisma.note.findMany({
      where: { parentId: { in: [...parentIds] } },
      orderBy: { fname: 'asc' },
      select: noteSelect,
    });
    return rows.map(toRecord);
  }

  /** A page in (fname, id) order after the cursor position; `take` one more to know if there is a next page. */
  async page(
    filter: NoteFilterInput,
    after: { fname: string; id: string } | null,
    take: number,
  ): Promise<{ rows: NoteRecord[]; total: number }> {
    const where: Prisma.NoteWhereInput = {
      ...(filter.vault ? { vault: { name: filter.vault } } : {}),
      ...(filter.fnamePrefix ? { fname: { startsWith: filter.fnamePrefix } } : {}),
      ...(typeof filter.stub === 'boolean' ? { stub: filter.stub } : {}),
      ...(filter.tag ? { tags: { contains: JSON.stringify(filter.tag) } } : {}),
      ...(filter.text ? { OR: [{ title: { contains: filter.text } }, { body: { contains: filter.text } }] } : {}),
    };
    const cursor: Prisma.NoteWhereInput = after
      ? { OR: [{ fname: { gt: after.fname } }, { fname: after.fname, id: { gt: after.id } }] }
      : {};
    const [rows, total] = await Promise.all([
      this.prisma.note.findMany({ where: { AND: [where, cursor] }, orderBy: [{ fname: 'asc' }, { id: 'asc' }], take, select: noteSelect }),
      this.prisma.note.count({ where }),
    ]);
    return { rows: rows.map(toRecord), total };
  }

  async sectionsOf(noteIds: readonly string[]): Promise<SectionRecord[]> {
    return this.prisma.section.findMany({
      where: { noteId: { in: [...noteIds] } },
      orderBy: [{ noteId: 'asc' }, { ordinal: 'asc' }],
      select: {
        noteId: true,
        ordinal: true,
        heading: true,
        depth: true,
        slug: true,
        chapter: true,
        startLine: true,
        endLine: true,
        parentOrdinal: true,
      },
    });
  }

  async linksFrom(noteIds: readonly string[]): Promise<LinkRecord[]> {
    return this.prisma.link.findMany({ where: { sourceId: { in: [...noteIds] } }, orderBy: { id: 'asc' }, select: linkSelect });
  }

  async linksTo(noteIds: readonly string[]): Promise<LinkRecord[]> {
    return this.prisma.link.findMany({ where: { targetId: { in: [...noteIds] } }, orderBy: { id: 'asc' }, select: linkSelect });
  }

  async stats(): Promise<StatsRecord> {
    const [notes, stubs, byKind, backlinks, unresolvedLinks] = await Promise.all([
      this.prisma.note.count({ where: { stub: false } }),
      this.prisma.note.count({ where: { stub: true } }),
      this.prisma.link.groupBy({ by: ['kind'], _count: { _all: true }, orderBy: { kind: 'asc' } }),
      this.prisma.link.count({ where: { targetId: { not: null } } }),
      this.prisma.link.count({ where: { targetId: null, targetKey: { not: null } } }),
    ]);
    const linksByKind = byKind.map((k) => ({ kind: k.kind, count: k._count._all }));
    return { notes, stubs, links: linksByKind.reduce((n, k) => n + k.count, 0), backlinks, unresolvedLinks, linksByKind };
  }

  async diagnostics(take: number): Promise<DiagnosticRecord[]> {
    const rows = await this.prisma.diagnostic.findMany({
      take,
      orderBy: [{ vaultId: 'asc' }, { path: 'asc' }, { line: 'asc' }],
      include: { vault: { select: { name: true } } },
    });
    return rows.map((d) => ({ vault: d.vault.name, file: d.path, line: d.line, code: d.code, severity: d.severity, message: d.message }));
  }
}

const linkSelect = {
  id: true,
  sourceId: true,
  kind: true,
  targetFname: true,
  targetVault: true,
  targetId: true,
  anchor: true,
  alias: true,
  url: true,
  line: true,
  column: true,
  sectionOrdinal: true,
} satisfies Prisma.LinkSelect;
