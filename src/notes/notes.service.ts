import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/graphql/pagination';
import { DomainError, ErrorCode } from '../common/errors';
import type { NoteArgs, NotesArgs } from './dto/notes.args';
import { NoteModel } from './models/note.model';
import type { NoteConnection } from './models/note-connection.model';
import { NoteRepository } from './note.repository';

type NoteCursor = [string, string];
const isNoteCursor = (v: unknown): v is NoteCursor => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string');

@Injectable()
export class NotesService {
  constructor(private readonly notes: NoteRepository) {}

  async note(args: NoteArgs): Promise<NoteModel | null> {
    if (args.id) {
      const byId = await this.notes.findById(args.id);
      return byId ? NoteModel.from(byId) : null;
    }
    if (args.fname) {
      const byFname = await this.notes.findByFname(args.fname, args.vault);
      return byFname ? NoteModel.from(byFname) : null;
    }
    throw new DomainError(ErrorCode.BadInput, 'note needs an id or an fname');
  }

  async page(args: NotesArgs): Promise<NoteConnection> {
    const after = args.after ? decodeCursor(args.after, isNoteCursor) : null;
    const { rows, total } = await this.notes.page(args.filter ?? {}, after ? { fname: after[0], id: after[1] } : null, args.first + 1);
    const edges = rows.slice(0, args.first).map((r) => ({ cursor: encodeCursor([r.fname, r.id]), node: NoteModel.from(r) }));
    return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
  }
}
