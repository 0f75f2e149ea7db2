#!/usr/bin/env node
// kill -9 at random moments during a large sync, N times: the database must pass `PRAGMA integrity_check`
// every time, and the next sync must produce the same content as a clean sync of the same vault.
// Usage: node scripts/crash-check.js [--runs 20] [--notes 3000] [--seed 7]   (needs a build: dist/)
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const Database = require('better-sqlite3');
const { generateVault } = require('./gen-vault.js');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'vaultgraph.js');

/** Content of every table a sync writes, minus ids, run records and clocks, hashed. */
const CONTENT = [
  'SELECT id, vaultId, fname, title, parentId, stub, hash, body FROM Note ORDER BY id',
  'SELECT noteId, ordinal, heading, slug, chapter, startLine, endLine FROM Section ORDER BY noteId, ordinal',
  'SELECT sourceId, kind, targetFname, targetId, anchor, line, "column" FROM Link ORDER BY sourceId, line, "column", kind, targetFname',
  'SELECT id, noteId, date, done, rescheduledFrom, line FROM Milestone ORDER BY id',
  'SELECT vaultId, path, line, code FROM Diagnostic ORDER BY vaultId, path, line, code',
];

function contentHash(file) {
  const db = new Database(file, { readonly: true });
  try {
    const hash = crypto.createHash('sha1');
    for (const sql of CONTENT) {
      hash.update(JSON.stringify(db.prepare(sql).all()));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

function integrity(file) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('PRAGMA integrity_check').pluck().get();
  } finally {
    db.close();
  }
}

function syncOnce(vault, dbFile) {
  const res = spawnSync(process.execPath, [CLI, 'sync', '--vault', vault, '--json'], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, VAULTGRAPH_TZ: 'UTC' },
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    throw new Error(`sync failed (${res.status}): ${res.stderr}`);
  }
  return JSON.parse(res.stdout);
}

/** Start a sync and SIGKILL it after `delayMs`; resolves with whether it died before finishing. */
function killedSync(vault, dbFile, delayMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'sync', '--vault', vault, '--quiet'], {
      env: { ...process.env, DATABASE_URL: `file:${dbFile}`, VAULTGRAPH_TZ: 'UTC' },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20' },
      notes: { type: 'string', default: '3000' },
      seed: { type: 'string', default: '7' },
    },
  });
  const runs = Number(values.runs);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-crash-'));
  try {
    const vault = path.join(tmp, 'vault');
    generateVault({ out: vault, notes: Number(values.notes), seed: values.seed, quiet: true });

    // An empty migrated database, so that the kills land in the sync, not in the first migration.
    const empty = path.join(tmp, 'empty.db');
    require(path.join(ROOT, 'dist', 'db', 'migrate.js')).migrateDatabase(empty);

    // Reference: a clean sync, and how long a cold sync takes (process start included).
    const clean = path.join(tmp, 'clean.db');
    fs.copyFileSync(empty, clean);
    const t0 = performance.now();
    syncOnce(vault, clean);
    const coldMs = performance.now() - t0;
    const expected = contentHash(clean);
    // And how long a resync after a few edits takes, to aim the kills of the resync runs.
    const probe = path.join(tmp, 'probe.db');
    fs.copyFileSync(clean, probe);
    const probeNote = path.join(vault, fs.readdirSync(vault).filter((f) => f.endsWith('.md'))[0]);
    fs.appendFileSync(probeNote, '\nprobe\n');
    const t1 = performance.now();
    syncOnce(vault, probe);
    const resyncMs = performance.now() - t1;

    let killed = 0;
    for (let i = 0; i < runs; i++) {
      const file = path.join(tmp, `run${i}.db`);
      // Half the runs crash a cold sync, half crash a resync after edits of an already synced database.
      fs.copyFileSync(empty, file);
      if (i % 2 === 1) {
        fs.copyFileSync(clean, file);
        const note = fs.readdirSync(vault).filter((f) => f.endsWith('.md'))[i];
        fs.appendFileSync(path.join(vault, note), `\nedit ${i}\n`);
      }
      const delay = Math.floor((i % 2 ? resyncMs : coldMs) * (0.2 + 0.75 * Math.random()));
      if (await killedSync(vault, file, delay)) {
        killed++;
      }
      const check = integrity(file);
      if (check !== 'ok') {
        throw new Error(`run ${i}: integrity_check says ${check}`);
      }
      syncOnce(vault, file);
      const reference = path.join(tmp, `ref${i}.db`);
      fs.copyFileSync(empty, reference);
      syncOnce(vault, reference);
      if (contentHash(file) !== contentHash(reference)) {
        throw new Error(`run ${i}: after a kill at ${delay} ms the next sync differs from a clean sync`);
      }
      console.log(`run ${i + 1}/${runs}: kill at ${delay} ms (${i % 2 ? 'resync' : 'cold'}), integrity ok, content matches`);
      for (const f of [file, reference]) {
        for (const suffix of ['', '-wal', '-shm']) {
          fs.rmSync(f + suffix, { force: true });
        }
      }
    }
    console.log(
      `crash-check: ${runs} runs, ${killed} killed mid-sync, cold sync ${coldMs.toFixed(0)} ms, resync ${resyncMs.toFixed(0)} ms; every database intact (${expected.slice(0, 8)})`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`crash-check: FAILED: ${err.message}`);
  process.exit(1);
});
