import http from 'node:http';
import path from 'node:path';
import { WholeGraphLayout } from '../../src/graph/whole-graph-layout';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** e2e: what the web app reads besides GraphQL's existing fields (plans, Note.html, /graph/whole.json, /events). */
describe('web app API over HTTP (seeds)', () => {
  let ws: TempWorkspace;
  let server: E2eServer;

  beforeAll(async () => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    server = await startE2eServer(ws);
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  it('plans: every note with a plan, with the same figures as progress(fname)', async () => {
    const res = await server.gql(
      '{ plans(asOf: "2025-01-06") { done total overdue { target } note { fname } } progress(fname: "lfs144", asOf: "2025-01-06") { done total overdue { target } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.plans).toEqual([{ note: { fname: 'lfs144' }, ...res.data!.progress }]);
    expect(res.data!.progress).toMatchObject({ done: 2, total: 9 });
  });

  it('Note.html: headings with their section slugs, wikilinks to /notes/, no image fetched from elsewhere', async () => {
    const res = await server.gql('{ lfs: note(fname: "lfs144") { html sections { slug } } root: note(fname: "root") { html } }');
    const html: string = res.data!.lfs.html;
    expect(html).toContain('<h2 id="02-overview">02. Overview</h2>');
    for (const { slug } of res.data!.lfs.sections) {
      expect(html).toContain(`id="${slug}"`);
    }
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('image: Linux Foundation');
    expect(res.data!.root.html).toContain('<a class="wikilink wiki" href="/notes/lfs144">lfs144</a>');
  });

  it('GET /graph/whole.json: the note graph compact and laid out; a bad kind is a 400 with a code', async () => {
    const whole = await server.http.get('/graph/whole.json').expect(200);
    const body = JSON.parse(whole.text) as { nodes: [string, string, string, number, number][]; edges: [number, number, string, number][] };
    // Positions from the server's layout: finite, and not all in one place.
    expect(body.nodes.every(([, , , x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
    expect(new Set(body.nodes.map(([, , , x, y]) => `${x},${y}`)).size).toBe(body.nodes.length);
    // Kept until the data changes: the same answer again.
    expect((await server.http.get('/graph/whole.json').expect(200)).text).toBe(whole.text);
    const { data } = await server.gql('{ exportGraph(format: cytoscape) }');
    const expected = JSON.parse(data!.exportGraph).elements;
    expect(body.nodes.map((n) => n[0])).toEqual(expected.nodes.map((n: any) => n.data.id));
    expect(body.edges.map(([s, t, kind]) => `${kind}:${body.nodes[s][0]}->${body.nodes[t][0]}`)).toEqual(
      expected.edges.map((e: any) => e.data.id),
    );
    // Once asked for, the next commit lays it out again at once, before any page asks; the new note is in it.
    const layouts = jest.spyOn(server.app.get(WholeGraphLayout), 'layout');
    ws.write('laid-out.md', '---\nid: laid-out\ntitle: Laid out\n---\n\nSee [[lfs144]].\n');
    expect((await server.gql('mutation { sync { notes } }')).errors).toBeUndefined();
    for (let i = 0; i < 250 && layouts.mock.calls.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(layouts.mock.calls.map(([key, input]) => [key, input.ids.includes('laid-out')])).toEqual([['link,hierarchy', true]]);
    const next = JSON.parse((await server.http.get('/graph/whole.json').expect(200)).text) as typeof body;
    expect(layouts).toHaveBeenCalledTimes(1);
    expect(next.nodes.map((n) => n[0])).toContain('laid-out');
    layouts.mockRestore();
    const bad = await server.http.get('/graph/whole.json?kinds=link,bogus').expect(400);
    expect(bad.body.error.code).toBe('BAD_USER_INPUT');
  });

  it('GET /graph/whole.json: the first commit of a server lays the graph out before any page asks', async () => {
    const fresh = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    const other = await startE2eServer(fresh, {}, { sync: false });
    try {
      const layouts = jest.spyOn(other.app.get(WholeGraphLayout), 'layout');
      expect((await other.gql('mutation { sync { notes } }')).errors).toBeUndefined();
      for (let i = 0; i < 250 && layouts.mock.calls.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(layouts.mock.calls.map(([key]) => key)).toEqual(['link,hierarchy']);
      await other.http.get('/graph/whole.json').expect(200); // the page's first visit: the laid-out answer, no new layout
      expect(layouts).toHaveBeenCalledTimes(1);
      layouts.mockRestore();
    } finally {
      await other.close();
      fresh.cleanup();
    }
  });

  it('pages are the HTML shell; assets are whitelisted names', async () => {
    for (const url of ['/', '/notes/lfs144', '/concepts/sidecar', '/graph?from=lfs144', '/search?q=x', '/health']) {
      const res = await server.http.get(url).expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('<script type="module" src="/assets/main.js">');
    }
    await server.http
      .get('/assets/main.js')
      .expect(200)
      .expect('content-type', /javascript/);
    const missing = await server.http.get('/assets/..%2Fpackage.json').expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('GET /events: a sync that commits is sent with its run id and the notes it changed', async () => {
    const { port } = new URL(await server.app.getUrl());
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/events', headers: { accept: 'text/event-stream' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('\n\n')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', (err) => (err.message.includes('aborted') || err.message.includes('socket hang up') ? undefined : reject(err)));
    });
    await new Promise((r) => setTimeout(r, 200));
    ws.write('lfs144.md', ws.read('lfs144.md').replace('- [ ] 1/5(sun): 4', '- [x] 1/5(sun): 4'));
    const sync = await server.gql('mutation { sync { runId } }');
    const event = await received;
    expect(event).toMatch(/^event: sync$/m);
    const data = JSON.parse(/^data: (.*)$/m.exec(event)![1]);
    expect(data).toEqual({ runId: sync.data!.sync.runId, changedNoteIds: ['23h17up1bhg323nhuc4m7sx'] });
  });
});
