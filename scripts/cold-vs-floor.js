#!/usr/bin/env node
/**
 * Cold import against the floor (issue 10): times `node bin/vaultgraph.js sync --vault VAULT --json` into a freshly
 * migrated empty database and `node ../shared/bench/floor.mjs NOTES_DIR DB` as whole processes, in turn, each under
 * `/usr/bin/time -v` for peak RSS; best of N each, in one run, so only their ratio is compared. Then, unless
 * --no-incremental, a no-op resync and a one-note edit on the last cold database (the engine's own durationMs).
 *
 *   node scripts/cold-vs-floor.js [--notes 10000 | --vault DIR [--notes-dir DIR]] [--repeat 3] [--root DIR]
 *
 *   --notes N       generate (or reuse) a seeded vault of N notes in os.tmpdir()/vaultgraph-cold-N
 *   --vault DIR     an existing vault or workspace instead; --notes-dir: its folder of .md files for the floor
 *   --root DIR      the checkout to measure (default: this one); it must be built (dist/)
 *
 * Builds nothing. Prints one JSON object.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { spawnSync } = require('node:child_process');
const { generateVault } = require('./gen-vault');

const HERE = path.resolve(__dirname, '..');
const { values } = util.parseArgs({
  options: {
    notes: { type: 'string' },
    vault: { type: 'string' },
    'notes-dir': { type: 'string' },
    repeat: { type: 'string', default: '3' },
    root: { type: 'string', default: HERE },
    'no-incremental': { type: 'boolean', default: false },
  },
});
const root = path.resolve(values.root);
const repeat = Number(values.repeat);
let vault = values.vault && path.resolve(values.vault);
if (!vault) {
  const notes = Number(values.notes ?? 10000);
  vault = path.join(os.tmpdir(), `vaultgraph-cold-${notes}`);
  if (!fs.existsSync(path.join(vault, 'root.md'))) {
    fs.rmSync(vault, { recursive: true, force: true });
    generateVault({ out: vault, notes });
  }
}
const notesDir = path.resolve(values['notes-dir'] ?? vault);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-cold-db-'));

function timed(args, env) {
  const t0 = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], {
    cwd: root,
    env: { ...process.env, VAULTGRAPH_TZ: 'UTC', ...env },
    maxBuffer: 256 * 2 ** 20,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const stderr = child.stderr.toString();
  if (child.status !== 0) {
    throw new Error(`${args.join(' ')} failed: ${stderr.slice(-2000)}`);
  }
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const seconds = (label) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)[1]);
  // CPU time (user + system) moves far less than wall time when other jobs share the cores.
  const cpuMs = Math.round((seconds('User') + seconds('System')) * 1000);
  return { wallMs: Math.round(wallMs), cpuMs, rssMiB: Math.round(Number(kb[1]) / 1024), out: child.stdout.toString() };
}

function removeDb(file) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    fs.rmSync(file + suffix, { force: true });
  }
}

const syncDb = path.join(work, 'sync.db');
const floorDb = path.join(work, 'floor.db');
const sync = () => {
  const r = timed([path.join(root, 'bin', 'vaultgraph.js'), 'sync', '--vault', vault, '--json'], { DATABASE_URL: `file:${syncDb}` });
  const report = JSON.parse(r.out);
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, rssMiB: r.rssMiB, syncMs: Math.round(report.durationMs), notes: report.notes };
};
const floors = [];
const colds = [];
for (let i = 0; i < repeat; i++) {
  removeDb(floorDb);
  const f = timed([path.join(HERE, '..', 'shared', 'bench', 'floor.mjs'), notesDir, floorDb]);
  floors.push({ wallMs: f.wallMs, cpuMs: f.cpuMs, rssMiB: f.rssMiB });
  removeDb(syncDb);
  require(path.join(root, 'dist', 'db', 'migrate.js')).migrateDatabase(syncDb);
  colds.push(sync());
}
const best = (runs) => runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
const result = {
  vault,
  floor: best(floors),
  cold: best(colds),
  ratio: Number((best(colds).wallMs / best(floors).wallMs).toFixed(2)),
  cpuRatio: Number((Math.min(...colds.map((r) => r.cpuMs)) / Math.min(...floors.map((r) => r.cpuMs))).toFixed(2)),
  maxColdRssMiB: Math.max(...colds.map((r) => r.rssMiB)),
  floors: floors.map((r) => [r.wallMs, r.cpuMs]),
  colds: colds.map((r) => [r.wallMs, r.cpuMs]),
};
if (!values['no-incremental']) {
  result.noop = [sync(), sync(), sync()].map((r) => r.syncMs);
  const files = fs.readdirSync(notesDir).filter((f) => f.endsWith('.md') && f !== 'root.md');
  const file = path.join(notesDir, files[Math.floor(files.length / 2)]);
  const original = fs.readFileSync(file);
  try {
    result.edit = [1, 2, 3].map((n) => {
      fs.writeFileSync(file, Buffer.concat([original, Buffer.from(`\nAn edited sentence, take ${n}.\n`)]));
      return sync().syncMs;
    });
  } finally {
    fs.writeFileSync(file, original);
    sync();
  }
}
fs.rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify(result));
