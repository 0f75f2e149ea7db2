// The web app in Chromium against the real server on a temp copy of seeds/, network cut off:
// `npm run test:browser` (needs Debian's /usr/bin/chromium).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { gql, openWebApp, ROOT, type PageWatch, type ServerProcess, type WebAppSession } from '../support/browser-server';

// Functions run in the page (page.evaluate, waitForFunction): the tests' TypeScript has no DOM types.
declare const document: any;
declare const sessionStorage: any;

const AXE = fs.readFileSync(path.join(path.dirname(require.resolve('axe-core/package.json')), 'axe.min.js'), 'utf8');
/** Each page, and what is on it once its data has come. */
const PAGES: [string, string][] = [
  ['/', '[data-note="lfs144"] .done-total'],
  ['/notes/lfs144', '.markdown h2'],
  ['/concepts/sidecar', '#mentions-h'],
  ['/graph?from=lfs144&depth=2', '#graph[data-ready="true"]'],
  ['/search?q=mutating%20admission%20webhook', '.hits mark'],
  ['/health', '#diagnostics-h'],
];

/** Bytes that differ between two buffers of the same length (null when the lengths differ). */
function differingBytes(a: Buffer, b: Buffer): number | null {
  if (a.length !== b.length) {
    return null;
  }
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      n++;
    }
  }
  return n;
}

