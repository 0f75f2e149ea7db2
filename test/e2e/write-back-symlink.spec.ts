import fs from 'node:fs';
import path from 'node:path';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** setMilestoneDone on a note that is a symlink to a file elsewhere: the target is ticked, the link stays a link. */
describe('write-back through a symlinked note', () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  let target: string;
  const link = () => path.join(ws.vault, 'lfs144.md');

  beforeAll(async () => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    fs.mkdirSync(path.join(ws.dir, 'elsewhere'));
    target = path.join(ws.dir, 'elsewhere', 'lfs144.md');
    fs.renameSync(link(), target);
    fs.chmodSync(target, 0o640);
    fs.symlinkSync('../elsewhere/lfs144.md', link());
    server = await startE2eServer(ws, { VAULTGRAPH_TZ: 'UTC' });
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  it('ticks the target by one byte, keeps the link and the mode, and still refuses a changed file', async () => {
    const before = fs.readFileSync(target);
    const { data } = await server.gql(`{ milestones(noteId: "23h17up1bhg323nhuc4m7sx", done: false) { id target } }`);
    const four = (data?.milestones as { id: string; target: string }[]).find((m) => m.target === '4');
    const ticked = await server.gql(`mutation($id: String!) { setMilestoneDone(id: $id, done: true) { done } }`, { id: four?.id });
    expect(ticked).toEqual({ data: { setMilestoneDone: { done: true } } });

    expect(fs.lstatSync(link()).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link())).toBe('../elsewhere/lfs144.md');
    expect(fs.statSync(target).mode & 0o7777).toBe(0o640);
    const after = fs.readFileSync(target);
    expect([...after].map((b, i) => (b === before[i] ? -1 : i)).filter((i) => i >= 0)).toHaveLength(1);
    expect(after.toString('utf8')).toContain('- [x] 1/5(sun): 4');

    fs.appendFileSync(target, '\nA line added by hand.\n');
    const refused = await server.gql(`mutation($id: String!) { setMilestoneDone(id: $id, done: false) { done } }`, { id: four?.id });
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toBe('lfs144.md changed on disk since the last sync; sync again, then retry');
  });
});
