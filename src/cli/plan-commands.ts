import { MilestoneExportService } from '../milestones/milestone-export.service';
import { ProgressService } from '../milestones/progress.service';
import { NotesService } from '../notes/notes.service';
import { emit, withCliContext } from './cli-context';
import { CliPlanModule } from './cli-plan.module';
import { formatProgress } from './format-progress';

function withPlans<T>(fn: (progress: ProgressService, exports: MilestoneExportService, notes: NotesService) => Promise<T>): Promise<T> {
  return withCliContext(CliPlanModule, (app) => fn(app.get(ProgressService), app.get(MilestoneExportService), app.get(NotesService)));
}

/** `vaultgraph progress [NOTE]`: one note (id or fname), or every note with a plan. */
export async function runProgress(note: string | undefined, opts: { asOf?: string; json?: boolean }): Promise<void> {
  await withPlans(async (progress, _exports, notesService) => {
    const notes = note ? [await notesService.getByName(note)] : await progress.notesWithPlans();
    const results = [];
    for (const n of notes) {
      results.push({ note: n, progress: await progress.progressOf(n, opts.asOf) });
    }
    if (opts.json) {
      const json = [];
      for (const { note: n, progress: p } of results) {
        const { noteId: _noteId, ...figures } = p;
        const burndown = progress.burndownOf(await progress.list({ noteId: n.id }), p.asOf);
        json.push({ id: n.id, fname: n.fname, title: n.title, ...figures, burndown });
      }
      process.stdout.write(`${JSON.stringify(note ? json[0] : json, null, 2)}\n`);
    } else if (results.length === 0) {
      process.stdout.write('no note has a plan (a checklist item with a date, e.g. `- [ ] 1/4(sat): 2`)\n');
    } else {
      process.stdout.write(`${results.map((r) => formatProgress(r.note.title, r.note.fname, r.progress)).join('\n\n')}\n`);
    }
  });
}

export async function runExportCalendar(note: string | undefined, opts: { out?: string }): Promise<void> {
  const ics = await withPlans((_, exports) => exports.calendar(note));
  emit(ics, opts.out);
}

export async function runExportBurndown(note: string, opts: { asOf?: string; out?: string }): Promise<void> {
  const svg = await withPlans((_, exports) => exports.burndown(note, opts.asOf));
  emit(svg, opts.out);
}
