import fs from 'node:fs';
import path from 'node:path';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { SyncService } from '../../src/sync/sync.service';
import { REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** e2e: the study plan of the seed note over HTTP, including the write-back into the Markdown file. */
describe('milestones over HTTP', () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  const gql: E2eServer['gql'] = (...args) => server.gql(...args);
  const lfs144 = () => path.join(ws.vault, 'lfs144.md');

  beforeAll(async () => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    server = await startE2eServer(ws, { VAULTGRAPH_TZ: 'UTC' });
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  it('reads the seed plan: 9 milestones, consistent weekdays, chapters linked to sections', async () => {
    const { data, errors } = await gql(
      `{ note(fname: "lfs144") { milestones { target date weekday done diagnostics { code } section { heading } } } }`,
    );
    expect(errors).toBeUndefined();
    const ms = data?.note.milestones as { target: string; date: string; diagnostics: unknown[]; section: { heading: string } | null }[];
    expect(ms).toHaveLength(9);
    expect(ms.map((m) => m.date)).toEqual([
      '2025-01-04',
      '2025-01-04',
      '2025-01-05',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-01-09',
      '2025-01-10',
      '2025-01-11',
    ]);
    expect(ms.flatMap((m) => m.diagnostics)).toEqual([]);
    expect(ms.filter((m) => m.section).map((m) => [m.target, m.section?.heading])).toEqual([
      ['2', '02. Overview'],
      ['3', '03. Installing Istio'],
    ]);
  });

  it('answers progress as of 2025-01-06', async () => {
    const { data } = await gql(
      `{ progress(fname: "lfs144", asOf: "2025-01-06") { total done overdue { target } dueToday { target } nextDue { target } burndown { date planned actual } } }`,
    );
    expect(data?.progress).toMatchObject({
      total: 9,
      done: 2,
      overdue: [{ target: '4' }],
      dueToday: [{ target: '5' }],
      nextDue: { target: '5' },
    });
    // Both ticks were first seen by a sync of the note last updated on 2025-01-05, so they count from that day.
    expect(data?.progress.burndown.slice(0, 2)).toEqual([
      { date: '2025-01-04', planned: 7, actual: 9 },
      { date: '2025-01-05', planned: 6, actual: 7 },
    ]);
  });

  it('lists the agenda per day', async () => {
    const { data } = await gql(`{ agenda(from: "2025-01-04", to: "2025-01-05") { date milestones { target } } }`);
    expect(data?.agenda).toEqual([
      { date: '2025-01-04', milestones: [{ target: '2' }, { target: '3' }] },
      { date: '2025-01-05', milestones: [{ target: '4' }] },
    ]);
  });

  it('ticks a milestone by changing exactly one byte, then refuses when the file changed behind its back', async () => {
    const before = fs.readFileSync(lfs144());
    const { data } = await gql(`{ milestones(noteId: "23h17up1bhg323nhuc4m7sx", done: false) { id target } }`);
    const four = (data?.milestones as { id: string; target: string }[]).find((m) => m.target === '4');
    const ticked = await gql(`mutation($id: String!) { setMilestoneDone(id: $id, done: true) { target done doneAt } }`, { id: four?.id });
    expect(ticked.errors).toBeUndefined();
    expect(ticked.data?.setMilestoneDone).toMatchObject({ target: '4', done: true });
    expect(ticked.data?.setMilestoneDone.doneAt).not.toBeNull();
    const after = fs.readFileSync(lfs144());
    expect(after.length).toBe(before.length);
    const changed = [...after].map((b, i) => (b === before[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toHaveLength(1);
    expect(after.toString('utf8')).toContain('- [x] 1/5(sun): 4');

    const handEdited = `${after.toString('utf8')}\nA line added by hand.\n`;
    fs.writeFileSync(lfs144(), handEdited);
    const refused = await gql(`mutation($id: String!) { setMilestoneDone(id: $id, done: false) { done } }`, { id: four?.id });
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toContain('lfs144.md');
    expect(fs.readFileSync(lfs144(), 'utf8')).toBe(handEdited);
  });

  it('keeps identity and history when a chapter moves to another day', async () => {
    const text = fs.readFileSync(lfs144(), 'utf8').replace('- [ ] 1/6(mon): 5', '- [ ] 1/12(sun): 5');
    fs.writeFileSync(lfs144(), text);
    await server.app.get(SyncService).sync();
    const { data } = await gql(`{ milestones(noteId: "23h17up1bhg323nhuc4m7sx") { target date rescheduledFrom } }`);
    const five = (data?.milestones as { target: string }[]).find((m) => m.target === '5');
    expect(five).toEqual({ target: '5', date: '2025-01-12', rescheduledFrom: '2025-01-06' });
  });

  it('serves the burndown chart as SVG, and a clear 404 for an unknown note', async () => {
    const svg = await server.http.get('/progress/lfs144.svg?asOf=2025-01-06').responseType('blob');
    const text = (svg.body as Buffer).toString('utf8');
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('Lfs144: burndown as of 2025-01-06');
    const missing = await server.http.get('/progress/no-such-note.svg');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'no note "no-such-note"' } });
  });
});
