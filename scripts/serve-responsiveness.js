#!/usr/bin/env node
// How `vaultgraph serve --sync` answers while its first sync runs: starts it on a generated vault with an empty
// (migrated) database, asks `{ syncStatus { state progress { done total } } }` every 50 ms from the moment the process
// starts, and prints the time to the first answer and the latency of every answer given while the sync ran.
// --big-note adds a 5 MB note with many headings (the note that once kept every request waiting 77 s).
// --control also polls a second, idle server (seeds, already synced) in the same loop: what this machine's load alone
// does to latency.
// Usage: node scripts/serve-responsiveness.js [--notes 10000] [--big-note] [--vault DIR] [--interval 50] [--control]
//        (needs a build: dist/)
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { generateVault } = require('./gen-vault.js');
const { CLI, startServer } = require('./serve.js');

const ROOT = path.resolve(__dirname, '..');
const QUERY = '{ syncStatus { state progress { done total } } }';

/** About `bytes` of Markdown: a heading every few lines, with links, tags and technical terms in between. */
function bigNote(bytes) {
  const parts = ['---\nid: bignote\ntitle: Big note\ncreated: 1735689600000\nupdated: 1735689600000\n---\n\n'];
  let size = parts[0].length;
  for (let i = 1; size < bytes; i++) {
    const block =
      `## ${i}. Section about SPIFFE and xDS number ${i}\n\n` +
      `The ServiceEntry in [[root]] and [[missing.note${i % 500}]] routes #mesh traffic; see \`meshConfig\` item ${i}.\n` +
      `- a list item with the gateway and the sidecar, ${i}\n\n`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function status(url) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
  return (await res.json()).data.syncStatus;
}

/** An idle server on a synced copy of seeds/, for --control. */
async function controlServer(tmp) {
  const dbFile = path.join(tmp, 'control.db');
  require(path.join(ROOT, 'dist', 'db', 'migrate.js')).migrateDatabase(dbFile);
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, VAULT_PATH: path.join(ROOT, 'seeds') };
  const server = await startServer(env, ['--sync']);
  await status(server.url); // its first answer is warm-up, not load
  return server;
}

async function main() {
  const { values } = parseArgs({
    options: {
      notes: { type: 'string', default: '10000' },
      'big-note': { type: 'boolean', default: false },
      vault: { type: 'string' },
      interval: { type: 'string', default: '50' },
      control: { type: 'boolean', default: false },
    },
  });
  const interval = Number(values.interval);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-responsive-'));
  let vault = values.vault;
  if (!vault || values['big-note']) {
    const copy = path.join(tmp, 'vault');
    if (vault) {
      fs.cpSync(vault, copy, { recursive: true });
    } else {
      generateVault({ out: copy, notes: Number(values.notes), quiet: true });
    }
    vault = copy;
  }
  if (values['big-note']) {
    fs.writeFileSync(path.join(vault, 'bignote.md'), bigNote(5_000_000));
  }
  const control = values.control ? await controlServer(tmp) : null;
  const controlLatencies = [];
  const dbFile = path.join(tmp, 'r.db');
  require(path.join(ROOT, 'dist', 'db', 'migrate.js')).migrateDatabase(dbFile);

  const port = 39000 + Math.floor(Math.random() * 1000);
  const url = `http://127.0.0.1:${port}/graphql`;
  const started = performance.now();
  const server = spawn(process.execPath, [CLI, 'serve', '--sync', '--port', String(port)], {
    env: { ...process.env, HOST: '127.0.0.1', DATABASE_URL: `file:${dbFile}`, VAULT_PATH: vault },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  let out = '';
  let listeningAt = null;
  let reportAt = null;
  server.stdout.on('data', (chunk) => {
    out += String(chunk);
    if (listeningAt === null && out.includes('listening')) {
      listeningAt = performance.now() - started;
    }
    if (reportAt === null && /^synced \S.* in \d+ ms$/m.test(out)) {
      reportAt = performance.now() - started;
    }
  });

  let firstAnswer = null;
  const during = [];
  const progress = [];
  const slow = [];
  try {
    for (;;) {
      if (server.exitCode !== null) {
        throw new Error(`server exited with ${server.exitCode}`);
      }
      const t0 = performance.now();
      let answer = null;
      try {
        answer = await status(url);
      } catch {
        // not listening yet
      }
      const latency = performance.now() - t0;
      if (answer) {
        firstAnswer ??= performance.now() - started;
        if (answer.state === 'syncing' || reportAt === null) {
          during.push(latency);
          if (control) {
            const c0 = performance.now();
            await status(control.url);
            controlLatencies.push(performance.now() - c0);
          }
          if (latency > 100) {
            slow.push(`${latency.toFixed(0)} ms at ${(t0 - started).toFixed(0)} ms`);
          }
          if (answer.progress) {
            progress.push(`${answer.progress.done}/${answer.progress.total}`);
          }
        } else {
          break;
        }
      }
      await sleep(interval);
    }
  } finally {
    server.kill('SIGTERM');
    await exited;
    await control?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  during.sort((a, b) => a - b);
  const q = (p) => (during.length ? during[Math.min(during.length - 1, Math.floor(p * during.length))].toFixed(0) : '-');
  const syncMs = /^synced \S.* in (\d+) ms$/m.exec(out)?.[1];
  console.log(
    [
      `vault: ${values.vault ?? `generated, ${values.notes} notes`}${values['big-note'] ? ' + a 5 MB note with many headings' : ''}`,
      `first answer ${firstAnswer.toFixed(0)} ms after start; "listening" printed at ${listeningAt?.toFixed(0)} ms`,
      `first sync ${syncMs} ms, report printed at ${reportAt?.toFixed(0)} ms after start`,
      `${during.length} answers while it ran: median ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms, ` +
        `${during.filter((ms) => ms > 250).length} over 250 ms`,
      ...(control
        ? [
            `idle control server, same loop: max ${Math.max(...controlLatencies).toFixed(0)} ms, ` +
              `${controlLatencies.filter((ms) => ms > 250).length} of ${controlLatencies.length} over 250 ms`,
          ]
        : []),
      `answers over 100 ms: ${slow.join(', ') || 'none'}`,
      `progress seen: ${progress.length ? `${progress[0]} … ${progress[progress.length - 1]} (${new Set(progress).size} distinct)` : 'none'}`,
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
