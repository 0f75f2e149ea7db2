import { MilestoneExportService } from '../milestones/milestone-export.service';
import { ProgressService } from '../milestones/progress.service';
import { emit, withCliContext } from './cli-context';
import { CliPlanModule } from './cli-plan.module';
import { formatProgress } from './format-progress';

function withPlans<T>(fn: (progress: ProgressService, exports: MilestoneExportService) => Promise<T>): Promise<T> {
  return withCliContext(CliPlanModule, (app) => fn(app.get(ProgressService), app.get(MilestoneExportService)));
}

/** `vaultgraph progress [NOTE]`: one note (id or fname), or every note with a plan. */
export async function runProgress(note: string | undefined, opts: { asOf?: string; json?: boolean }): Promise<void> {
  await withPlans(async (progress) => {
    const notes = note ? [await progress.resolveNote({ id: note, fname: note })] : await progress.notesWithPlans();
    const results = [];
    for (const n of notes) {
      results.push({ note: n, progress: await progress.progressOf(n, opts.asOf) });
    }
    if (opts.json) {
      const json = results.map((r) => ({ id: r.note.id, fname: r.note.fname, title: r.note.title, ...r.progress }));
      process.stdout.write(`${JSON.stringify(note ? json[0] : json, null, 2)}\n`);
    } else if (results.length === 0) {
      process.stdout.write('no note has a plan (a checklist item with a date, e.g. `- [ ] 1/4(sat): 2`)\n');
    } else {
      process.stdout.write(`${results.map((r) => formatProgress(r.note.title, r.note.fname, r.progress)).join('\n\n')}\n`);
    }
  });
}

export async function runExportCalendar(note: string | undefined, opts: { out?: string }): Promise<void> {
  const ics = await withPlans((_, exports) => exports.calendar(note ? { id: note, fname: note } : undefined));
  emit(ics, opts.out);
}

export async function runExportBurndown(note: string, opts: { asOf?: string; out?: string }): Promise<void> {
  const svg = await withPlans((_, exports) => exports.burndown({ id: note, fname: note }, opts.asOf));
  emit(svg, opts.out);
}
