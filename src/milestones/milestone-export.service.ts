import { Injectable } from '@nestjs/common';
import { NoteRepository } from '../notes/note.repository';
import { burndownSvg } from './export/burndown-svg';
import { milestonesToIcs } from './export/calendar';
import { MilestoneRepository } from './milestone.repository';
import { ProgressService, type NoteRef } from './progress.service';

/** The plan as files other tools read: an iCalendar feed and a burndown chart. */
@Injectable()
export class MilestoneExportService {
  constructor(
    private readonly progress: ProgressService,
    private readonly milestones: MilestoneRepository,
    private readonly notes: NoteRepository,
  ) {}

  /** One all-day event per milestone, of one note or of every note with a plan. */
  async calendar(note?: NoteRef): Promise<string> {
    const only = note?.id || note?.fname ? await this.progress.resolveNote(note) : null;
    const records = await this.milestones.find({ noteId: only?.id });
    const titles = new Map((await this.notes.findByIds([...new Set(records.map((r) => r.noteId))])).map((n) => [n.id, n.title]));
    return milestonesToIcs({
      calendarName: only ? `${only.title} plan` : 'vaultgraph plans',
      milestones: records.map((r) => {
        const what = r.chapter !== null ? `chapter ${r.chapter}` : (r.label ?? r.target ?? 'milestone');
        return {
          id: r.id,
          date: r.date,
          done: r.done,
          title: `${titles.get(r.noteId) ?? r.noteId}: ${what}`,
          description: r.label && r.label !== r.target && r.label !== what ? r.label : undefined,
        };
      }),
    });
  }

  async burndown(note: NoteRef, asOf?: string | null): Promise<string> {
    const found = await this.progress.resolveNote(note);
    const p = await this.progress.progressOf(found, asOf);
    return burndownSvg(p, { title: `${found.title}: burndown as of ${p.asOf}` });
  }
}
