import type { MilestoneModel, ProgressModel } from '../milestones/models/milestone.model';

const BAR_WIDTH = 24;

function what(m: Pick<MilestoneModel, 'chapter' | 'target' | 'label'>): string {
  return m.chapter !== null ? `chapter ${m.chapter}` : (m.target ?? m.label ?? 'milestone');
}

/** A terminal summary of one plan: bar, done/total, overdue, next due, projection. */
export function formatProgress(title: string, fname: string, p: ProgressModel): string {
  const filled = p.total === 0 ? 0 : Math.round((p.done / p.total) * BAR_WIDTH);
  const list = (ms: MilestoneModel[]) => (ms.length === 0 ? 'none' : ms.map((m) => `${what(m)} (${m.date})`).join(', '));
  return [
    `${title} (${fname}), as of ${p.asOf}`,
    `  [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${p.done}/${p.total} done, ${p.percent}%`,
    `  overdue    ${list(p.overdue)}`,
    `  due today  ${list(p.dueToday)}`,
    `  next due   ${p.nextDue ? `${what(p.nextDue)} on ${p.nextDue.date}` : 'nothing left'}`,
    `  pace       ${p.pace} a day; projected finish ${p.projectedFinish ?? 'unknown (nothing done yet)'}; ${p.daysBehind} day(s) behind; streak ${p.streak}`,
  ].join('\n');
}
