import { Injectable } from '@nestjs/common';
import { AppConfig } from '../common/app-config';
import { groupBy } from '../common/group-by';
import { DomainError, ErrorCode } from '../common/errors';
import type { NoteRef } from '../notes/note-ref';
import type { NoteRecord } from '../notes/note.records';
import { NoteRepository } from '../notes/note.repository';
import { NotesService } from '../notes/notes.service';
import type { MilestoneRecord } from './milestone.records';
import { MilestoneRepository } from './milestone.repository';
import { AgendaDayModel, MilestoneModel, ProgressModel } from './models/milestone.model';
import { asOfOutsideWindow, computeBurndown, computeProgress, todayIn, type BurndownPoint, type ProgressMilestone } from './progress';

@Injectable()
export class ProgressService {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly notes: NoteRepository,
    private readonly noteRefs: NotesService,
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

  /** Notes that have a plan, in fname order. */
  async notesWithPlans(): Promise<NoteRecord[]> {
    const ids = await this.milestones.noteIdsWithMilestones();
    return (await this.notes.findByIds(ids)).sort((a, b) => a.fname.localeCompare(b.fname));
  }

  /** The progress of every note with a plan, in fname order; the milestones of all of them read at once. */
  async plans(asOf?: string | null): Promise<ProgressModel[]> {
    const notes = await this.notesWithPlans();
    const ids = notes.map((n) => n.id);
    const plans = groupBy(ids, await this.milestones.ofNotes(ids), (m) => m.noteId);
    // The order progressOf reads them in: by date, then as written (ofNotes gives them as written).
    return notes.map((note, i) =>
      this.progressFrom(
        note,
        plans[i].sort((a, b) => a.date.localeCompare(b.date)),
        asOf,
      ),
    );
  }

  async progress(note: NoteRef, asOf?: string | null): Promise<ProgressModel> {
    return this.progressOf(await this.noteRefs.get(note), asOf);
  }

  /** The progress of a note already found; its burndown is worked out only when asked for (burndownOf). */
  async progressOf(found: NoteRecord, asOf?: string | null): Promise<ProgressModel> {
    return this.progressFrom(found, await this.milestones.find({ noteId: found.id }), asOf);
  }

  /** The progress of a note from its milestones, in date order. */
  private progressFrom(found: NoteRecord, records: MilestoneRecord[], asOf?: string | null): ProgressModel {
    const byId = new Map(records.map((r) => [r.id, r]));
    const plan = records.map(planMilestone);
    const day = this.checkedAsOf(plan, asOf);
    const p = computeProgress(plan, day, this.config.timeZone);
    const asModel = (m: { id: string }) => MilestoneModel.from(byId.get(m.id) as MilestoneRecord, day);
    return Object.assign(new ProgressModel(), {
      ...p,
      noteId: found.id,
      overdue: p.overdue.map(asModel),
      dueToday: p.dueToday.map(asModel),
      nextDue: p.nextDue ? asModel(p.nextDue) : null,
    });
  }

  /** The burndown of a note's plan as of a day, from its milestones (models or rows). */
  burndownOf(milestones: readonly (MilestoneRecord | MilestoneModel)[], asOf: string): BurndownPoint[] {
    return computeBurndown(milestones.map(planMilestone), asOf, this.config.timeZone);
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

  /** asOf, or today; BAD_USER_INPUT when it is too far from the plan to mean anything (progress.ts AS_OF_WINDOW_YEARS). */
  private checkedAsOf(plan: ProgressMilestone[], asOf?: string | null): string {
    const day = asOf ?? this.today();
    const outside = asOf ? asOfOutsideWindow(plan, day) : null;
    if (outside !== null) {
      throw new DomainError(ErrorCode.BadInput, outside);
    }
    return day;
  }
}

function planMilestone(m: MilestoneRecord | MilestoneModel): ProgressMilestone {
  const doneAtMs = 'doneAtMs' in m ? m.doneAtMs : m.doneAt === null ? null : m.doneAt.getTime();
  return {
    id: m.id,
    date: m.date,
    done: m.done,
    doneAt: doneAtMs === null ? null : new Date(doneAtMs).toISOString(),
    target: m.target,
    label: m.label,
  };
}
