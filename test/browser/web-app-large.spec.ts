// The web app on a generated vault large enough for what a small one never shows: more plans than the dashboard
// draws at once, a whole-vault graph with more edges than are drawn at once, more orphans than a page of /health.
// `npm run test:browser` (needs Debian's /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { gql, openWebApp, ROOT, type PageWatch, type ServerProcess, type WebAppSession } from '../support/browser-server';

// Functions run in the page (page.evaluate, waitForFunction): the tests' TypeScript has no DOM types.
declare const document: any;
declare const window: any;

describe('web app on a generated vault (1,200 notes, Chromium)', () => {
  let app: WebAppSession;
  let server: ServerProcess;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    app = await openWebApp('vaultgraph-web-large-', (vault) => {
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, 'scripts/gen-vault.js'),
          '--out',
          vault,
          '--notes',
          '1200',
          '--links',
          '30',
          '--milestones',
          '0.05',
          '--body-kb',
          '2',
          '--quiet',
        ],
        { stdio: 'ignore' },
      );
      // Thirty orphans, and a note that names two of them in prose without a link (one on 25 lines: more than a page shows).
      for (let i = 0; i < 30; i++) {
        const n = String(i).padStart(2, '0');
        fs.writeFileSync(
          path.join(vault, `lonely-${n}.md`),
          `---\nid: lonely-${n}\ntitle: Lonely Topic ${n}\n---\n\nNothing links here.\n`,
        );
      }
      const lines = [
        'Back to [[root]].',
        '',
        'Lonely Topic 01 is named once.',
        ...Array.from({ length: 25 }, (_, i) => `Line ${i}: Lonely Topic 02 again.`),
      ];
      fs.writeFileSync(path.join(vault, 'names-them.md'), `---\nid: names-them\ntitle: Names them\n---\n\n${lines.join('\n\n')}\n`);
    });
    ({ server, page, watch } = app);
  }, 120_000);

  afterAll(() => app?.close());

  afterEach(() => {
    expect(watch.blocked).toEqual([]);
    expect(watch.failed).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it("whole-vault graph: past 20k edges the hierarchy is drawn, and a hovered node's own edges while hovered", async () => {
    const whole = (await (await fetch(`${server.base}/graph/whole.json`)).json()) as { edges: [number, number, string, number][] };
    const hierarchy = whole.edges.filter((e) => e[2] === 'hierarchy').length;
    expect(whole.edges.length).toBeGreaterThan(20_000);
    await page.goto(`${server.base}/graph`);
    const canvas = page.locator('#graph[data-ready="true"]');
    await canvas.waitFor({ timeout: 30_000 });
    await expect(canvas.getAttribute('data-layout')).resolves.toBe('server');
    await expect(canvas.getAttribute('data-edges')).resolves.toBe('hierarchy-and-hovered');
    await expect(canvas.getAttribute('data-edge-total')).resolves.toBe(String(whole.edges.length));
    await expect(canvas.getAttribute('data-edge-count')).resolves.toBe(String(hierarchy));
    const box = await canvas.boundingBox();
    for (let step = 0; step < 400 && !(await page.locator('#graph[data-hovered]').count()); step++) {
      await page.mouse.move(box!.x + box!.width * (0.2 + 0.6 * Math.random()), box!.y + box!.height * (0.2 + 0.6 * Math.random()));
    }
    const hovered = await canvas.getAttribute('data-hovered');
    expect(hovered).not.toBeNull();
    const ids = ((await (await fetch(`${server.base}/graph/whole.json`)).json()) as { nodes: [string][] }).nodes.map((n) => n[0]);
    const own = whole.edges.filter(([s, t, kind]) => kind !== 'hierarchy' && (ids[s] === hovered || ids[t] === hovered)).length;
    await expect(canvas.getAttribute('data-edge-count')).resolves.toBe(String(hierarchy + own));
    await page.mouse.move(box!.x + 2, box!.y + 2);
    await page.waitForFunction(() => !document.querySelector('#graph')?.hasAttribute('data-hovered'));
    await expect(canvas.getAttribute('data-edge-count')).resolves.toBe(String(hierarchy));
  });

  it("dashboard: the first cards at once, every plan in the end; a card's milestones load when it comes into view", async () => {
    const { plans } = await gql(server.base, '{ plans { total note { fname } } }');
    expect(plans.length).toBeGreaterThan(12);
    await page.goto(`${server.base}/`);
    await page.locator('.plan .done-total').first().waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.plan').length === n, plans.length);
    const last = page.locator(`.plan[data-note="${plans[plans.length - 1].note.fname}"]`);
    // Far below the fold: its milestones are not asked for yet.
    await expect(last.locator('fieldset[data-loaded]').count()).resolves.toBe(0);
    await last.scrollIntoViewIfNeeded();
    await last.locator('fieldset[data-loaded]').waitFor();
    await expect(last.locator('input[type=checkbox]').count()).resolves.toBe(plans[plans.length - 1].total);
  });

  it('health: orphans a page at a time, with the unlinked mentions of every orphan on the page', async () => {
    const { orphans } = await gql(server.base, '{ orphans(first: 26) { totalCount edges { node { fname } } } }');
    expect(orphans.totalCount).toBeGreaterThan(25);
    await page.goto(`${server.base}/health`);
    const items = page.locator('ul.unlinked > li[data-orphan]');
    await page.waitForFunction(() => document.querySelectorAll('ul.unlinked > li[data-orphan]').length === 25);
    // Each orphan of the page is answered (named somewhere, or nowhere), none left at "looking…".
    await page.waitForFunction(() => !document.querySelector('ul.unlinked')?.textContent?.includes('looking…'));
    await expect(items.first().getAttribute('data-orphan')).resolves.toBe(orphans.edges[0].node.fname);
    // What the page lists for an orphan is what unlinkedMentions answers (up to 20 shown, then "show all").
    for (const { node } of orphans.edges.slice(0, 25)) {
      const { unlinkedMentions } = await gql(server.base, `{ unlinkedMentions(note: ${JSON.stringify(node.fname)}, first: 21) { line } }`);
      await expect(page.locator(`li[data-orphan="${node.fname}"] > ul > li`).count()).resolves.toBe(Math.min(unlinkedMentions.length, 20));
      await expect(page.locator(`li[data-orphan="${node.fname}"] > button`, { hasText: 'Show all' }).count()).resolves.toBe(
        unlinkedMentions.length > 20 ? 1 : 0,
      );
    }
    await expect(page.locator('nav[aria-label="Pages of orphans"]').textContent()).resolves.toContain(`1–25 of ${orphans.totalCount}`);
    await expect(page.locator('li[data-orphan="lonely-01"] > ul > li').textContent()).resolves.toContain('Lonely Topic 01 is named once.');
    // More than 20: the rest on request.
    await page.locator('li[data-orphan="lonely-02"] > button', { hasText: 'Show all' }).click();
    await page.waitForFunction(() => document.querySelectorAll('li[data-orphan="lonely-02"] > ul > li').length === 25);
    await page.locator('nav[aria-label="Pages of orphans"] button', { hasText: 'Next' }).click();
    await page.waitForFunction(
      (fname) => document.querySelector('ul.unlinked > li[data-orphan]')?.getAttribute('data-orphan') === fname,
      orphans.edges[25].node.fname,
    );
    await expect(page.locator('nav[aria-label="Pages of orphans"]').textContent()).resolves.toContain(`26–`);
    expect(await page.evaluate(() => window.scrollX)).toBe(0);
  });
});
