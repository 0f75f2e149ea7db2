import 'reflect-metadata';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import path from 'node:path';
import { DomainError } from './common/errors';
import { isIsoDay } from './common/iso-day';

/**
 * Each command loads its own code when it runs: `sync` needs neither GraphQL nor Prisma, and loading
 * @nestjs/graphql alone costs ~0.4 s of start-up.
 */
function lazy<A extends unknown[]>(load: () => Promise<(...args: A) => Promise<void>>): (...args: A) => Promise<void> {
  return async (...args: A) => (await load())(...args);
}

function parsePort(value: string): string {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new InvalidArgumentError('not a port number');
  }
  return value;
}

function parseDate(value: string): string {
  if (!isIsoDay(value)) {
    throw new InvalidArgumentError('expected YYYY-MM-DD');
  }
  return value;
}

export function buildCli(): Command {
  const program = new Command('vaultgraph')
    .description('A Dendron vault as a knowledge graph and milestone tracker: sync it into SQLite, query it over GraphQL.')
    .showHelpAfterError()
    // Usage errors are thrown to main() (commander has printed them), which gives them the client-mistake exit code.
    .exitOverride();

  program
    .command('sync')
    .description('sync a vault (or a workspace with dendron.yml) into the database')
    .option('--vault <dir>', 'vault or workspace folder (default: $VAULT_PATH or seeds)')
    .option('--json', 'print the report as JSON')
    .option('--quiet', 'print nothing on success')
    .option('--watch', 'keep following the vault: every burst of saves is synced')
    .action(lazy(async () => (await import('./cli/sync-commands')).runSync));

  program
    .command('serve')
    .description('serve GraphQL (and the GraphQL IDE) at /graphql')
    .option('--vault <dir>', 'vault or workspace folder (default: $VAULT_PATH or seeds)')
    .option('--sync', 'sync the vault before serving')
    .option('--watch', 'follow the vault while serving: saved notes show up in GraphQL at once')
    .option('--host <host>', 'address to bind (default: $HOST or 127.0.0.1)')
    .option('--port <port>', 'port (default: $PORT or 3000)', parsePort)
    .action(lazy(async () => (await import('./cli/serve-command')).runServe));

  program
    .command('query')
    .description('run a GraphQL document against the local database and print the JSON result')
    .argument('<document>', 'the GraphQL document, or @file')
    .option('--variables <json>', 'variables as a JSON object')
    .action(lazy(async () => (await import('./cli/query-command')).runQuery));

  program
    .command('progress')
    .description('how a study plan is going: done/total, overdue, next due, pace, projected finish')
    .argument('[note]', 'note id or fname (default: every note with a plan)')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today in VAULTGRAPH_TZ)', parseDate)
    .option('--json', 'print JSON')
    .action(lazy(async () => (await import('./cli/plan-commands')).runProgress));

  const exports = program.command('export').description('write the data in formats other tools read');
  exports
    .command('calendar')
    .description('the plan as an iCalendar (.ics) file: one all-day event per milestone')
    .argument('[note]', 'note id or fname (default: every plan)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(lazy(async () => (await import('./cli/plan-commands')).runExportCalendar));
  exports
    .command('graph')
    .description('the note graph (or a neighbourhood) for other tools: GraphML, Cytoscape JSON, Graphviz DOT or Mermaid')
    .requiredOption('--format <format>', 'graphml | cytoscape | dot | mermaid')
    .option('--from <node>', 'note id or fname, or concept:<key>: export its neighbourhood')
    .option('--depth <n>', 'hops from --from, 0 to 4 (default 1)')
    .option('--kinds <list>', 'edge kinds: link,hierarchy,mention,related')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(lazy(async () => (await import('./cli/export-graph')).runExportGraph));
  exports
    .command('burndown')
    .description('the burndown chart of a plan as SVG')
    .argument('<note>', 'note id or fname')
    .option('--as-of <date>', 'YYYY-MM-DD (default: today)', parseDate)
    .option('--out <file>', 'write to a file instead of stdout')
    .action(lazy(async () => (await import('./cli/plan-commands')).runExportBurndown));

  return program;
}

/** The checkout (src/.. or dist/..): its absolute path is nobody's business in an error message. */
const CHECKOUT = path.resolve(__dirname, '..');

/**
 * The CLI's one error policy. A client's mistake (a usage error, a missing @file, bad --variables, any DomainError)
 * is one line `vaultgraph: <message>` and exit 2; anything else is an internal error: one line, exit 1, and the
 * stack only with VAULTGRAPH_DEBUG=1.
 */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof DomainError) {
      process.stderr.write(`vaultgraph: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    const debug = process.env.VAULTGRAPH_DEBUG === '1';
    // Duck-typed: errors from another realm (a VM context, Jest's sandbox) are not `instanceof Error`.
    const { message = String(err), stack } = (typeof err === 'object' && err !== null ? err : {}) as Partial<Error>;
    const line = (message.split('\n')[0] ?? '').split(CHECKOUT).join('<vaultgraph>');
    process.stderr.write(`vaultgraph: internal error: ${line}\n`);
    if (debug && stack) {
      process.stderr.write(`${stack}\n`);
    }
    process.exitCode = 1;
  }
}
