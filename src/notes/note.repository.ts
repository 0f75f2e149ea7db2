import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { SqliteReader } from '../db/sqlite-reader';
import { defineSelection, LINK } from '../db/tables';
import { PrismaService } from '../db/prisma.service';
import { fnameKey } from '../vault/fname-key';
import { LIKE_ESCAPE, likePattern } from '../common/sql-like';
import {
  LINK_RECORD_COLUMNS,
  type DiagnosticRecord,
  type LinkRecord,
  type NoteFilterInput,
  type NoteRecord,
  type SectionRecord,
  type StatsRecord,
} from './note.records';

/** An id list bound as one JSON parameter, so a statement serves any number of ids. */
const ID_LIST = '(SELECT value FROM json_each(?))';
/** A note as the API reads it (as arrays, SqliteReader.arrayStatement), mapped by name: NoteRecord as stored. */
type NoteRow = Omit<NoteRecord, 'stub' | 'tags'> & { stub: number; tags: string };
const NOTE_READ = defineSelection<NoteRow>()({
  id: 'n.id',
  vault: 'v.name',
  fname: 'n.fname',
  title: 'n.title',
  desc: 'n.desc',
  createdMs: 'n.createdMs',
  updatedMs: 'n.updatedMs',
  stub: 'n.stub',
  parentId: 'n.parentId',
  tags: 'n.tags',
  custom: 'n.custom',
  path: 'n.path',
});
const NOTES = `SELECT ${NOTE_READ.list} FROM Note n JOIN Vault v ON v.id = n.vaultId`;
/** What the API reads of a link, declared with the table (src/db/tables.ts): read as arrays, mapped by name. */
const LINK_RECORD = LINK.select(LINK_RECORD_COLUMNS);
const LINKS = `SELECT ${LINK_RECORD.list()} FROM Link`;

/**
 * The loaders' statements, built once: SqliteReader keys its prepared statements by SQL text, and hashing a freshly
 * concatenated string on every call showed up in the profile.
 */
const SQL = {
  noteById: `${NOTES} WHERE n.id = ?`,
  // The NoteRef rule (note-ref.ts): fnames match case-insensitively through the fnameKey index; the exact spelling
  // first, then the first vault.
  noteByFnameInVault: `${NOTES} WHERE n.fnameKey = ? AND v.name = ? ORDER BY n.fname = ? DESC LIMIT 1`,
  noteByFname: `${NOTES} WHERE n.fnameKey = ? ORDER BY n.fname = ? DESC, v.id LIMIT 1`,
  notesByIds: `${NOTES} WHERE n.id IN ${ID_LIST}`,
  bodies: `SELECT id, body FROM Note WHERE id IN ${ID_LIST}`,
  children: `${NOTES} WHERE n.parentId IN ${ID_LIST} ORDER BY n.fname`,
  sections: `SELECT noteId, ordinal, heading, depth, slug, chapter, startLine, endLine, parentOrdinal FROM Section
             WHERE noteId IN ${ID_LIST} ORDER BY noteId, ordinal`,
  // (sourceId, id) and (targetId, id) are the indexes' own order: no sort step.
  linksFrom: `${LINKS} WHERE sourceId IN ${ID_LIST} ORDER BY sourceId, id`,
  linksTo: `${LINKS} WHERE targetId IN ${ID_LIST} ORDER BY targetId, id`,
} as const;

function noteFrom(array: unknown[]): NoteRecord {
  const r = NOTE_READ.fromArray(array);
  return {
    id: r.id,
    vault: r.vault,
    fname: r.fname,
    title: r.title,
    desc: r.desc,
    createdMs: r.createdMs,
    updatedMs: r.updatedMs,
    stub: r.stub === 1,
    parentId: r.parentId,
    tags: JSON.parse(r.tags) as string[],
    custom: r.custom,
    path: r.path,
  };
}

/**
 * Every notes query the API makes. The per-request loaders' lookups (by id, children, sections, links) are
 * hand-written statements on the read connection; listing, counting and diagnostics go through Prisma.
 */