/** axe-core's serious and critical violations on the page as it stands. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not as a page script: the content security policy stays as it is.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as any[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')}`);
}

const doneTotal = (page: Page) => page.locator('[data-note="lfs144"] .done-total');

describe('web app (offline, real server with --watch, Chromium)', () => {
  let app: WebAppSession;
  let note: string;
  let server: ServerProcess;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    app = await openWebApp(
      'vaultgraph-web-',
      (vault) => {
        fs.cpSync(path.join(ROOT, 'seeds'), vault, { recursive: true });
        // A broken link for /health to list.
        fs.writeFileSync(path.join(vault, 'planted.md'), '---\nid: planted\ntitle: Planted\n---\n\nSee [[no-such-note-anywhere]].\n');
        note = path.join(vault, 'lfs144.md');
      },
      { watch: true },
    );
    ({ server, page, watch } = app);
    // Counts the web workers a page starts (the graph layout's is the only one the app has).
    await page.addInitScript(() => {
      type WorkerClass = new (...args: unknown[]) => object;
      const w = globalThis as unknown as { workersStarted: number; Worker: WorkerClass };
      const Base = w.Worker;
      w.workersStarted = 0;
      w.Worker = class extends Base {
        constructor(...args: unknown[]) {
          super(...args);
          w.workersStarted++;
        }
      };
    });
  });

  afterAll(() => app?.close());

  afterEach(() => {
    expect(watch.blocked).toEqual([]);
    expect(watch.failed).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('dashboard: the seed course at 2/9; ticking milestone 4 from the keyboard changes one byte and shows 3/9', async () => {
    const res = await page.goto(`${server.base}/`);
    expect(res?.status()).toBe(200);
    await expect(doneTotal(page).textContent()).resolves.toBe('2/9');
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-note="lfs144"] img.burndown');
      return img !== null && img.complete && img.naturalWidth > 0;
    });

    const before = fs.readFileSync(note);
    const box = page.locator('[data-note="lfs144"] input[type=checkbox][data-target="4"]');
    expect(await box.isChecked()).toBe(false);
    // Keyboard only: Tab until the checkbox has focus, then Space.
    for (let i = 0; i < 40 && !(await box.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[data-note="lfs144"] .done-total')?.textContent === '3/9', null, {
      timeout: 10_000,
    });
    expect(await box.isChecked()).toBe(true);
    expect(differingBytes(before, fs.readFileSync(note))).toBe(1);
    expect(fs.readFileSync(note, 'utf8')).toContain('- [x] 1/5(sun): 4');
  });

  it('dashboard: a save on disk shows within 1 s, without a reload', async () => {
    await page.goto(`${server.base}/`);
    await page.waitForFunction(() => document.documentElement.dataset.live === 'open');
    await expect(doneTotal(page).textContent()).resolves.toBe('3/9');
    await page.evaluate(() => ((globalThis as any).__sameDocument = true));
    const text = fs.readFileSync(note, 'utf8');
    const saved = Date.now();
    fs.writeFileSync(note, text.replace('- [ ] 1/6(mon): 5', '- [x] 1/6(mon): 5'));
    await page.waitForFunction(() => document.querySelector('[data-note="lfs144"] .done-total')?.textContent === '4/9', null, {
      timeout: 5000,
      polling: 20,
    });
    const elapsed = Date.now() - saved;
    expect(elapsed).toBeLessThan(1000);
    expect(await page.evaluate(() => (globalThis as any).__sameDocument)).toBe(true);
  });

  it('note page: the rendered note with 02. Overview, its contents and the backlink from Root', async () => {
    await page.goto(`${server.base}/notes/lfs144`);
    await expect(page.locator('.markdown h2[id="02-overview"]').textContent()).resolves.toBe('02. Overview');
    await expect(page.locator('.toc a[href="#02-overview"]').textContent()).resolves.toBe('02. Overview');
    const backlink = page.locator('.backlinks a', { hasText: 'Root' });
    // To the section holding the link (`# Seeds` in root.md).
    await expect(backlink.getAttribute('href')).resolves.toBe('/notes/root#seeds');
    await expect(page.locator('.breadcrumbs a', { hasText: 'Root' }).count()).resolves.toBe(1);
    // The shields.io badge is a link, not an image fetched from elsewhere.
    await expect(page.locator('.markdown img').count()).resolves.toBe(0);
    await page.locator('.backlinks a', { hasText: 'Root' }).click();
    await page.waitForURL(`${server.base}/notes/root#seeds`);
    await expect(page.locator('.markdown a.wikilink').getAttribute('href')).resolves.toBe('/notes/lfs144');
  });

  it('search: the snippet marks mutating admission webhook and links to /notes/lfs144', async () => {
    await page.goto(`${server.base}/health`);
    await page.fill('#search-q', 'mutating admission webhook');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=mutating/);
    const hit = page.locator('.hits li').first();
    await hit.locator('mark').first().waitFor();
    const marks = await hit.locator('mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['mutating', 'admission', 'webhook']));
    await expect(hit.locator('a').getAttribute('href')).resolves.toMatch(/^\/notes\/lfs144(#|$)/);
  });

  it('graph page: draws as many nodes and edges as graph(from: "lfs144", depth: 2) has', async () => {
    const { graph } = await gql(server.base, '{ graph(from: "lfs144", depth: 2) { nodes { id } edges { source } } }');
    expect(graph.nodes.length).toBeGreaterThan(2);
    await page.goto(`${server.base}/graph?from=lfs144&depth=2`);
    const canvas = page.locator('#graph[data-ready="true"]');
    await canvas.waitFor({ timeout: 15_000 });
    await expect(canvas.getAttribute('data-node-count')).resolves.toBe(String(graph.nodes.length));
    await expect(canvas.getAttribute('data-edge-count')).resolves.toBe(String(graph.edges.length));
    // A neighbourhood comes without positions: ForceAtlas2 lays it out in a web worker.
    expect(await page.evaluate(() => (globalThis as unknown as { workersStarted: number }).workersStarted)).toBe(1);
    // Kinds are kept in the URL: unticking `related` asks again and draws fewer edges.
    await page.locator('input[name=kinds][value=related]').uncheck();
    await page.waitForURL(/kinds=link%2Chierarchy%2Cmention|kinds=link,hierarchy,mention/);
    const narrower = await gql(
      server.base,
      '{ graph(from: "lfs144", depth: 2, kinds: [link, hierarchy, mention]) { nodes { id } edges { source } } }',
    );
    await page.waitForFunction(
      (n) => document.querySelector('#graph')?.getAttribute('data-edge-count') === String(n),
      narrower.graph.edges.length,
    );
    expect(narrower.graph.edges.length).toBeLessThan(graph.edges.length);
  });

  it("whole-vault graph: every note and its links, drawn with WebGL at the server's positions, no layout run in the page", async () => {
    const { stats } = await gql(server.base, '{ stats { notes } }');
    await page.goto(`${server.base}/graph`);
    const canvas = page.locator('#graph[data-ready="true"]');
    await canvas.waitFor({ timeout: 15_000 });
    expect(Number(await canvas.getAttribute('data-node-count'))).toBeGreaterThanOrEqual(stats.notes);
    expect(await page.locator('#graph canvas').count()).toBeGreaterThan(0);
    await expect(canvas.getAttribute('data-layout')).resolves.toBe('server');
    // A small graph: every edge is drawn.
    await expect(canvas.getAttribute('data-edges')).resolves.toBe('all');
    await expect(canvas.getAttribute('data-edge-count')).resolves.toBe(await canvas.getAttribute('data-edge-total'));
    expect(await page.evaluate(() => (globalThis as unknown as { workersStarted: number }).workersStarted)).toBe(0);
  });

  it('health: lists the planted broken link', async () => {
    await page.goto(`${server.base}/health`);
    const row = page.locator('.broken-links tr', { hasText: 'no-such-note-anywhere' });
    await row.waitFor();
    await expect(row.locator('a').textContent()).resolves.toBe('Planted');
  });

  it('concept page: mentions with lines, related concepts, notes', async () => {
    await page.goto(`${server.base}/concepts/sidecar`);
    await page.locator('h1', { hasText: 'sidecar' }).waitFor();
    expect(await page.locator('#mentions-h + ul li').count()).toBeGreaterThan(0);
    await expect(page.locator('#notes-h + ul a').first().getAttribute('href')).resolves.toBe('/notes/lfs144');
  });

  it.each([1280, 390])('every page at %i px: no serious or critical axe violation, no sideways scrolling', async (width) => {
    await page.setViewportSize({ width, height: 800 });
    try {
      for (const [url, ready] of PAGES) {
        await page.goto(`${server.base}${url}`);
        await page.locator(ready).first().waitFor({ timeout: 15_000 });
        expect({ url, violations: await seriousViolations(page) }).toEqual({ url, violations: [] });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect({ url, overflow }).toEqual({ url, overflow: 0 });
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});

describe('web app with VAULTGRAPH_TOKEN, no watch (Chromium)', () => {
  let app: WebAppSession;
  let note: string;
  let server: ServerProcess;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    app = await openWebApp(
      'vaultgraph-web-token-',
      (vault) => {
        fs.cpSync(path.join(ROOT, 'seeds'), vault, { recursive: true });
        note = path.join(vault, 'lfs144.md');
      },
      { env: { VAULTGRAPH_TOKEN: 's3cret-token' } },
    );
    ({ server, page, watch } = app);
  });

  afterAll(() => app?.close());

  it('asks for the token when a tick is refused, keeps it for the tab, and ticks', async () => {
    await page.goto(`${server.base}/`);
    await expect(doneTotal(page).textContent()).resolves.toBe('2/9');
    await page.locator('[data-note="lfs144"] input[data-target="4"]').check();
    const dialog = page.locator('dialog.token-dialog');
    await dialog.waitFor();
    await page.fill('#token-input', 's3cret-token');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-note="lfs144"] .done-total')?.textContent === '3/9');
    expect(await page.evaluate(() => sessionStorage.getItem('vaultgraph.token'))).toBe('s3cret-token');
    // The next write uses the kept token: no dialog.
    await page.locator('[data-note="lfs144"] input[data-target="5"]').check();
    await page.waitForFunction(() => document.querySelector('[data-note="lfs144"] .done-total')?.textContent === '4/9');
    expect(await dialog.count()).toBe(0);
    // Failed requests: the refused (401) mutation is an answer, not a failure; console errors would show it.
    expect(watch.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    expect(watch.blocked).toEqual([]);
  });

  it('a file changed on disk since the last sync: CONFLICT shown as "the file changed on disk, reload", the file kept', async () => {
    await page.goto(`${server.base}/`);
    await expect(doneTotal(page).textContent()).resolves.toBe('4/9');
    // Not watching: the server does not know of this edit.
    const edited = fs.readFileSync(note, 'utf8').replace('## 02. Overview', '## 02. Overview (edited)');
    fs.writeFileSync(note, edited);
    await page.locator('[data-note="lfs144"] input[data-target="6"]').check();
    const alert = page.locator('[data-note="lfs144"] .conflict[role=alert]');
    await alert.waitFor();
    expect((await alert.textContent())?.toLowerCase()).toContain('the file changed on disk, reload');
    expect(fs.readFileSync(note, 'utf8')).toBe(edited);
    await expect(doneTotal(page).textContent()).resolves.toBe('4/9');
    expect(await page.locator('[data-note="lfs144"] input[data-target="6"]').isChecked()).toBe(false);
    expect(watch.errors.filter((e) => !/status of (401|409)/.test(e))).toEqual([]);
    expect(watch.failed).toEqual([]);
    expect(watch.blocked).toEqual([]);
  });
});
