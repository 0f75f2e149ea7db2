#!/usr/bin/env node
// Measures how long a saved note takes to show up in GraphQL while `vaultgraph serve --watch` runs.
// Usage: node scripts/watch-latency.js [--runs 10] [--vault DIR]   (needs a build: dist/)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { startServer } = require('./serve.js');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '10' }, vault: { type: 'string', default: path.join(ROOT, 'seeds') } },
  });
  const runs = Number(values.runs);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-watch-'));
  const vault = path.join(tmp, 'vault');
  fs.cpSync(values.vault, vault, { recursive: true });
  const env = { ...process.env, DATABASE_URL: `file:${path.join(tmp, 'w.db')}`, VAULT_PATH: vault };
  const server = await startServer(env, ['--sync', '--watch']);
  const title = async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ note(fname: "root") { title } }' }),
    });
    return (await res.json()).data.note.title;
  };
  const root = path.join(vault, 'root.md');
  const original = fs.readFileSync(root, 'utf8');
  const latencies = [];
  for (let i = 0; i < runs; i++) {
    const wanted = `Root ${i}`;
    const t0 = performance.now();
    fs.writeFileSync(root, original.replace(/^title: .*$/m, `title: ${wanted}`));
    while ((await title()) !== wanted) {
      if (performance.now() - t0 > 5000) {
        throw new Error('change not visible after 5 s');
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(0);
  console.log(`save -> visible in GraphQL over ${runs} saves: median ${pick(0.5)} ms, max ${pick(1)} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
