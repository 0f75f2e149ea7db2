import { NestFactory } from '@nestjs/core';
import fs from 'node:fs';
import { AppConfig } from '../common/app-config';
import { ensureMigrated } from '../common/migrate';
import { MilestoneExportService } from '../milestones/milestone-export.service';
import { ProgressService } from '../milestones/progress.service';
import { CliPlanModule } from './cli-plan.module';
import { formatProgress } from './format-progress';

async function withPlans<T>(fn: (progress: ProgressService, exports: MilestoneExportService) => Promise<T>): Promise<T> {
  ensureMigrated(new AppConfig().databaseFile);
  const app = await NestFactory.createApplicationContext(CliPlanModule, { logger: ['error'] });
  try {
    return await fn(app.get(ProgressService), app.get(MilestoneExportService));
  } finally {
    await app.close();
  }
}

function emit(text: string, out: string | undefined): void {
  if (out) {
    fs.writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
  } else {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
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
