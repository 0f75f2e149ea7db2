import { AppConfig } from '../common/app-config';
import { ensureMigrated } from '../common/migrate';
import { createServer } from '../main';
import { SyncService } from '../sync/sync.service';
import { formatSyncReport } from './format-report';
import { applyEnv, watchLine } from './sync-commands';

export interface ServeOptions {
  vault?: string;
  sync?: boolean;
  watch?: boolean;
  host?: string;
  port?: string;
}

/**
 * Listens at once with the last committed state; `--sync` runs on the sync worker meanwhile (`syncStatus` shows its
 * progress) and its report is printed when it commits.
 */
export async function runServe(opts: ServeOptions): Promise<void> {
  applyEnv({ VAULT_PATH: opts.vault, HOST: opts.host, PORT: opts.port });
  const config = new AppConfig();
  ensureMigrated(config.databaseFile);
  const app = await createServer();
  const syncs = app.get(SyncService);
  await app.listen(config.port, config.host);
  // Started before the watcher is set up, so its scan of the folders and the sync overlap; reported after "listening".
  const first = opts.sync
    ? syncs.sync().then(
        (report) => formatSyncReport(report),
        (err: Error) => watchLine(err),
      )
    : null;
  if (opts.watch) {
    await syncs.watch(config.vaultPath, (outcome) => process.stdout.write(`${watchLine(outcome)}\n`));
  }
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const watching = opts.watch ? `, following ${config.vaultPath}` : '';
  process.stdout.write(`vaultgraph listening on ${url}/graphql (GraphQL IDE: open it in a browser${watching})\n`);
  void first?.then((line) => process.stdout.write(`${line}\n`));
}
