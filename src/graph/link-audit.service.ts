import { Injectable } from '@nestjs/common';
import { decodeCursor, isStringPair, toConnection } from '../common/graphql/pagination';
import { NoteModel } from '../notes/models/note.model';
import type { NoteConnection } from '../notes/models/note-connection.model';
import { LinkModel } from '../notes/models/note.model';
import { NoteRepository } from '../notes/note.repository';
import { NotesService } from '../notes/notes.service';
import { titleFromFname } from '../vault/parse/title';
import { GraphRepository } from './graph.repository';
import type { BrokenLinkConnection } from './models/broken-link-connection.model';
import { findUnlinkedMentions, nameMatcher, type UnlinkedMentionRecord } from './unlinked-mentions';

type LinkCursor = [string, number];
const isLinkCursor = (v: unknown): v is LinkCursor =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isInteger(v[1]);

/** Candidate notes read per unlinkedMentions request: enough for a vault, bounded for a huge one. */
const MAX_CANDIDATES = 500;

/** What is missing from the link graph: orphans, broken links, and mentions that could be links. */
@Injectable()
export class LinkAuditService {
  constructor(
    private readonly repo: GraphRepository,
    private readonly notes: NoteRepository,
    private readonly noteRefs: NotesService,
  ) {}

  async orphans(first: number, after?: string | null): Promise<NoteConnection> {
    const cursor = after ? decodeCursor(after, isStringPair) : null;
    const { ids, total } = await this.repo.orphans(cursor ? { fname: cursor[0], id: cursor[1] } : null, first + 1);
    const byId = new Map((await this.notes.findByIds(ids)).map((n) => [n.id, n]));
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    return toConnection(
      rows,
      first,
      total,
      (n) => [n.fname, n.id],
      (n) => NoteModel.from(n),
    );
  }

  async brokenLinks(first: number, after?: string | null): Promise<BrokenLinkConnection> {
    const cursor = after ? decodeCursor(after, isLinkCursor) : null;
    const { rows, total } = await this.repo.brokenLinks(cursor ? { fname: cursor[0], id: cursor[1] } : null, first + 1);
    return toConnection(
      rows,
      first,
      total,
      (r) => [r.fname, r.id],
      (r) => LinkModel.from(r),
    );
  }

  /**
   * Places in other notes that name `noteRef`'s title (and its last fname segment when the title is the derived
   * default) without linking to it on that line. Full-text candidates first, then each line is checked.
   */
  async unlinkedMentions(noteRef: string, first: number): Promise<UnlinkedMentionRecord[]> {
    const note = await this.noteRefs.getByName(noteRef);
    const last = note.fname.split('.').pop() ?? note.fname;
    const names = [note.title, ...(note.title === titleFromFname(note.fname) ? [last] : [])]
      .map((n) => n.trim())
      .filter((n, i, all) => /[\p{L}\p{N}]/u.test(n) && all.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i);
    const matcher = nameMatcher(names);
    if (!matcher) {
      return [];
    }
    const candidates = await this.repo.mentionCandidates(note.id, names, MAX_CANDIDATES);
    return candidates.flatMap((c) => findUnlinkedMentions(c, matcher)).slice(0, first);
  }
}
