import { Injectable } from '@nestjs/common';
import { NoteRepository } from '../notes/note.repository';
import { burndownSvg } from './export/burndown-svg';
import { milestonesToIcs } from './export/calendar';
import { MilestoneRepository } from './milestone.repository';
import { NotesService } from '../notes/notes.service';
import { ProgressService } from './progress.service';

/** The plan as files other tools read: an iCalendar feed and a burndown chart. */
@Injectable()
export class MilestoneExportService {
  constructor(
    private readonly progress: ProgressService,
    private readonly milestones: MilestoneRepository,
    private readonly notes: NoteRepository,
    private readonly noteRefs: NotesService,
  ) {}

  /** One all-day event per milestone, of one note (by id or fname) or of every note with a plan. */
  async calendar(note?: string): Promise<string> {
    const only = note ? await this.noteRefs.getByName(note) : null;
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

  /** The burndown chart of a note (by id or fname) as SVG. */
  async burndown(note: string, asOf?: string | null): Promise<string> {
    const found = await this.noteRefs.getByName(note);
    const p = await this.progress.progressOf(found, asOf);
    const burndown = this.progress.burndownOf(await this.milestones.find({ noteId: found.id }), p.asOf);
    return burndownSvg({ ...p, burndown }, { title: `${found.title}: burndown as of ${p.asOf}` });
  }
}
