#!/usr/bin/env node
/**
 * Index a vault with Dendron's own engine (`@dendronhq/engine-server` 0.122.0, `DendronEngineV3.init()`) and with
 * vaultgraph, and print every difference in notes, stubs, parents, links and backlinks by file and line.
 *
 *   npm run dendron-compare -- DIR [--json]      DIR: a Dendron workspace (dendron.yml) or a bare folder of .md files
 *
 * Dev only. Dendron's engine is not a dependency of the project: on first use it is installed with npm into
 * `os.tmpdir()/vaultgraph-dendron-0.122.0` (set VAULTGRAPH_DENDRON_CACHE to use another folder) and reused after.
 * It is installed with `--ignore-scripts`: its one native module, `sqlite3`, serves only Dendron's optional SQLite
 * metadata store, which `DendronEngineV3.create` does not use, so it is replaced by a stub that throws if called.
 *
 * Both sides index the same temporary copy of the vault (Dendron writes `.dendron.cache.json` into vault folders);
 * a bare folder becomes a one-vault workspace named after the folder. Ours runs the built code (dist/), syncing
 * into a temporary SQLite database, as `npm run corpus` does. Exit 0 when the two agree, 1 when they differ,
 * 2 when the comparison could not run.
 *
 * How the two are matched (docs/dendron-differences.md, "The comparison harness"):
 * - notes and stubs by vault and fname, case-insensitively (both resolve fnames so); a stub spelt differently is
 *   reported as such;
 * - parents by the parent's fname;
 * - links by source note, line and target fname: Dendron's `wiki` links are our wikilinks, hashtags and user tags
 *   (told apart by how they are written), `ref` our note references, `frontmatterTag` our `fmtag`; our `md` and
 *   `url` links have no Dendron counterpart and are left out;
 * - backlinks: Dendron's `backlink` entries against our links whose target resolved to a note.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const DENDRON_VERSION = '0.122.0';
const CACHE = process.env.VAULTGRAPH_DENDRON_CACHE || path.join(os.tmpdir(), `vaultgraph-dendron-${DENDRON_VERSION}`);

// ---------------------------------------------------------------------------------------------------------------
// Dendron's side (runs in a child process: the engine loads a few hundred modules and logs on its own)

/** Install the engine into the cache folder unless it is there. */
function ensureEngine() {
  const marker = path.join(CACHE, 'node_modules', '@dendronhq', 'engine-server', 'package.json');
  if (fs.existsSync(marker) && require(marker).version === DENDRON_VERSION) {
    return;
  }
  console.error(`dendron-compare: installing @dendronhq/engine-server@${DENDRON_VERSION} into ${CACHE} (once)…`);
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(path.join(CACHE, 'package.json'), JSON.stringify({ name: 'vaultgraph-dendron-cache', private: true }));
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `@dendronhq/engine-server@${DENDRON_VERSION}`],
    { cwd: CACHE, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/**
 * Child process: init the engine on a workspace and write what it built as JSON.
 * @param {string} wsRoot
 * @param {string} outFile
 */
async function dumpDendron(wsRoot, outFile) {
  const Module = require('node:module');
  /** @type {(request: string, ...rest: unknown[]) => unknown} */
  const load = /** @type {any} */ (Module)._load;
  /** @type {any} */ (Module)._load = function (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
    if (request === 'sqlite3') {
      return {
        verbose() {
          return this;
        },
        Database: class {
          constructor() {
            throw new Error('sqlite3 is not installed (dendron-compare uses the in-memory metadata store)');
          }
        },
      };
    }
    return load.call(this, request, ...rest);
  };
  const req = (/** @type {string} */ name) => require(path.join(CACHE, 'node_modules', name));
  const common = req('@dendronhq/common-all');
  const server = req('@dendronhq/common-server');
  const engineServer = req('@dendronhq/engine-server');
  // An empty home folder: no user-level dendronrc overrides.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-dendron-home-'));
  common.ConfigService.instance({ homeDir: common.URI.file(home), fileStore: new engineServer.NodeJSFileStore() });
  const logger = server.createLogger('dendron-compare', undefined, { lvl: 'error' });
  const engine = await engineServer.DendronEngineV3.create({ wsRoot, logger });
  const started = Date.now();
  const result = await engine.init();
  const ms = Date.now() - started;
  /** @type {Record<string, any>} */
  const notes = result.data.notes;
  const byId = new Map(Object.values(notes).map((n) => [n.id, n]));
  // Dendron's positions count from the body's first line; ours from the file's.
  const bodyOffset = (/** @type {any} */ n) => {
    if (n.stub) {
      return 0;
    }
    const text = fs.readFileSync(path.join(wsRoot, n.vault.fsPath, `${n.fname}.md`), 'utf8');
    const lines = text.split(/\r?\n/);
    if (lines[0] !== '---') {
      return 0;
    }
    const close = lines.indexOf('---', 1);
    return close < 0 ? 0 : close + 1;
  };
  const offsets = new Map(Object.values(notes).map((n) => [n.id, bodyOffset(n)]));
  const out = Object.values(notes).map((n) => ({
    fname: n.fname,
    vault: n.vault.name ?? path.basename(n.vault.fsPath),
    stub: Boolean(n.stub),
    file: n.stub ? null : path.join(n.vault.fsPath, `${n.fname}.md`),
    parent: n.parent ? (byId.get(n.parent)?.fname ?? `?${n.parent}`) : null,
    links: (n.links ?? []).map((/** @type {any} */ l) => ({
      type: l.type,
      from: l.from?.fname ?? null,
      to: l.to?.fname ?? null,
      // A backlink's position is in the source note's file.
      line: l.position?.start?.line === undefined ? null : l.position.start.line + offsets.get(l.type === 'backlink' ? l.from?.id : n.id),
      value: l.value ?? null,
      alias: l.alias ?? null,
    })),
  }));
  fs.rmSync(home, { recursive: true, force: true });
  fs.writeFileSync(outFile, JSON.stringify({ ms, error: result.error ? String(result.error.message ?? result.error) : null, notes: out }));
}

// ---------------------------------------------------------------------------------------------------------------
// Our side

/**
 * @param {string} workspace
 * @param {string} tmp
 */
function indexOurs(workspace, tmp) {
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'sync', 'vault-sync.js'))) {
    throw new Error('dist/ is missing; build first (npx tsc -p tsconfig.build.json)');
  }
  const dbFile = path.join(tmp, 'vaultgraph.db');
  require(path.join(dist, 'db', 'migrate.js')).migrateDatabase(dbFile);
  const db = require(path.join(dist, 'db', 'sqlite.js')).openSqlite(dbFile);
  try {
    const { VaultSync } = require(path.join(dist, 'sync', 'vault-sync.js'));
    const started = Date.now();
    new VaultSync(db, { maxFileBytes: 64 * 1024 * 1024, timeZone: 'UTC' }).sync(workspace);
    const ms = Date.now() - started;
    const notes = db
      .prepare(
        `SELECT n.fname, v.name AS vault, v.root, n.stub, n.path, p.fname AS parent FROM Note n JOIN Vault v ON v.id = n.vaultId
         LEFT JOIN Note p ON p.id = n.parentId`,
      )
      .all();
    const links = db
      .prepare(
        `SELECT s.fname AS "from", v.name AS vault, l.kind, l.targetFname AS "to", l.line, t.fname AS target, tv.name AS targetVault
         FROM Link l JOIN Note s ON s.id = l.sourceId JOIN Vault v ON v.id = s.vaultId
         LEFT JOIN Note t ON t.id = l.targetId LEFT JOIN Vault tv ON tv.id = t.vaultId`,
      )
      .all();
    return { ms, notes, links };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison

const key = (/** @type {string} */ s) => s.toLowerCase();

/**
 * Multiset difference of two lists of keyed items: the items of `a` not matched in `b`.
 * @template T
 * @param {T[]} a
 * @param {T[]} b
 * @param {(x: T) => string} k
 */
function minus(a, b, k) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const x of b) {
    counts.set(k(x), (counts.get(k(x)) ?? 0) + 1);
  }
  return a.filter((x) => {
    const n = counts.get(k(x)) ?? 0;
    if (n > 0) {
      counts.set(k(x), n - 1);
      return false;
    }
    return true;
  });
}

