import fs from 'node:fs';
import path from 'node:path';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** `diagnostics` is the whole truth: unreadable files and config files are stored like a note's problems, and go when fixed. */
describe('diagnostics of files that are no note', () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  const list = async () =>
    ((await server.gql('{ diagnostics(first: 1000) { vault file line code } }')).data?.diagnostics as any[])
      .map((d) => `${d.vault}/${d.file}:${d.line ?? '-'} ${d.code}`)
      .sort();
  const sync = () => server.gql('mutation { sync { diagnostics { file } } }');

  beforeAll(async () => {
    ws = tempWorkspace();
    ws.write('root.md', note('root', 'Root', 'hello'));
    server = await startE2eServer(ws);
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  it('lists a dangling link, a loop, a bad dendron.yml and a bad concepts.yml, and forgets them once fixed', async () => {
    fs.symlinkSync('nowhere.md', path.join(ws.vault, 'dangling.md'));
    fs.symlinkSync('loop.md', path.join(ws.vault, 'loop.md'));
    ws.write('dendron.yml', 'workspace:\n  vaults: [\n');
    ws.write('concepts.yml', 'gateway: [gateways\n');
    const reported = (await sync()).data?.sync.diagnostics.map((d: { file: string }) => d.file).sort();
    expect(reported).toEqual(['concepts.yml', 'dangling.md', 'dendron.yml', 'loop.md']);
    expect(await list()).toEqual([
      'vault/concepts.yml:2 CONFIG_ERROR',
      'vault/dangling.md:- UNREADABLE',
      'vault/dendron.yml:3 CONFIG_ERROR',
      'vault/loop.md:- UNREADABLE',
    ]);
    // A sync that finds the same problems leaves the rows as they are.
    await sync();
    expect(await list()).toHaveLength(4);

    fs.rmSync(path.join(ws.vault, 'dangling.md'));
    fs.rmSync(path.join(ws.vault, 'loop.md'));
    ws.write('loop.md', note('loop', 'Loop', 'a real note now'));
    ws.write('dendron.yml', 'workspace:\n  vaults: []\n');
    ws.write('concepts.yml', 'gateway: [gateways]\n');
    expect((await sync()).data?.sync.diagnostics).toEqual([]);
    expect(await list()).toEqual([]);
  });
});
