import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createServer } from '../../src/main';
import { SyncService } from '../../src/sync/sync.service';
import type { TempWorkspace } from './temp-workspace';

export interface GqlResponse {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface E2eServer {
  app: INestApplication;
  http: ReturnType<typeof request>;
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse>;
  close(): Promise<void>;
}

/**
 * The real HTTP server on a temporary workspace, listening on a free loopback port, and synced once unless
 * `{ sync: false }`.
 */
export async function startE2eServer(
  ws: TempWorkspace,
  env: Record<string, string> = {},
  options: { sync: boolean } = { sync: true },
): Promise<E2eServer> {
  const vars = { DATABASE_URL: ws.databaseUrl, VAULT_PATH: ws.vault, ...env };
  Object.assign(process.env, vars);
  const app = await createServer(false);
  await app.listen(0, '127.0.0.1');
  const http = request(await app.getUrl());
  if (options.sync) {
    await app.get(SyncService).sync();
  }
  return {
    app,
    http,
    gql: async (query, variables, headers = {}) => {
      const res = await http.post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });
      return res.body as GqlResponse;
    },
    close: async () => {
      await app.close();
      for (const key of Object.keys(env)) {
        delete process.env[key];
      }
    },
  };
}