/**
 * @param {{ notes: any[] }} dendron
 * @param {{ notes: any[], links: any[] }} ours
 */
function compare(dendron, ours) {
  /** @type {{ kind: string, where: string, dendron: string, ours: string }[]} */
  const diffs = [];
  const noteKey = (/** @type {{ vault: string, fname: string }} */ n) => `${n.vault}\u0000${key(n.fname)}`;
  const fileOf = (/** @type {any} */ n) => (n.stub ? `(stub) ${n.fname}` : `${n.fname}.md`);
  /** Notes by key; a second note with the same key (fnames that differ only in case) is a difference of its own. */
  const byKey = (/** @type {any[]} */ list, /** @type {'dendron' | 'ours'} */ side) => {
    /** @type {Map<string, any>} */
    const map = new Map();
    for (const n of list) {
      const first = map.get(noteKey(n));
      if (first) {
        diffs.push({
          kind: 'same fname',
          where: fileOf(n),
          dendron: side === 'dendron' ? `also ${fileOf(first)}` : '-',
          ours: side === 'ours' ? `also ${fileOf(first)}` : '-',
        });
      } else {
        map.set(noteKey(n), n);
      }
    }
    return map;
  };
  const dNotes = byKey(dendron.notes, 'dendron');
  const oNotes = byKey(ours.notes, 'ours');

  for (const [k, d] of dNotes) {
    const o = oNotes.get(k);
    if (!o) {
      diffs.push({ kind: d.stub ? 'stub' : 'note', where: fileOf(d), dendron: d.stub ? 'stub' : 'note', ours: 'missing' });
      continue;
    }
    if (Boolean(o.stub) !== d.stub) {
      diffs.push({ kind: 'stub', where: d.fname, dendron: d.stub ? 'stub' : 'note', ours: o.stub ? 'stub' : 'note' });
    } else if (d.stub && o.fname !== d.fname) {
      diffs.push({ kind: 'stub spelling', where: d.fname, dendron: d.fname, ours: o.fname });
    }
    if ((d.parent === null ? null : key(d.parent)) !== (o.parent === null ? null : key(o.parent))) {
      diffs.push({ kind: 'parent', where: fileOf(d), dendron: String(d.parent), ours: String(o.parent) });
    }
  }
  for (const [k, o] of oNotes) {
    if (!dNotes.has(k)) {
      diffs.push({ kind: o.stub ? 'stub' : 'note', where: fileOf(o), dendron: 'missing', ours: o.stub ? 'stub' : 'note' });
    }
  }

  // Links. Dendron's `wiki` covers wikilinks, hashtags and user tags; line numbers count from the file's first line.
  // Dendron writes a hashtag as a wiki link to `tags.x` with the alias `#x` (a user tag: `user.x`, `@x`).
  /** @param {string} type @param {string | null} to @param {string | null} alias */
  const dKind = (type, to, alias) => {
    if (type === 'ref') {
      return 'ref';
    }
    if (type === 'frontmatterTag') {
      return 'fmtag';
    }
    if (alias !== null && to !== null && alias.startsWith('#') && to === `tags.${alias.slice(1)}`) {
      return 'hashtag';
    }
    if (alias !== null && to !== null && alias.startsWith('@') && to === `user.${alias.slice(1)}`) {
      return 'usertag';
    }
    return 'wiki';
  };
  const linkKey = (/** @type {any} */ l) => `${l.vault}\u0000${key(l.from)}\u0000${l.line}\u0000${l.kind}\u0000${key(l.to ?? '')}`;
  const dLinks = [];
  const dBacklinks = [];
  for (const n of dendron.notes) {
    for (const l of n.links) {
      if (l.type === 'backlink') {
        dBacklinks.push({ vault: n.vault, from: l.from, line: l.line, to: n.fname });
      } else if (l.type !== 'md') {
        dLinks.push({ vault: n.vault, from: n.fname, line: l.line, kind: dKind(l.type, l.to, l.alias), to: l.to });
      }
    }
  }
  const oLinks = ours.links
    .filter((l) => l.kind !== 'md' && l.kind !== 'url')
    // Dendron gives frontmatter tags no position.
    .map((l) => ({ vault: l.vault, from: l.from, line: l.kind === 'fmtag' ? null : l.line, kind: l.kind, to: l.to }));
  // Same-note links (`[[#h]]`) have no target fname here and `from` as Dendron's target.
  for (const l of oLinks) {
    if (l.to === null) {
      l.to = l.from;
    }
  }
  for (const l of minus(dLinks, oLinks, linkKey)) {
    diffs.push({ kind: `link ${l.kind}`, where: `${l.from}.md:${l.line}`, dendron: l.to, ours: '-' });
  }
  for (const l of minus(oLinks, dLinks, linkKey)) {
    diffs.push({ kind: `link ${l.kind}`, where: `${l.from}.md:${l.line}`, dendron: '-', ours: l.to });
  }
  const oBacklinks = ours.links
    .filter((l) => l.target !== null && l.kind !== 'md' && l.kind !== 'url')
    .map((l) => ({ vault: l.targetVault, from: l.from, line: l.kind === 'fmtag' ? null : l.line, to: l.target }));
  const blKey = (/** @type {any} */ b) => `${key(b.from)}\u0000${b.line}\u0000${key(b.to)}`;
  for (const b of minus(dBacklinks, oBacklinks, blKey)) {
    diffs.push({ kind: 'backlink', where: `${b.from}.md:${b.line}`, dendron: `-> ${b.to}`, ours: '-' });
  }
  for (const b of minus(oBacklinks, dBacklinks, blKey)) {
    diffs.push({ kind: 'backlink', where: `${b.from}.md:${b.line}`, dendron: '-', ours: `-> ${b.to}` });
  }

  /** @type {Record<string, { dendron: number, ours: number }>} */
  const counts = {};
  const bump = (/** @type {string} */ k, /** @type {'dendron' | 'ours'} */ side) => {
    counts[k] ??= { dendron: 0, ours: 0 };
    counts[k][side]++;
  };
  for (const n of dendron.notes) {
    bump(n.stub ? 'stubs' : 'notes', 'dendron');
  }
  for (const n of ours.notes) {
    bump(n.stub ? 'stubs' : 'notes', 'ours');
  }
  for (const l of dLinks) {
    bump(l.kind, 'dendron');
  }
  for (const l of oLinks) {
    bump(l.kind, 'ours');
  }
  counts.backlinks = { dendron: dBacklinks.length, ours: oBacklinks.length };
  diffs.sort((a, b) => a.where.localeCompare(b.where, 'en', { numeric: true }) || a.kind.localeCompare(b.kind));
  return { diffs, counts };
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * A writable copy of the vault as a workspace both sides can read: a dendron.yml workspace as it is, a bare folder
 * as the one vault of a new workspace. Dendron's cache files are left behind.
 * @param {string} source
 * @param {string} tmp
 */
function prepareWorkspace(source, tmp) {
  const ws = path.join(tmp, 'ws');
  const skip = (/** @type {string} */ name) => name === '.git' || name === 'node_modules' || name === '.dendron.cache.json';
  const copy = (/** @type {string} */ from, /** @type {string} */ to) => {
    fs.mkdirSync(to, { recursive: true, mode: 0o755 });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      if (skip(entry.name)) {
        continue;
      }
      const src = path.join(from, entry.name);
      const dest = path.join(to, entry.name);
      if (entry.isDirectory()) {
        copy(src, dest);
      } else if (entry.isFile()) {
        fs.copyFileSync(src, dest);
        fs.chmodSync(dest, 0o644);
      }
    }
  };
  if (fs.existsSync(path.join(source, 'dendron.yml'))) {
    copy(source, ws);
  } else {
    const name = path.basename(source);
    copy(source, path.join(ws, name));
    fs.writeFileSync(
      path.join(ws, 'dendron.yml'),
      `version: 5\nworkspace:\n  vaults:\n    - fsPath: ${JSON.stringify(name)}\n      name: ${JSON.stringify(name)}\n`,
    );
  }
  return ws;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--dendron-dump') {
    await dumpDendron(args[1], args[2]);
    process.exit(0); // the engine may leave timers behind
  }
  const json = args.includes('--json');
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: npm run dendron-compare -- DIR [--json]');
    return 2;
  }
  const source = path.resolve(dir);
  if (!fs.existsSync(source)) {
    console.error(`dendron-compare: ${source} does not exist`);
    return 2;
  }
  ensureEngine();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-compare-'));
  try {
    const ws = prepareWorkspace(source, tmp);
    const dumpFile = path.join(tmp, 'dendron.json');
    execFileSync(
      process.execPath,
      ['--max-old-space-size=4096', path.join(__dirname, 'dendron-compare.js'), '--dendron-dump', ws, dumpFile],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const dendron = JSON.parse(fs.readFileSync(dumpFile, 'utf8'));
    const ours = indexOurs(ws, tmp);
    const { diffs, counts } = compare(dendron, ours);
    if (json) {
      console.log(JSON.stringify({ counts, diffs, dendronMs: dendron.ms, oursMs: ours.ms }, null, 2));
      return diffs.length === 0 ? 0 : 1;
    }
    console.log(`dendron-compare: ${source}`);
    console.log(
      `  Dendron ${DENDRON_VERSION} engine init ${dendron.ms} ms${dendron.error ? ` (reported: ${dendron.error.split('\n')[0]})` : ''}; vaultgraph sync ${ours.ms} ms\n`,
    );
    console.log(`  ${'count'.padEnd(10)} ${'Dendron'.padStart(8)} ${'ours'.padStart(8)}`);
    for (const [k, c] of Object.entries(counts)) {
      console.log(`  ${k.padEnd(10)} ${String(c.dendron).padStart(8)} ${String(c.ours).padStart(8)}${c.dendron === c.ours ? '' : '  *'}`);
    }
    console.log(`\n${diffs.length} difference(s)${diffs.length ? ':' : ''}`);
    for (const d of diffs) {
      console.log(`  ${d.kind.padEnd(13)} ${d.where}  Dendron: ${d.dendron}  ours: ${d.ours}`);
    }
    return diffs.length === 0 ? 0 : 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`dendron-compare: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
