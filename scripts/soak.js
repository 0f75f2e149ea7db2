#!/usr/bin/env node
// Soak test: the real server (`serve --sync --watch`) on a generated 10k-note vault under a bounded mixed load for
// --minutes, watching its memory (VmRSS) and the p99 latency of `note { backlinks }` for growth between the first
// window after warm-up and the last one.
// Usage: node scripts/soak.js [--minutes 10] [--notes 10000] [--vault DIR] [--json]   (needs a build: dist/)
// Exits 1 when RSS grows more than 20 % after warm-up, the end p99 is more than twice the start p99, or any 5xx.
// All traffic goes to 127.0.0.1; the vault is a temporary copy (edited by the run) and is removed on exit or Ctrl-C.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const Database = require('better-sqlite3');
const { generateVault } = require('./gen-vault.js');
const { startServer } = require('./serve.js');

const ROOT = path.resolve(__dirname, '..');
const MAX_RSS_GROWTH = 0.2;
const MAX_P99_RATIO = 2;
const PROBE_INTERVAL_MS = 200; // 5 req/s
const MAX_PROBES_IN_FLIGHT = 60;
const READ_PAUSE_MS = 100; // per reader, between requests
const READERS = 2;
const EDIT_INTERVAL_MS = 2000;
const RENAME_EVERY = 15; // edits
const SYNC_INTERVAL_MS = 10_000;
// graph(depth: 2) reaches the hub notes: ~8 s of CPU at 10k notes before issue 9's cost model, so its own slow loop.
const GRAPH_INTERVAL_MS = 30_000;
const RSS_INTERVAL_MS = 1000;
const REQUEST_TIMEOUT_MS = 10_000;
const WORDS = ['proxy', 'gateway', 'sidecar', 'certificate', 'cluster', 'retry timeout', 'Envoy', 'mesh control', 'lorem', 'zzznotfound'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values, q) {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function round(ms) {
  return ms === null ? null : +ms.toFixed(1);
}

function median(values) {
  return percentile(values, 0.5);
}

function readRssKb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Counters of every request the run sends, by kind. */
class Tally {
  constructor() {
    this.byKind = {};
    this.http5xx = 0;
    this.syncRunning = 0;
    this.errors = 0; // GraphQL errors other than SYNC_RUNNING, 4xx, timeouts, refused connections
    this.examples = []; // the first few errors, to say what they were
  }

  error(entry, example) {
    entry.errors++;
    if (this.examples.length < 5) {
      this.examples.push(example);
    }
  }

  kind(name) {
    this.byKind[name] ??= { requests: 0, errors: 0, ms: [] };
    return this.byKind[name];
  }
}

async function graphql(url, tally, kind, query) {
  const entry = tally.kind(kind);
  entry.requests++;
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    entry.ms.push(ms);
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      // counted below: a non-JSON answer is an error
    }
    const codes = (body?.errors ?? []).map((e) => e?.extensions?.code);
    if (codes.length > 0 && codes.every((c) => c === 'SYNC_RUNNING')) {
      tally.syncRunning++; // the one-writer rule answering, whatever HTTP status it uses
    } else if (res.status >= 500) {
      tally.http5xx++;
      tally.error(entry, { kind, status: res.status, body: text.slice(0, 300) });
    } else if (res.status >= 400 || body === null || codes.length > 0) {
      tally.errors++;
      tally.error(entry, { kind, status: res.status, body: text.slice(0, 300) });
    }
    return { ms, status: res.status, body };
  } catch (err) {
    tally.errors++;
    tally.error(entry, {
      kind,
      status: 0,
      error: String(err.message ?? err),
      cause: err.cause?.code ?? err.cause?.message,
      afterMs: Math.round(performance.now() - t0),
    });
    return { ms: performance.now() - t0, status: 0, body: null };
  }
}

/** Runs `step` every `intervalMs` until the deadline, at most `maxSteps` times. */
async function every(intervalMs, deadline, step) {
  const maxSteps = Math.ceil((deadline - Date.now()) / intervalMs) + 1;
  for (let i = 0; i < maxSteps && Date.now() < deadline; i++) {
    const t0 = Date.now();
    await step(i);
    await sleep(Math.max(0, intervalMs - (Date.now() - t0)));
  }
}

