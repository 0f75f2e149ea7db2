import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { collectOutput, exited, servedUrl } from '../support/spawn-cli';
import { REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * `nest start` (and `npm run start:dev`) runs `main` as the entry point: it must serve as `npm start` does (sync,
 * watch, web app and GraphQL), not just define `createServer` and exit.
 */
describe('src/main.ts as the entry point', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
  });

  afterAll(() => ws.cleanup());

  it('listens, syncs the vault from the environment, serves / and /graphql, and follows the vault', async () => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(REPO_ROOT, 'test/support/register-ts.js'), path.join(REPO_ROOT, 'src/main.ts')],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: ws.databaseUrl, VAULT_PATH: ws.vault, PORT: '0', HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output = collectOutput(child);
    try {
      const url = await servedUrl(child, output, { synced: true, timeoutMs: 20_000 });
      expect(output.stderr()).toBe('');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(output.stdout()).toContain(`following ${ws.vault}`);
      const http = request(url as string);
      const page = await http.get('/');
      expect(page.status).toBe(200);
      expect(page.text).toContain('/assets/main.js');
      const stats = await http.post('/graphql').send({ query: '{ stats { notes } }' });
      expect(stats.body).toEqual({ data: { stats: { notes: 2 } } });
      ws.write('added.md', '---\nid: added\ntitle: Added\n---\n# Added\n');
      let notes = 2;
      for (let i = 0; i < 100 && notes === 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        notes = ((await http.post('/graphql').send({ query: '{ stats { notes } }' })).body as { data: { stats: { notes: number } } }).data
          .stats.notes;
      }
      expect(notes).toBe(3);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).not.toBe(1);
  });
});