@Injectable()
export class NoteRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly reader: SqliteReader,
  ) {}

  findById(id: string): Promise<NoteRecord | null> {
    const row = this.reader.arrayStatement(SQL.noteById).get(id) as unknown[] | undefined;
    return Promise.resolve(row ? noteFrom(row) : null);
  }

  /** By fname, case-insensitively (the exact spelling first); without a vault, the first vault that has it. */
  findByFname(fname: string, vault?: string | null): Promise<NoteRecord | null> {
    const key = fnameKey(fname);
    const row = (
      vault
        ? this.reader.arrayStatement(SQL.noteByFnameInVault).get(key, vault, fname)
        : this.reader.arrayStatement(SQL.noteByFname).get(key, fname)
    ) as unknown[] | undefined;
    return Promise.resolve(row ? noteFrom(row) : null);
  }

  /** Bodies are the bulk of a note row: they load only when a query asks for them. */
  bodiesOf(ids: readonly string[]): Promise<{ id: string; body: string }[]> {
    return Promise.resolve(
      this.reader.statement(SQL.bodies).all(JSON.stringify(ids)) as {
        id: string;
        body: string;
      }[],
    );
  }

  findByIds(ids: readonly string[]): Promise<NoteRecord[]> {
    return Promise.resolve((this.reader.arrayStatement(SQL.notesByIds).all(JSON.stringify(ids)) as unknown[][]).map(noteFrom));
  }

  childrenOf(parentIds: readonly string[]): Promise<NoteRecord[]> {
    const rows = this.reader.arrayStatement(SQL.children).all(JSON.stringify(parentIds)) as unknown[][];
    return Promise.resolve(rows.map(noteFrom));
  }

  /**
   * A page in (fname, id) order after the cursor position; `take` one more to know if there is a next page. Filters
   * match literally (`%` and `_` are not wildcards); `fnamePrefix` and `text` ignore ASCII case, as fnames do.
   */
  page(filter: NoteFilterInput, after: { fname: string; id: string } | null, take: number): Promise<{ rows: NoteRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.vault) {
      where.push('v.name = ?');
      params.push(filter.vault);
    }
    if (filter.fnamePrefix) {
      where.push(`n.fnameKey LIKE ? ESCAPE '${LIKE_ESCAPE}'`);
      params.push(likePattern(fnameKey(filter.fnamePrefix), 'prefix'));
    }
    if (typeof filter.stub === 'boolean') {
      where.push('n.stub = ?');
      params.push(filter.stub ? 1 : 0);
    }
    if (filter.tag) {
      where.push('EXISTS (SELECT 1 FROM json_each(n.tags) WHERE value = ?)');
      params.push(filter.tag);
    }
    if (filter.text) {
      where.push(`(n.title LIKE ? ESCAPE '${LIKE_ESCAPE}' OR n.body LIKE ? ESCAPE '${LIKE_ESCAPE}')`);
      params.push(likePattern(filter.text, 'contains'), likePattern(filter.text, 'contains'));
    }
    const filtered = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.reader
      .statement(`SELECT count(*) FROM Note n JOIN Vault v ON v.id = n.vaultId ${filtered}`)
      .pluck()
      .get(...params) as number;
    const cursor = after ? `${filtered ? `${filtered} AND` : 'WHERE'} (n.fname > ? OR (n.fname = ? AND n.id > ?))` : filtered;
    const rows = this.reader
      .arrayStatement(`${NOTES} ${cursor} ORDER BY n.fname, n.id LIMIT ?`)
      .all(...params, ...(after ? [after.fname, after.fname, after.id] : []), take) as unknown[][];
    return Promise.resolve({ rows: rows.map(noteFrom), total });
  }

  sectionsOf(noteIds: readonly string[]): Promise<SectionRecord[]> {
    return Promise.resolve(this.reader.statement(SQL.sections).all(JSON.stringify(noteIds)) as SectionRecord[]);
  }

  linksFrom(noteIds: readonly string[]): Promise<LinkRecord[]> {
    return Promise.resolve(
      (this.reader.arrayStatement(SQL.linksFrom).all(JSON.stringify(noteIds)) as unknown[][]).map(LINK_RECORD.fromArray),
    );
  }

  linksTo(noteIds: readonly string[]): Promise<LinkRecord[]> {
    return Promise.resolve(
      (this.reader.arrayStatement(SQL.linksTo).all(JSON.stringify(noteIds)) as unknown[][]).map(LINK_RECORD.fromArray),
    );
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
    // A workspace file's rows (dendron.yml, its concepts.yml) have no vault: named by their folder, as the sync report does.
    return rows.map((d) => ({
      vault: d.vault?.name ?? path.basename(d.workspace ?? ''),
      file: d.path,
      line: d.line,
      code: d.code,
      severity: d.severity,
      message: d.message,
    }));
  }
}
