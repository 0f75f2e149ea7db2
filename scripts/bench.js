#!/usr/bin/env node
/**
 * Sync benchmark (`npm run bench`): generates synthetic Dendron vaults (scripts/gen-vault.js) of each size and
 * runs the real CLI, `node bin/vaultgraph.js sync --vault DIR --json`, each run in a fresh process so peak RSS
 * is that run's own:
 *
 *   startup   sync of an empty vault into a migrated database: process start + Nest boot, the floor of any run
 *   cold      first sync into an empty, migrated database (the migration itself is timed apart)
 *   no-op     the same files again: nothing to read
 *   edit      one note's body changed (a plain sentence appended), then a sync
 *   new tag   one note gains a hashtag no note had before (a new concept name), then a sync: measured once
 *
 * Wall time is measured around the whole child process; `sync ms` is the engine's own `durationMs`; peak RSS
 * comes from `/usr/bin/time -v` when present, else from `process.resourceUsage().maxRSS` in the child.
 * Vaults and databases live in os.tmpdir() and are deleted afterwards (unless --keep).
 *
 *   node scripts/bench.js [--sizes 1000,10000,100000] [--repeat N] [--seed S] [--timeout-s S] [--root DIR] [--keep]
 *
 *   --repeat N     runs of each kind per size; the table shows medians (default 3 up to 10k notes, 1 above)
 *   --timeout-s S  give up on a size (and skip the larger ones) when one sync takes longer than this (default 600)
 *   --root DIR     the vaultgraph checkout to measure (default: this one); it must be built (dist/)
 *
 * Builds nothing. Prints a table and the targets, and writes everything to bench-out/results.json.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { execFileSync, spawnSync } = require('node:child_process');
const { generateVault } = require('./gen-vault');

const HERE = path.resolve(__dirname, '..');
const TIME_BIN = '/usr/bin/time';
const TIMEOUT_BIN = ['/usr/bin/timeout', '/bin/timeout'].find((f) => fs.existsSync(f));
const RSS_MARK = 'vaultgraph-bench-maxrss-kb:';
const TARGETS = {
  coldWall10kS: 4,
  coldRss10kMB: 400,
  cold100kFactor: 12,
  coldRss100kMB: 1024,
  noopSync10kMs: 150,
  editSyncMs: 50,
};

/** Command-line options, through node:util's parseArgs (unknown options are refused). */
function parseArgs(argv) {
  const { values } = util.parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      repeat: { type: 'string' },
      seed: { type: 'string', default: 'vaultgraph' },
      'timeout-s': { type: 'string', default: '600' },
      root: { type: 'string', default: HERE },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/k$/i, '000')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('--sizes takes positive integers, e.g. 1000,10000');
  }
  const repeat = values.repeat === undefined ? null : Number(values.repeat);
  if (repeat !== null && (!Number.isInteger(repeat) || repeat < 1)) {
    throw new Error('--repeat takes a positive integer');
  }
  return {
    sizes,
    repeat,
    seed: values.seed,
    timeoutS: Number(values['timeout-s']),
    root: path.resolve(values.root),
    keep: values.keep,
    help: values.help,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** The machine, and the commit of the checkout measured (null when --root is not a git checkout). */
function machine(root) {
  let cpu = 'unknown';
  try {
    const line = fs
      .readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    cpu = line ? line.split(':')[1].trim() : (os.cpus()[0]?.model ?? cpu);
  } catch {
    cpu = os.cpus()[0]?.model ?? cpu;
  }
  const git = (args, cwd = root) => {
    try {
      return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      return null;
    }
  };
  return {
    cpu,
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit: git(['rev-parse', '--short', 'HEAD']),
    benchScriptCommit: git(['rev-parse', '--short', 'HEAD'], HERE),
    dirty: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    rssSource: fs.existsSync(TIME_BIN) ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
    // Other work on the machine skews wall times: recorded so a reader can tell.
    loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

/** One `vaultgraph sync --json` in a fresh process: wall ms, the JSON report, peak RSS in MiB. */
function runSync(ctx, vault, dbFile) {
  const cli = [path.join(ctx.root, 'bin', 'vaultgraph.js'), 'sync', '--vault', vault, '--json'];
  const useTime = fs.existsSync(TIME_BIN);
  // `timeout` kills the sync itself; spawnSync's own timeout would only kill /usr/bin/time and orphan it.
  const limit = TIMEOUT_BIN ? [TIMEOUT_BIN, '-s', 'KILL', String(ctx.timeoutS)] : [];
  const node = useTime ? [process.execPath, ...cli] : [process.execPath, '--require', ctx.rssHook, ...cli];
  const [cmd, ...args] = useTime ? [TIME_BIN, '-v', ...limit, ...node] : [...limit, ...node];
  const t0 = process.hrtime.bigint();
  const child = spawnSync(cmd, args, {
    cwd: ctx.root,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, VAULTGRAPH_TZ: 'UTC' },
    maxBuffer: 1024 * 2 ** 20,
    timeout: (ctx.timeoutS + 60) * 1000,
    killSignal: 'SIGKILL',
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const stderr = child.stderr ? child.stderr.toString() : '';
  const own = stderr.split('\tCommand being timed')[0]; // the child's own output, without /usr/bin/time's report
  if (child.error || child.status !== 0) {
    const why =
      wallMs >= ctx.timeoutS * 1000 ? `timed out, --timeout-s ${ctx.timeoutS}` : child.error ? child.error.message : `exit ${child.status}`;
    throw new Error(`sync of ${vault} failed (${why}) after ${(wallMs / 1000).toFixed(1)} s\n${own.slice(-2000)}`);
  }
  const kb = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr) : new RegExp(`${RSS_MARK}(\\d+)`).exec(stderr);
  const report = JSON.parse(child.stdout.toString());
  return { wallMs, syncMs: report.durationMs, rssMiB: kb ? Number(kb[1]) / 1024 : null, report };
}

function migrate(ctx, dbFile) {
  const t0 = process.hrtime.bigint();
  require(path.join(ctx.root, 'dist', 'db', 'migrate.js')).migrateDatabase(dbFile);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function removeDb(dbFile) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    fs.rmSync(dbFile + suffix, { force: true });
  }
}

const changes = (r) => r.added + r.updated + r.renamed + r.deleted;
const summary = (runs) =>
  runs.length === 0
    ? null
    : {
        wallMs: round(median(runs.map((r) => r.wallMs))),
        syncMs: round(median(runs.map((r) => r.syncMs))),
        rssMiB: round(median(runs.map((r) => r.rssMiB).filter((x) => x !== null))),
        maxRssMiB: round(Math.max(...runs.map((r) => r.rssMiB ?? 0))),
        runs: runs.map(({ report: _report, ...r }) => ({ ...r, wallMs: round(r.wallMs), rssMiB: round(r.rssMiB) })),
      };

/** The empty-vault sync: what every run pays before it reads a note. */
function benchStartup(ctx, repeat) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-bench-startup-'));
  try {
    fs.mkdirSync(path.join(dir, 'vault'));
    const db = path.join(dir, 'bench.db');
    migrate(ctx, db);
    const runs = [];
    for (let i = 0; i < repeat; i++) {
      runs.push(runSync(ctx, path.join(dir, 'vault'), db));
    }
    return summary(runs);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function benchSize(ctx, notes, repeat, log) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vaultgraph-bench-${notes}-`));
  const result = { notes, repeat, dir: ctx.keep ? dir : undefined };
  try {
    const vault = path.join(dir, 'vault');
    let t0 = Date.now();
    const stats = generateVault({ out: vault, notes, seed: ctx.seed });
    result.vault = { ...stats, out: undefined, mib: round(stats.bytes / 2 ** 20), generateMs: Date.now() - t0 };
    log(`  generated ${notes} notes (${result.vault.mib} MiB, ${stats.wikilinks + stats.refs} links) in ${result.vault.generateMs} ms`);

    const cold = [];
    const migrateMs = [];
    let db = '';
    for (let i = 0; i < repeat; i++) {
      if (db) {
        removeDb(db);
      }
      db = path.join(dir, `cold-${i}.db`);
      migrateMs.push(migrate(ctx, db));
      const run = runSync(ctx, vault, db);
      if (run.report.added !== notes) {
        throw new Error(`cold sync added ${run.report.added} notes, expected ${notes}`);
      }
      cold.push(run);
      log(`  cold   ${(run.wallMs / 1000).toFixed(2)} s wall, ${(run.syncMs / 1000).toFixed(2)} s sync, ${run.rssMiB?.toFixed(0)} MiB`);
    }
    result.migrateMs = round(median(migrateMs));
    result.cold = summary(cold);
    result.cold.notesPerSecWall = Math.round(notes / (result.cold.wallMs / 1000));
    result.cold.notesPerSecSync = Math.round(notes / (result.cold.syncMs / 1000));
    result.cold.diagnostics = cold[0].report.diagnostics.length;
    result.dbMiB = round(['', '-wal'].reduce((n, s) => n + (fs.existsSync(db + s) ? fs.statSync(db + s).size : 0), 0) / 2 ** 20);

    const noop = [];
    for (let i = 0; i < repeat; i++) {
      const run = runSync(ctx, vault, db);
      if (changes(run.report) !== 0) {
        throw new Error(`no-op resync changed ${changes(run.report)} notes`);
      }
      noop.push(run);
      log(`  no-op  ${run.wallMs.toFixed(0)} ms wall, ${run.syncMs.toFixed(1)} ms sync, ${run.rssMiB?.toFixed(0)} MiB`);
    }
    result.noop = summary(noop);

    const files = fs
      .readdirSync(vault)
      .filter((f) => f.endsWith('.md') && f !== 'root.md')
      .sort();
    const edit = [];
    for (let i = 0; i < repeat; i++) {
      const file = path.join(vault, files[Math.floor(((i + 1) * files.length) / (repeat + 1))]);
      fs.appendFileSync(file, `\nEdited by the benchmark, run ${i + 1}: one more plain sentence.\n`);
      const run = runSync(ctx, vault, db);
      if (run.report.updated !== 1 || changes(run.report) !== 1) {
        throw new Error(`one-note edit gave ${JSON.stringify({ ...run.report, diagnostics: undefined })}`);
      }
      edit.push(run);
      log(`  edit   ${run.wallMs.toFixed(0)} ms wall, ${run.syncMs.toFixed(1)} ms sync, ${run.rssMiB?.toFixed(0)} MiB`);
    }
    result.edit = summary(edit);

    const tagged = path.join(vault, files[Math.floor(files.length / 2) + 1]);
    fs.appendFileSync(tagged, `\nA tag nobody used before: #benchmark-only-${notes}.\n`);
    const tag = runSync(ctx, vault, db);
    if (tag.report.updated !== 1 || changes(tag.report) !== 1) {
      throw new Error(`new-tag edit gave ${JSON.stringify({ ...tag.report, diagnostics: undefined })}`);
    }
    result.newTag = summary([tag]);
    log(`  newtag ${tag.wallMs.toFixed(0)} ms wall, ${tag.syncMs.toFixed(1)} ms sync, ${tag.rssMiB?.toFixed(0)} MiB`);
  } catch (err) {
    result.error = err.message.split('\n')[0];
    log(`  FAILED: ${err.message}`);
  } finally {
    if (!ctx.keep) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return result;
}

function evaluateTargets(results, startup) {
  const by = new Map(results.filter((r) => !r.error).map((r) => [r.notes, r]));
  const k10 = by.get(10000);
  const k100 = by.get(100000);
  const checks = [];
  const check = (target, measured, limit, unit) =>
    checks.push({ target, measured: round(measured), limit: round(limit), unit, pass: measured <= limit });
  if (k10) {
    check('10k cold sync, wall incl. process start', k10.cold.wallMs / 1000, TARGETS.coldWall10kS, 's');
    check('10k cold sync, peak RSS', k10.cold.maxRssMiB, TARGETS.coldRss10kMB, 'MiB');
    check('10k no-op resync (engine)', k10.noop.syncMs, TARGETS.noopSync10kMs, 'ms');
    check('10k one edited note (engine)', k10.edit.syncMs, TARGETS.editSyncMs, 'ms');
    if (startup) {
      check('10k one edited note, wall (≤ 50 ms + empty-vault run)', k10.edit.wallMs, TARGETS.editSyncMs + startup.wallMs, 'ms');
    }
  }
  if (k10 && k100) {
    check('100k cold wall ≤ 12 × 10k cold wall', k100.cold.wallMs / 1000, (TARGETS.cold100kFactor * k10.cold.wallMs) / 1000, 's');
  }
  if (k100) {
    check('100k cold sync, peak RSS', k100.cold.maxRssMiB, TARGETS.coldRss100kMB, 'MiB');
  }
  return checks;
}

function table(results, startup) {
  const head = [
    'notes',
    'MiB',
    'links',
    'cold wall s',
    'cold sync s',
    'notes/s',
    'cold RSS',
    'no-op wall',
    'no-op sync',
    'edit wall',
    'edit sync',
    'RSS no-op/edit',
  ];
  const rows = results.map((r) =>
    r.error && !r.noop
      ? [String(r.notes), String(r.vault?.mib ?? ''), String(r.vault ? r.vault.wikilinks + r.vault.refs : ''), `failed: ${r.error}`]
      : [
          String(r.notes),
          String(r.vault.mib),
          String(r.vault.wikilinks + r.vault.refs),
          (r.cold.wallMs / 1000).toFixed(2),
          (r.cold.syncMs / 1000).toFixed(2),
          String(r.cold.notesPerSecWall),
          `${r.cold.maxRssMiB.toFixed(0)} MiB`,
          `${r.noop.wallMs.toFixed(0)} ms`,
          `${r.noop.syncMs.toFixed(0)} ms`,
          r.edit ? `${r.edit.wallMs.toFixed(0)} ms` : '-',
          r.edit ? `${r.edit.syncMs.toFixed(0)} ms` : '-',
          `${r.noop.maxRssMiB.toFixed(0)}/${r.edit ? r.edit.maxRssMiB.toFixed(0) : '-'} MiB`,
        ],
  );
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---:').join('|')}|`];
  for (const row of rows) {
    lines.push(`| ${row.join(' | ')} |`);
  }
  const tagged = results.filter((r) => r.newTag);
  if (tagged.length > 0) {
    const each = tagged.map((r) => `${r.notes} notes ${r.newTag.wallMs.toFixed(0)} ms wall / ${r.newTag.syncMs.toFixed(0)} ms sync`);
    lines.push('', `One note gains a hashtag no note had (a new concept name): ${each.join('; ')}.`);
  }
  if (startup) {
    lines.push(
      '',
      `Empty-vault run (process start + Nest boot + migrated-db check): ${startup.wallMs.toFixed(0)} ms wall, ${startup.rssMiB.toFixed(0)} MiB.`,
    );
  }
  return lines.join('\n');
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench: ${err.message}`);
    return 2;
  }
  if (opts.help) {
    console.log('usage: node scripts/bench.js [--sizes 1000,10000,100000] [--repeat N] [--seed S] [--timeout-s S] [--root DIR] [--keep]');
    return 0;
  }
  for (const file of ['dist/cli.js', 'dist/db/migrate.js', 'bin/vaultgraph.js']) {
    if (!fs.existsSync(path.join(opts.root, file))) {
      console.error(`bench: ${path.join(opts.root, file)} is missing; build first (npm run build, or npx tsc -p tsconfig.build.json).`);
      return 1;
    }
  }
  const ctx = { ...opts };
  const hookDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-bench-hook-'));
  ctx.rssHook = path.join(hookDir, 'maxrss.js');
  fs.writeFileSync(
    ctx.rssHook,
    `process.on('exit', () => process.stderr.write('\\n${RSS_MARK}' + process.resourceUsage().maxRSS + '\\n'));\n`,
  );

  const outDir = path.join(HERE, 'bench-out');
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, 'results.json');
  const log = (line) => console.log(line);
  const started = Date.now();
  const doc = {
    date: new Date().toISOString(),
    command: ['node', 'scripts/bench.js', ...process.argv.slice(2)].join(' '),
    root: opts.root,
    seed: opts.seed,
    machine: machine(opts.root),
    startup: null,
    sizes: [],
    targets: [],
  };
  const save = () => fs.writeFileSync(outFile, `${JSON.stringify(doc, null, 2)}\n`);
  try {
    log(`bench: ${doc.machine.cpu}, ${doc.machine.nproc} cores, ${doc.machine.memoryMiB} MiB, node ${doc.machine.node}`);
    log('empty vault (process start):');
    doc.startup = benchStartup(ctx, 5);
    log(`  ${doc.startup.wallMs.toFixed(0)} ms wall, ${doc.startup.rssMiB.toFixed(0)} MiB`);
    let timedOut = Infinity;
    for (const notes of opts.sizes) {
      if (notes > timedOut) {
        log(`${notes} notes: skipped, ${timedOut} notes timed out`);
        doc.sizes.push({ notes, error: `skipped: the ${timedOut}-note sync timed out` });
        continue;
      }
      const repeat = opts.repeat ?? (notes <= 10000 ? 3 : 1);
      log(`${notes} notes, ${repeat} run(s) of each kind:`);
      const result = benchSize(ctx, notes, repeat, log);
      doc.sizes.push(result);
      if (result.error?.includes('timed out')) {
        timedOut = Math.min(timedOut, notes);
      }
      save();
    }
  } finally {
    fs.rmSync(hookDir, { recursive: true, force: true });
  }
  doc.targets = evaluateTargets(doc.sizes, doc.startup);
  doc.totalSeconds = Math.round((Date.now() - started) / 1000);
  doc.machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
  save();

  console.log(`\n${table(doc.sizes, doc.startup)}\n`);
  for (const t of doc.targets) {
    console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.measured} ${t.unit} (target ≤ ${t.limit} ${t.unit})`);
  }
  console.log(`\nmedians of the runs; every run in ${path.relative(process.cwd(), outFile) || outFile} (${doc.totalSeconds} s in all)`);
  return doc.sizes.some((r) => r.error) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main();
}
