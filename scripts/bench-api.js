#!/usr/bin/env node
// GraphQL read throughput and latency with autocannon against the real server on a generated vault.
// Compares `note(fname) { backlinks { source { title } } }` with `{ __typename }` (the server's own floor).
// Usage: node scripts/bench-api.js [--notes 10000] [--seconds 10]   (needs a build: dist/)
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const autocannon = require('autocannon');
const Database = require('better-sqlite3');
const { generateVault } = require('./gen-vault.js');
const { CLI, startServer } = require('./serve.js');

const ROOT = path.resolve(__dirname, '..');

function run(url, body, connections, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), connections, duration: seconds },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** Starts `vaultgraph serve` with env, measures the floor and the backlinks query, stops it. */
async function measure(env, backlinks, seconds) {
  const server = await startServer(env);
  try {
    await run(server.url, backlinks, 4, 2); // warm-up
    const floor32 = await run(server.url, { query: '{ __typename }' }, 32, seconds);
    const back32 = await run(server.url, backlinks, 32, seconds);
    const back1 = await run(server.url, backlinks, 1, seconds);
    const errors = [floor32, back32, back1].reduce((n, r) => n + r.errors + r.non2xx, 0);
    return { floor32, back32, back1, errors };
  } finally {
    await server.stop();
  }
}

async function main() {
  const { values } = parseArgs({ options: { notes: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '10' } } });
  const notes = Number(values.notes);
  const seconds = Number(values.seconds);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-api-bench-'));
  const vault = path.join(tmp, 'vault');
  const dbFile = path.join(tmp, 'api.db');
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, VAULT_PATH: vault, NODE_ENV: 'production' };
  try {
    generateVault({ out: vault, notes, seed: 'api', quiet: true });
    const synced = spawnSync(process.execPath, [CLI, 'sync', '--quiet'], { env, encoding: 'utf8' });
    if (synced.status !== 0) {
      throw new Error(synced.stderr);
    }
    // A note at the 90th percentile of backlink counts (the hub notes, like root with a backlink from every
    // #tag-less note, are reported separately by their count rather than picked).
    const db = new Database(dbFile, { readonly: true });
    const counts = db
      .prepare('SELECT n.fname, count(*) AS n FROM Link l JOIN Note n ON n.id = l.targetId WHERE n.stub = 0 GROUP BY n.id ORDER BY n')
      .all();
    db.close();
    const target = counts[Math.floor(counts.length * 0.9)];
    const backlinks = { query: `{ note(fname: "${target.fname}") { backlinks { source { title } } } }` };
    console.log(
      `vault: ${notes} notes; ${target.fname} has ${target.n} backlinks (90th percentile; the most: ${counts[counts.length - 1].n})`,
    );
    // The server as it runs (loaders share rows between requests until the next commit), then with that cache off,
    // where every request reads SQLite: the figure for a note nobody asked for since the last sync.
    const warm = await measure(env, backlinks, seconds);
    const cold = await measure({ ...env, VAULTGRAPH_READ_CACHE: 'off' }, backlinks, seconds);
    const errors = warm.errors + cold.errors;
    const row = (name, r) =>
      `${name.padEnd(56)} ${String(Math.round(r.requests.average)).padStart(7)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms`;
    const percent = (r) => `${((100 * r.back32.requests.average) / r.floor32.requests.average).toFixed(0)}%`;
    console.log(row('{ __typename }, 32 connections', warm.floor32));
    console.log(row('note { backlinks { source { title } } }, 32 conn.', warm.back32));
    console.log(row('note { backlinks { source { title } } }, 1 conn.', warm.back1));
    console.log(row('read cache off: { __typename }, 32 connections', cold.floor32));
    console.log(row('read cache off: note { backlinks … }, 32 conn.', cold.back32));
    console.log(row('read cache off: note { backlinks … }, 1 conn.', cold.back1));
    console.log(`backlinks / __typename throughput at 32 connections: ${percent(warm)} (target >= 40%); read cache off: ${percent(cold)}`);
    console.log(
      `backlinks p99 at 1 connection: ${warm.back1.latency.p99} ms (target <= 5 ms); read cache off: ${cold.back1.latency.p99} ms; errors: ${errors}`,
    );
    const ratio = warm.back32.requests.average / warm.floor32.requests.average;
    fs.mkdirSync(path.join(ROOT, 'bench-out'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, 'bench-out', 'api.json'),
      JSON.stringify(
        {
          notes,
          backlinks: target.n,
          floor32: warm.floor32.requests.average,
          back32: warm.back32.requests.average,
          back1p99: warm.back1.latency.p99,
          ratio,
          cacheOff: {
            floor32: cold.floor32.requests.average,
            back32: cold.back32.requests.average,
            back1p99: cold.back1.latency.p99,
            ratio: cold.back32.requests.average / cold.floor32.requests.average,
          },
        },
        null,
        2,
      ),
    );
    if (errors > 0) {
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
