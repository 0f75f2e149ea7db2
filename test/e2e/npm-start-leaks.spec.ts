import path from 'node:path';
import request from 'supertest';
import { collectOutput, exited, servedUrl, spawnCli } from '../support/spawn-cli';
import { REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * Issue 9's acceptance: under plain `npm start` (a real `serve --sync --watch` process, NODE_ENV unset, no
 * VAULTGRAPH_DEBUG), no answer to anything a client sends carries a stack trace or the checkout's path.
 */
describe('npm start leaks nothing', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
  });

  afterAll(() => ws.cleanup());

  it('answers bad requests with codes and no stack trace or path', async () => {
    const child = spawnCli(['serve', '--sync', '--watch', '--vault', ws.vault, '--port', '0'], {
      DATABASE_URL: ws.databaseUrl,
      NODE_ENV: '',
      VAULTGRAPH_DEBUG: '',
    });
    const output = collectOutput(child);
    try {
      const url = await servedUrl(child, output);
      expect(url).toBeDefined();
      const http = request(url as string);
      const gql = (body: string) => http.post('/graphql').set('content-type', 'application/json').send(body);
      const answers = await Promise.all([
        gql(JSON.stringify({ query: '{ nope }' })),
        gql(JSON.stringify({ query: '{ note(fname: ' })),
        gql('{"query": "{ stats { notes } "'),
        gql(JSON.stringify([{ query: '{ __typename }' }])),
        gql(
          JSON.stringify({
            query: 'query($t: String) { notes(filter: { text: $t }) { totalCount } }',
            variables: { t: 'x'.repeat(60_000) },
          }),
        ),
        gql(JSON.stringify({ query: 'query($n: Int!) { notes(first: $n) { totalCount } }', variables: { n: 'x' } })),
        gql(JSON.stringify({ query: '{ progress(fname: "lfs144", asOf: "9999-12-31") { done } }' })),
        gql(JSON.stringify({ query: 'mutation { setMilestoneDone(id: "nope", done: true) { done } }' })),
        gql(JSON.stringify({ query: 'mutation { sync(vault: "/etc") { notes } }' })),
        http.get('/progress/nope.svg?asOf=2025-02-30'),
        http.get('/progress/lfs144.svg?asOf=garbage'),
        http.get('/ide/../../package.json'),
        http.get('/no/such/route'),
      ]);
      for (const res of answers) {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.text).not.toMatch(/stacktrace|\bat .*\.(js|ts):\d+/);
        expect(res.text).not.toContain(REPO_ROOT);
        expect(res.text).not.toContain(ws.dir);
      }
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
