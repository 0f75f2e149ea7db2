import { GraphQLSchemaHost } from '@nestjs/graphql';
import { graphql } from 'graphql';
import fs from 'node:fs';
import { AppConfig } from '../common/app-config';
import { DomainError, ErrorCode } from '../common/errors';
import { GqlContextFactory } from '../common/graphql/gql-context';
import { ensureMigrated } from '../common/migrate';
import { createServer } from '../main';

/** `vaultgraph query DOCUMENT`: the whole GraphQL schema, in-process, against the local database. */
export async function runQuery(document: string, opts: { variables?: string }): Promise<void> {
  const source = document.startsWith('@') ? fs.readFileSync(document.slice(1), 'utf8') : document;
  let variableValues: Record<string, unknown> | undefined;
  try {
    variableValues = opts.variables ? (JSON.parse(opts.variables) as Record<string, unknown>) : undefined;
  } catch {
    throw new DomainError(ErrorCode.BadInput, '--variables must be a JSON object');
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
