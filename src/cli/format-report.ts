import type { SyncReport } from '../sync/vault-sync';

/** The human summary of a sync, for a terminal. */
export function formatSyncReport(report: SyncReport): string {
  const lines = [
    `synced ${report.workspace} in ${report.durationMs.toFixed(0)} ms`,
    `  notes      ${report.notes}`,
    `  added      ${report.added}`,
    `  updated    ${report.updated}`,
    `  renamed    ${report.renamed}`,
    `  deleted    ${report.deleted}`,
    `  unchanged  ${report.unchanged}`,
    `  problems   ${report.diagnostics.length}`,
  ];
  for (const d of report.diagnostics.slice(0, 50)) {
    lines.push(`    ${d.vault}/${d.file}${d.line === null ? '' : `:${d.line}`} ${d.code}: ${d.message}`);
  }
  if (report.diagnostics.length > 50) {
    lines.push(`    … ${report.diagnostics.length - 50} more (use --json for all)`);
  }
  return lines.join('\n');
}

/** The `sync --json` contract: scripts depend on these keys. */
export function syncReportJson(report: SyncReport): object {
  return {
    added: report.added,
    updated: report.updated,
    renamed: report.renamed,
    deleted: report.deleted,
    unchanged: report.unchanged,
    notes: report.notes,
    diagnostics: report.diagnostics.map((d) => ({
      vault: d.vault,
      file: d.file,
      line: d.line,
      code: d.code,
      severity: d.severity,
      message: d.message,
    })),
    durationMs: Math.round(report.durationMs * 10) / 10,
  };
}
