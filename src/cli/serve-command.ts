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

export async function runServe(opts: ServeOptions): Promise<void> {
  applyEnv({ VAULT_PATH: opts.vault, HOST: opts.host, PORT: opts.port });
  const config = new AppConfig();
  ensureMigrated(config.databaseFile);
  const app = await createServer();
  const syncs = app.get(SyncService);
  if (opts.sync) {
    process.stdout.write(`${formatSyncReport(syncs.sync())}\n`);
  }
  if (opts.watch) {
    await syncs.watch(config.vaultPath, (outcome) => process.stdout.write(`${watchLine(outcome)}\n`));
  }
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const watching = opts.watch ? `, following ${config.vaultPath}` : '';
  process.stdout.write(`vaultgraph listening on ${url}/graphql (GraphQL IDE: open it in a browser${watching})\n`);
}
