#!/usr/bin/env node
// The web app on a generated vault: time from navigation to a usable dashboard and note page, and to an interactive
// whole-vault graph, in Debian's Chromium (network cut off), plus the first page's JavaScript gzipped.
//
//   node scripts/bench-web.js [--notes 10000] [--runs 3] [--keep DIR]
//
// Needs `npm run build` (dist/ and web/dist/) and /usr/bin/chromium. Figures in BENCHMARKS.md ("Web app").
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const NOTES = Number(arg('notes', '10000'));
const RUNS = Number(arg('runs', '3'));
const PORT = 3000 + Math.floor(Math.random() * 2000) + 2000;
const BASE = `http://127.0.0.1:${PORT}`;

async function waitFor(fn, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = await fn();
      if (v) {
        return v;
      }
    } catch {
      // not yet
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function gql(query) {
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()).data;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const tmp = arg('keep', null) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-bench-web-'));
  const vault = path.join(tmp, 'vault');
  if (!fs.existsSync(vault)) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-vault.js'), '--out', vault, '--notes', String(NOTES), '--quiet'], {
      stdio: 'inherit',
    });
  }
  const build = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-web.js'), '--json'], { encoding: 'utf8' }));
  const server = spawn(process.execPath, [path.join(ROOT, 'bin/vaultgraph.js'), 'serve', '--sync', '--port', String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${path.join(tmp, 'bench.db')}`, VAULT_PATH: vault, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  server.stdout.on('data', (c) => (out += c));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    await waitFor(() => /synced /.test(out), 300_000, 'the first sync');
    const { stats } = await gql('{ stats { notes links } }');
    const { plans } = await gql('{ plans { note { fname } } }');
    const { notes } = await gql('{ notes(first: 1, filter: { fnamePrefix: "a" }) { edges { node { fname } } } }');
    const noteFname = notes.edges[0]?.node.fname ?? plans[0].note.fname;
    // The first answer of /graph/whole.json after the server started: where a layout on the server is paid (cold).
    const t0Whole = Date.now();
    const wholeText = await (await fetch(`${BASE}/graph/whole.json`)).text();
    const wholeJsonFirstMs = Date.now() - t0Whole;
    // The same graph as exportGraph's (test/e2e/web.spec.ts), without asking for that 50 MB answer on a 10k vault.
    const whole = JSON.parse(wholeText);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let offHost = 0;
    await context.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : (offHost++, route.abort()),
    );
    const page = await context.newPage();
    const timed = async (url, ready, timeout) => {
      const t0 = Date.now();
      await page.goto(`${BASE}${url}`, { waitUntil: 'commit' });
      await page.locator(ready).first().waitFor({ timeout });
      return Date.now() - t0;
    };
    const results = { dashboard: [], dashboardTickable: [], note: [], graph: [], graphHover: [] };
    for (let i = 0; i < RUNS; i++) {
      const t0Dash = Date.now();
      results.dashboard.push(await timed('/', '.done-total', 10_000));
      // Tickable: the first card's milestone checkboxes are on screen too.
      await page.locator('.plan input[type=checkbox]').first().waitFor({ timeout: 10_000 });
      results.dashboardTickable.push(Date.now() - t0Dash);
      results.note.push(await timed(`/notes/${encodeURIComponent(noteFname)}`, '.markdown', 10_000));
      results.graph.push(await timed('/graph', '#graph[data-ready="true"]', 30_000));
      // Interactive: a hover over the canvas is answered (sigma's hover highlight sets data-hovered) while the layout runs.
      const box = await page.locator('#graph').boundingBox();
      const t0 = Date.now();
      for (let step = 0; step < 400 && !(await page.locator('#graph[data-hovered]').count()); step++) {
        await page.mouse.move(box.x + box.width * (0.3 + 0.4 * Math.random()), box.y + box.height * (0.3 + 0.4 * Math.random()));
      }
      results.graphHover.push((await page.locator('#graph[data-hovered]').count()) ? Date.now() - t0 : NaN);
    }
    const drawn = await page.locator('#graph').evaluate((el) => ({
      nodes: el.dataset.nodeCount,
      edges: el.dataset.edgeCount,
      edgeTotal: el.dataset.edgeTotal,
      layout: el.dataset.layout,
    }));
    const report = {
      notes: stats.notes,
      links: stats.links,
      plans: plans.length,
      wholeGraph: { nodes: whole.nodes.length, edges: whole.edges.length, drawn },
      firstPageJsGzipKB: +(build.firstPageJsGzip / 1024).toFixed(1),
      graphChunkGzipKB: +(build.files.filter((f) => !f.firstPage && f.file.endsWith('.js')).reduce((n, f) => n + f.gzip, 0) / 1024).toFixed(
        1,
      ),
      msMedianOf: RUNS,
      dashboardUsableMs: median(results.dashboard),
      dashboardTickableMs: median(results.dashboardTickable),
      notePageUsableMs: median(results.note),
      wholeJsonFirstMs,
      wholeGraphInteractiveMs: median(results.graph),
      firstHoverAnsweredAfterMs: median(results.graphHover),
      runs: results,
      requestsOffHost: offHost,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    if (!arg('keep', null)) {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}

main().catch((err) => {
  process.stderr.write(`bench-web: ${err.stack ?? err}\n`);
  process.exit(1);
});