/** The notes the load picks from, read once from the synced database. */
function pickTargets(dbFile) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const counts = db
      .prepare('SELECT n.fname, count(*) AS n FROM Link l JOIN Note n ON n.id = l.targetId WHERE n.stub = 0 GROUP BY n.id ORDER BY n')
      .all();
    const notes = db.prepare('SELECT fname, path FROM Note WHERE stub = 0 AND path IS NOT NULL ORDER BY fname').all();
    const planned = db.prepare('SELECT DISTINCT n.fname FROM Milestone m JOIN Note n ON n.id = m.noteId ORDER BY n.fname').all();
    return { probe: counts[Math.floor(counts.length * 0.9)], notes, planned: planned.map((r) => r.fname) };
  } finally {
    db.close();
  }
}

function rnd(items) {
  return items[Math.floor(Math.random() * items.length)];
}

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      notes: { type: 'string', default: '10000' },
      vault: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const minutes = Number(values.minutes);
  const noteCount = Number(values.notes);
  if (!(minutes > 0 && minutes <= 24 * 60) || !(noteCount >= 10)) {
    throw new Error('--minutes must be in (0, 1440] and --notes at least 10');
  }
  const log = values.json ? () => {} : (line) => console.log(line);
  const durationMs = minutes * 60_000;
  // Warm-up: the first 30 s (less on short runs); then the start window, and the end window at the end of the run.
  const warmupMs = Math.min(30_000, 0.15 * durationMs);
  const windowMs = Math.min(60_000, (durationMs - warmupMs) / 2);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-soak-'));
  const vault = path.join(tmp, 'vault');
  const dbFile = path.join(tmp, 'soak.db');
  let child = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) {
      return;
    }
    cleaned = true;
    // The server may be in the middle of a sync (the event loop busy): SIGTERM, then SIGKILL after 5 s.
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    console.error(`soak: ${signal}, stopping the server and removing ${tmp}`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const t0 = performance.now();
    if (values.vault) {
      fs.cpSync(values.vault, vault, { recursive: true }); // the run edits and renames notes: never the caller's vault
    } else {
      generateVault({ out: vault, notes: noteCount, seed: 'soak', quiet: true });
    }
    const generatedMs = performance.now() - t0;
    require(path.join(ROOT, 'dist', 'db', 'migrate.js')).migrateDatabase(dbFile);
    const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, VAULT_PATH: vault, NODE_ENV: 'production' };
    const t1 = performance.now();
    const server = await startServer(env, ['--sync', '--watch'], (spawned) => {
      child = spawned;
    });
    const syncedMs = performance.now() - t1;
    const { url, pid } = server;
    const targets = pickTargets(dbFile);
    log(
      `vault ${values.vault ?? `generated (${noteCount} notes)`} in ${(generatedMs / 1000).toFixed(1)} s; server pid ${pid} ` +
        `synced and listening after ${(syncedMs / 1000).toFixed(1)} s; probe note ${targets.probe.fname} ` +
        `(${targets.probe.n} backlinks); ${minutes} min, warm-up ${(warmupMs / 1000).toFixed(0)} s, windows of ${(windowMs / 1000).toFixed(0)} s`,
    );

    const tally = new Tally();
    const started = Date.now();
    const deadline = started + durationMs;
    const rss = []; // { t, kb }
    const probes = []; // { t, ms, status }
    const fnames = targets.notes.map((n) => n.fname);
    const files = new Map(targets.notes.map((n) => [n.fname, n.path]));
    let renamed = 0;
    let edits = 0;
    const probesInFlight = new Set();
    let probesSkipped = 0;

    const probeQuery = `{ note(fname: "${targets.probe.fname}") { backlinks { source { title } } } }`;
    const readKinds = ['note', 'note', 'note', 'note', 'notes', 'notes', 'search', 'search', 'progress'];
    const reads = [
      ['note', () => `{ note(fname: ${JSON.stringify(rnd(fnames))}) { backlinks { source { title } } } }`],
      ['notes', () => '{ notes(first: 50) { totalCount edges { node { fname title } } pageInfo { endCursor } } }'],
      ['search', () => `{ search(query: ${JSON.stringify(rnd(WORDS))}, first: 20) { score snippet note { fname } } }`],
      [
        'progress',
        () =>
          targets.planned.length > 0
            ? `{ progress(fname: ${JSON.stringify(rnd(targets.planned))}) { total done percent daysBehind } }`
            : '{ progress(fname: "root") { total } }',
      ],
    ];
    const readers = Object.fromEntries(reads);

    const edit = async (i) => {
      const fname = rnd(fnames);
      const file = path.join(vault, files.get(fname));
      try {
        if (i % RENAME_EVERY === RENAME_EVERY - 1 && !fname.includes('soak')) {
          const to = `${fname}-soak${i}`;
          const target = path.join(path.dirname(file), `${to}.md`);
          fs.renameSync(file, target);
          files.delete(fname);
          files.set(to, path.relative(vault, target));
          fnames[fnames.indexOf(fname)] = to;
          renamed++;
        } else if (i % 5 === 4 && targets.planned.length > 0) {
          const planned = rnd(targets.planned.filter((f) => files.has(f)));
          const plannedFile = planned && path.join(vault, files.get(planned));
          if (plannedFile) {
            const text = fs.readFileSync(plannedFile, 'utf8');
            const ticked = text.includes('- [ ] ') ? text.replace('- [ ] ', '- [x] ') : text.replace('- [x] ', '- [ ] ');
            fs.writeFileSync(plannedFile, ticked);
          }
        } else {
          fs.appendFileSync(file, `\nSoak edit ${i}: see [[${rnd(fnames)}]] about the gateway.\n`);
        }
        edits++;
      } catch (err) {
        tally.errors++;
        tally.error(tally.kind('edit'), { kind: 'edit', error: err.message });
      }
    };

    let lastReport = started;
    await Promise.all([
      every(RSS_INTERVAL_MS, deadline, () => {
        const kb = readRssKb(pid);
        if (kb !== null) {
          rss.push({ t: Date.now() - started, kb });
        }
        if (Date.now() - lastReport >= 30_000) {
          lastReport = Date.now();
          log(
            `  ${((Date.now() - started) / 1000).toFixed(0)} s: RSS ${(kb / 1024).toFixed(0)} MiB, ${probes.length} probes, 5xx ${tally.http5xx}`,
          );
        }
      }),
      // Open loop: a probe leaves every PROBE_INTERVAL_MS whether or not the last one has answered, so a stall shows
      // as many slow probes rather than one (coordinated omission); at most MAX_PROBES_IN_FLIGHT wait at a time.
      every(PROBE_INTERVAL_MS, deadline, () => {
        if (probesInFlight.size >= MAX_PROBES_IN_FLIGHT) {
          probesSkipped++;
          return;
        }
        const t = Date.now() - started;
        const p = graphql(url, tally, 'probe', probeQuery).then((r) => {
          probes.push({ t, ms: r.ms, status: r.status });
          probesInFlight.delete(p);
        });
        probesInFlight.add(p);
      }).then(() => Promise.all(probesInFlight)),
      ...Array.from({ length: READERS }, () =>
        every(READ_PAUSE_MS, deadline, async () => {
          const kind = rnd(readKinds);
          await graphql(url, tally, kind, readers[kind]());
        }),
      ),
      every(EDIT_INTERVAL_MS, deadline, edit),
      every(SYNC_INTERVAL_MS, deadline, () => graphql(url, tally, 'sync', 'mutation { sync { notes } }')),
      every(GRAPH_INTERVAL_MS, deadline, () =>
        graphql(url, tally, 'graph', `{ graph(from: ${JSON.stringify(rnd(fnames))}, depth: 2) { nodes { id } edges { kind } } }`),
      ),
    ]);

    const alive = readRssKb(pid) !== null;
    const inWindow = (from, to) => (s) => s.t >= from && s.t < to;
    const startWindow = inWindow(warmupMs, warmupMs + windowMs);
    const endWindow = inWindow(durationMs - windowMs, durationMs + 1);
    const rssStartKb = median(rss.filter(startWindow).map((s) => s.kb));
    const rssEndKb = median(rss.filter(endWindow).map((s) => s.kb));
    const rssMaxKb = Math.max(...rss.map((s) => s.kb));
    const p99Start = percentile(
      probes.filter(startWindow).map((s) => s.ms),
      0.99,
    );
    const p99End = percentile(
      probes.filter(endWindow).map((s) => s.ms),
      0.99,
    );
    const rssGrowth = rssStartKb && rssEndKb ? rssEndKb / rssStartKb - 1 : null;
    const p99Ratio = p99Start && p99End ? p99End / p99Start : null;
    const requests = Object.values(tally.byKind).reduce((n, k) => n + k.requests, 0);
    const failures = [];
    if (!alive) {
      failures.push('the server is gone');
    }
    if (rssGrowth === null || rssGrowth > MAX_RSS_GROWTH) {
      failures.push(`RSS growth ${rssGrowth === null ? 'unknown' : `${(100 * rssGrowth).toFixed(1)} %`} > ${100 * MAX_RSS_GROWTH} %`);
    }
    if (p99Ratio === null || p99Ratio > MAX_P99_RATIO) {
      failures.push(`p99 end/start ${p99Ratio === null ? 'unknown' : p99Ratio.toFixed(2)} > ${MAX_P99_RATIO}`);
    }
    if (tally.http5xx > 0) {
      failures.push(`${tally.http5xx} answers with a 5xx`);
    }
    const summary = {
      minutes,
      notes: values.vault ? null : noteCount,
      syncedMs: Math.round(syncedMs),
      warmupMs,
      windowMs,
      rss: {
        startMiB: rssStartKb && +(rssStartKb / 1024).toFixed(1),
        endMiB: rssEndKb && +(rssEndKb / 1024).toFixed(1),
        maxMiB: +(rssMaxKb / 1024).toFixed(1),
        growthPercent: rssGrowth === null ? null : +(100 * rssGrowth).toFixed(1),
      },
      backlinksP99: {
        probe: targets.probe.fname,
        backlinks: targets.probe.n,
        startMs: p99Start && +p99Start.toFixed(1),
        endMs: p99End && +p99End.toFixed(1),
        ratio: p99Ratio === null ? null : +p99Ratio.toFixed(2),
        samples: probes.length,
        skipped: probesSkipped,
      },
      http5xx: tally.http5xx,
      syncRunning: tally.syncRunning,
      otherErrors: tally.errors,
      requests,
      errorExamples: tally.examples,
      byKind: Object.fromEntries(
        Object.entries(tally.byKind).map(([k, v]) => [
          k,
          { requests: v.requests, errors: v.errors, p50Ms: round(percentile(v.ms, 0.5)), p99Ms: round(percentile(v.ms, 0.99)) },
        ]),
      ),
      edits,
      renamed,
      failures,
      ok: failures.length === 0,
    };
    if (values.json) {
      console.log(JSON.stringify(summary, null, 2));
    } else {
      const mib = (v) => (v === null ? '?' : `${v} MiB`);
      log(
        `RSS: start ${mib(summary.rss.startMiB)}, end ${mib(summary.rss.endMiB)}, max ${mib(summary.rss.maxMiB)}, growth ${summary.rss.growthPercent} % (limit ${100 * MAX_RSS_GROWTH} %)`,
      );
      log(
        `note { backlinks } p99: start ${p99Start?.toFixed(1)} ms, end ${p99End?.toFixed(1)} ms, ratio ${summary.backlinksP99.ratio} (limit ${MAX_P99_RATIO}); ${probes.length} probes (${probesSkipped} skipped: ${MAX_PROBES_IN_FLIGHT} in flight)`,
      );
      log(`requests: ${requests}; edits ${edits} (renames ${renamed}); by kind: requests, errors, p50, p99`);
      for (const [k, v] of Object.entries(summary.byKind)) {
        log(
          `  ${k.padEnd(9)} ${String(v.requests).padStart(6)} ${String(v.errors).padStart(4)} ${String(v.p50Ms).padStart(8)} ms ${String(v.p99Ms).padStart(8)} ms`,
        );
      }
      log(`5xx: ${tally.http5xx}; SYNC_RUNNING: ${tally.syncRunning}; other errors: ${tally.errors}`);
      for (const example of tally.examples) {
        log(`  e.g. ${JSON.stringify(example)}`);
      }
      log(failures.length === 0 ? 'soak: OK' : `soak: FAILED: ${failures.join('; ')}`);
    }
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
