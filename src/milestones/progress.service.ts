import { Injectable } from '@nestjs/common';
import { AppConfig } from '../common/app-config';
import { DomainError, ErrorCode } from '../common/errors';
import type { NoteRecord } from '../notes/note.records';
import { NoteRepository } from '../notes/note.repository';
import type { MilestoneRecord } from './milestone.records';
import { MilestoneRepository } from './milestone.repository';
import { AgendaDayModel, MilestoneModel, ProgressModel } from './models/milestone.model';
import { computeProgress, todayIn } from './progress';

export interface NoteRef {
  id?: string | null;
  fname?: string | null;
}

@Injectable()
export class ProgressService {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly notes: NoteRepository,
    private readonly config: AppConfig,
  ) {}

  today(): string {
    return todayIn(this.config.timeZone);
  }

  /** Models of milestone rows, `overdue` as of today (worked out once for all of them). */
  models(records: MilestoneRecord[]): MilestoneModel[] {
    const today = this.today();
    return records.map((r) => MilestoneModel.from(r, today));
  }

  async list(q: { noteId?: string | null; from?: string | null; to?: string | null; done?: boolean | null }): Promise<MilestoneModel[]> {
    return this.models(await this.milestones.find(q));
  }

  /** A note by id, else by fname; NOT_FOUND otherwise. */
  async resolveNote(note: NoteRef): Promise<NoteRecord> {
    const found = (note.id ? await this.notes.findById(note.id) : null) ?? (note.fname ? await this.notes.findByFname(note.fname) : null);
    if (!found) {
      throw new DomainError(ErrorCode.NotFound, `no note ${note.id ?? note.fname ?? '(give id or fname)'}`);
    }
    return found;
  }

  /** Notes that have a plan, in fname order. */
  async notesWithPlans(): Promise<NoteRecord[]> {
    const ids = await this.milestones.noteIdsWithMilestones();
    return (await this.notes.findByIds(ids)).sort((a, b) => a.fname.localeCompare(b.fname));
  }

  async progress(note: NoteRef, asOf?: string | null): Promise<ProgressModel> {
    return this.progressOf(await this.resolveNote(note), asOf);
  }

  /** The progress of a note already found. */
  async progressOf(found: NoteRecord, asOf?: string | null): Promise<ProgressModel> {
    const records = await this.milestones.find({ noteId: found.id });
    const byId = new Map(records.map((r) => [r.id, r]));
    const day = asOf ?? this.today();
    const p = computeProgress(
      records.map((r) => ({
        id: r.id,
        date: r.date,
        done: r.done,
        doneAt: r.doneAtMs === null ? null : new Date(r.doneAtMs).toISOString(),
        target: r.target,
        label: r.label,
      })),
      day,
      this.config.timeZone,
    );
    const asModel = (m: { id: string }) => MilestoneModel.from(byId.get(m.id) as MilestoneRecord, day);
    return { ...p, overdue: p.overdue.map(asModel), dueToday: p.dueToday.map(asModel), nextDue: p.nextDue ? asModel(p.nextDue) : null };
  }

  async agenda(from: string, to: string): Promise<AgendaDayModel[]> {
    const days = new Map<string, MilestoneModel[]>();
    for (const m of this.models(await this.milestones.find({ from, to }))) {
      const day = days.get(m.date) ?? [];
      day.push(m);
      days.set(m.date, day);
    }
    return [...days].map(([date, milestones]) => ({ date, milestones }));
  }
}
