import { Injectable } from '@nestjs/common';
import { decodeCursor, isStringPair, toConnection } from '../common/graphql/pagination';
import { DomainError, ErrorCode } from '../common/errors';
import type { NoteArgs, NotesArgs } from './dto/notes.args';
import { NoteModel } from './models/note.model';
import type { NoteConnection } from './models/note-connection.model';
import { NoteRepository } from './note.repository';

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
    const after = args.after ? decodeCursor(args.after, isStringPair) : null;
    const { rows, total } = await this.notes.page(args.filter ?? {}, after ? { fname: after[0], id: after[1] } : null, args.first + 1);
    return toConnection(
      rows,
      args.first,
      total,
      (r) => [r.fname, r.id],
      (r) => NoteModel.from(r),
    );
  }
}
