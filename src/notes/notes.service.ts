import { Injectable } from '@nestjs/common';
import { decodeCursor, isStringPair, toConnection } from '../common/graphql/pagination';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { fnameKey } from '../vault/fname-key';
import type { NoteRef } from './note-ref';
import type { NoteRecord } from './note.records';
import type { NoteArgs, NotesArgs } from './dto/notes.args';
import { NoteModel } from './models/note.model';
import type { NoteConnection } from './models/note-connection.model';
import { NoteRepository } from './note.repository';

@Injectable()
export class NotesService {
  constructor(private readonly notes: NoteRepository) {}

  async note(args: NoteArgs): Promise<NoteModel | null> {
    const found = await this.find(args);
    return found ? NoteModel.from(found) : null;
  }

  /** The NoteRef rule (note-ref.ts); null when no note matches. */
  async find(ref: NoteRef): Promise<NoteRecord | null> {
    const id = ref.id || null;
    const fname = ref.fname || null;
    if (id === null) {
      if (fname === null) {
        throw new DomainError(ErrorCode.BadInput, 'name a note by id or fname');
      }
      return this.notes.findByFname(fname, ref.vault);
    }
    const byId = await this.notes.findById(id);
    const disagrees = byId === null || fnameKey(byId.fname) !== fnameKey(fname ?? byId.fname) || (ref.vault && byId.vault !== ref.vault);
    if ((fname !== null || ref.vault) && disagrees) {
      throw new DomainError(
        ErrorCode.BadInput,
        `id ${quoteInput(id)} and fname ${quoteInput(fname ?? '')} do not name the same note; give one`,
      );
    }
    return byId;
  }

  /** The NoteRef rule; NOT_FOUND when no note matches. */
  async get(ref: NoteRef): Promise<NoteRecord> {
    const found = await this.find(ref);
    if (!found) {
      throw new DomainError(ErrorCode.NotFound, `no note ${quoteInput(ref.id || ref.fname || '')}`);
    }
    return found;
  }

  /**
   * A note named by one string, as a wikilink or a URL names it (`/progress/<note>.svg`, `graph(from:)`, the CLI's
   * NOTE): the note with that id, else the one with that fname (case-insensitively).
   */
  async findByName(name: string): Promise<NoteRecord | null> {
    return (await this.notes.findById(name)) ?? (await this.notes.findByFname(name));
  }

  /** findByName, NOT_FOUND when there is none. */
  async getByName(name: string): Promise<NoteRecord> {
    const found = await this.findByName(name);
    if (!found) {
      throw new DomainError(ErrorCode.NotFound, `no note ${quoteInput(name)}`);
    }
    return found;
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
