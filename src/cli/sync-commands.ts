import { AppConfig } from '../common/app-config';
import { SyncService } from '../sync/sync.service';
import type { SyncReport } from '../sync/vault-sync';
import { withCliContext } from './cli-context';
import { CliSyncModule } from './cli-sync.module';
import { formatSyncReport, syncReportJson } from './format-report';
import { syncProgressBar } from './sync-progress-bar';

export interface SyncOptions {
  vault?: string;
  json?: boolean;
  quiet?: boolean;
  watch?: boolean;
}

export function applyEnv(vars: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(vars)) {
    if (value) {
      process.env[key] = value;
    }
  }
}

function print(report: SyncReport, opts: SyncOptions): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(syncReportJson(report), null, 2)}\n`);
  } else if (!opts.quiet) {
    process.stdout.write(`${formatSyncReport(report)}\n`);
  }
}

/** One line per watched sync: what changed, how long it took, and the problems it found. */
export function watchLine(outcome: SyncReport | Error): string {
  if (outcome instanceof Error) {
    return `sync failed: ${outcome.message}`;
  }
  const { added, updated, renamed, deleted, diagnostics, durationMs } = outcome;
  return `synced: +${added} ~${updated} >${renamed} -${deleted}, ${diagnostics.length} problem(s), ${durationMs.toFixed(0)} ms`;
}

/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM). */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export async function runSync(opts: SyncOptions): Promise<void> {
  applyEnv({ VAULT_PATH: opts.vault });
  const config = new AppConfig();
  await withCliContext(CliSyncModule, async (app) => {
    const syncs = app.get(SyncService);
    const bar = process.stderr.isTTY && !opts.json && !opts.quiet ? syncProgressBar() : null;
    let report: SyncReport;
    try {
      report = await syncs.sync(config.vaultPath, bar?.onProgress);
    } finally {
      bar?.stop();
    }
    print(report, opts);
    if (opts.watch) {
      await syncs.watch(config.vaultPath, (outcome) => {
        process.stdout.write(
          opts.json && !(outcome instanceof Error) ? `${JSON.stringify(syncReportJson(outcome))}\n` : `${watchLine(outcome)}\n`,
        );
      });
      process.stderr.write(`watching ${config.vaultPath} (Ctrl-C to stop)\n`);
      await untilStopped();
    }
  });
}
