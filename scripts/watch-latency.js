#!/usr/bin/env node
// Measures how long a saved note takes to show up in GraphQL while `vaultgraph serve --watch` runs.
// Usage: node scripts/watch-latency.js [--runs 10] [--vault DIR]   (needs a build: dist/)
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

async function main() {
  const runs = Number(arg('runs', '10'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-watch-'));
  const vault = path.join(tmp, 'vault');
  fs.cpSync(arg('vault', path.join(ROOT, 'seeds')), vault, { recursive: true });
  const port = 39000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, [path.join(ROOT, 'bin', 'vaultgraph.js'), 'serve', '--sync', '--watch', '--port', String(port)], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(tmp, 'w.db')}`, VAULT_PATH: vault, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve(undefined));
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const title = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
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
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(0);
  console.log(`save -> visible in GraphQL over ${runs} saves: median ${pick(0.5)} ms, max ${pick(1)} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
