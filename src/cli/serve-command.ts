import type { ApolloDriver } from '@nestjs/apollo';
import type { INestApplication } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '../common/app-config';
import { GqlContextFactory } from '../common/graphql/gql-context';
import { ensureMigrated } from '../db/migrate';
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
  await warmUp(app);
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
  process.stdout.write(`vaultgraph listening on ${url}/graphql (the web app at ${url}/, the GraphQL IDE at /graphql${watching})\n`);
  void first?.then((line) => process.stdout.write(`${line}\n`));
}

/**
 * One query through Apollo before the port opens: the first operation pays for lazy start-up (Prisma's query compiler,
 * Apollo's and graphql-js's caches; 120-170 ms here), and a client's first request should not wait for it behind a
 * sync starting on the other core.
 */
async function warmUp(app: INestApplication): Promise<void> {
  await app.init();
  const apollo = app.get<GraphQLModule<ApolloDriver>>(GraphQLModule).graphQlAdapter.instance;
  await apollo.executeOperation(
    { query: '{ syncStatus { state ready progress { done } } }' },
    { contextValue: app.get(GqlContextFactory).create({ headers: {} }) },
  );
}
