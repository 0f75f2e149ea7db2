import 'reflect-metadata';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Command, InvalidArgumentError } from 'commander';
import fs from 'node:fs';
import { graphql } from 'graphql';
import { runExportBurndown, runExportCalendar, runProgress } from './cli/plan-commands';
import { runServe, runSync } from './cli/sync-commands';
import { AppConfig } from './common/app-config';
import { GqlContextFactory } from './common/graphql/gql-context';
import { DomainError } from './common/errors';
import { ensureMigrated } from './common/migrate';
import { createServer } from './main';

/** A failure the user can act on: printed as one line, exit code 2. */
class CliError extends Error {}

function parsePort(value: string): string {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new InvalidArgumentError('not a port number');
  }
  return value;
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new InvalidArgumentError('expected YYYY-MM-DD');
  }
  return value;
}

async function runQuery(document: string, opts: { variables?: string }): Promise<void> {
  const source = document.startsWith('@') ? fs.readFileSync(document.slice(1), 'utf8') : document;
  let variableValues: Record<string, unknown> | undefined;
  try {
    variableValues = opts.variables ? (JSON.parse(opts.variables) as Record<string, unknown>) : undefined;
  } catch {
    throw new CliError('--variables must be a JSON object');
  }
  const config = new AppConfig();
  ensureMigrated(config.databaseFile);
  const app = await createServer(['error']);
  await app.init();
  try {
    const { schema } = app.get(GraphQLSchemaHost);
    const headers = config.apiToken ? { authorization: `Bearer ${config.apiToken}` } : {};
    const result = await graphql({
      schema,
      source,
      variableValues,
      contextValue: app.get(GqlContextFactory).create({ headers }),
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (result.errors?.length) {
      process.exitCode = 1;
    }
  } finally {
    await app.close();
  }
}

export function buildCli(): Command {
  const program = new Command('vaultgraph')
    .description('A Dendron vault as a knowledge graph and milestone tracker: sync it into SQLite, query it over GraphQL.')
    .showHelpAfterError();

  program
    .command('sync')
    .description('sync a vault (or a workspace with dendron.yml) into the database')
    .option('--vault <dir>', 'vault or workspace folder (default: $VAULT_PATH or seeds)')
    .option('--json', 'print the report as JSON')
    .option('--quiet', 'print nothing on success')
    .option('--watch', 'keep following the vault: every burst of saves is synced')
    .action(runSync);

  program
    .command('serve')
    .description('serve GraphQL (and the GraphQL IDE) at /graphql')
    .option('--vault <dir>', 'vault or workspace folder (default: $VAULT_PATH or seeds)')
    .option('--sync', 'sync the vault before serving')
    .option('--watch', 'follow the vault while serving: saved notes show up in GraphQL at once')
    .option('--host <host>', 'address to bind (default: $HOST or 127.0.0.1)')
    .option('--port <port>', 'port (default: $PORT or 3000)', parsePort)
    .action(runServe);

  program
    .command('query')
    .description('run a GraphQL document against the local database and print the JSON result')
    .argument('<document>', 'the GraphQL document, or @file')
    .option('--variables <json>', 'variables as a JSON object')
    .action(runQuery);

  program
    .command('progress')
    .description('how a study plan is going: done/total, overdue, next due, pace, projected finish')
    .argument('[note]', 'note id or fname (default: every note with a plan)')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today in VAULTGRAPH_TZ)', parseDate)
    .option('--json', 'print JSON')
    .action(runProgress);

  const exports = program.command('export').description('write the data in formats other tools read');
  exports
    .command('calendar')
    .description('the plan as an iCalendar (.ics) file: one all-day event per milestone')
    .argument('[note]', 'note id or fname (default: every plan)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(runExportCalendar);
  exports
    .command('burndown')
    .description('the burndown chart of a plan as SVG')
    .argument('<note>', 'note id or fname')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today)', parseDate)
    .option('--out <file>', 'write to a file instead of stdout')
    .action(runExportBurndown);

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof CliError || err instanceof DomainError) {
      process.stderr.write(`vaultgraph: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`vaultgraph: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
