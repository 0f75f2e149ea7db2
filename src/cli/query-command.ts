import type { ApolloDriver } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import fs from 'node:fs';
import { AppConfig } from '../common/app-config';
import { DomainError, ErrorCode } from '../common/errors';
import { GqlContextFactory } from '../common/graphql/gql-context';
import { ensureMigrated } from '../db/migrate';
import { createServer } from '../main';
import { fsErrorReason } from '../vault/fs-error';

function readDocument(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new DomainError(ErrorCode.BadInput, `cannot read ${file}: ${fsErrorReason(err)}`);
  }
}

function parseVariables(json: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new DomainError(ErrorCode.BadInput, `--variables is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError(ErrorCode.BadInput, '--variables must be a JSON object, e.g. \'{"fname":"lfs144"}\'');
  }
  return value as Record<string, unknown>;
}

/**
 * `vaultgraph query DOCUMENT`: the server's own Apollo pipeline, in-process, against the local database, so the
 * answer is what HTTP would give (error codes, depth and complexity limits, the mutation token).
 */
export async function runQuery(document: string, opts: { variables?: string }): Promise<void> {
  const source = document.startsWith('@') ? readDocument(document.slice(1)) : document;
  const variableValues = opts.variables === undefined ? undefined : parseVariables(opts.variables);
  const config = new AppConfig();
  ensureMigrated(config.databaseFile);
  const app = await createServer(['error']);
  await app.init();
  try {
    const apollo = app.get<GraphQLModule<ApolloDriver>>(GraphQLModule).graphQlAdapter.instance;
    const headers = config.apiToken ? { authorization: `Bearer ${config.apiToken}` } : {};
    const response = await apollo.executeOperation(
      { query: source, variables: variableValues },
      { contextValue: app.get(GqlContextFactory).create({ headers }) },
    );
    if (response.body.kind !== 'single') {
      throw new DomainError(ErrorCode.BadInput, 'incremental delivery (@defer, @stream) is not supported here');
    }
    const result = response.body.singleResult;
    // Apollo adds stack traces outside production; on a terminal they only hide the message.
    process.stdout.write(`${JSON.stringify(result, (key, value: unknown) => (key === 'stacktrace' ? undefined : value), 2)}\n`);
    if (result.errors?.length) {
      process.exitCode = 1;
    }
  } finally {
    await app.close();
  }
}
