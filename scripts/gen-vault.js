#!/usr/bin/env node
/**
 * Seeded, deterministic generator of synthetic Dendron vaults, for benchmarks (scripts/bench.js) and load tests.
 * The same arguments always write the same bytes.
 *
 *   node scripts/gen-vault.js --out DIR --notes N [--seed S] [--depth D] [--links L] [--tags T] [--refs R]
 *                             [--milestones M] [--body-kb K] [--quiet]
 *
 *   --out DIR         folder to write (created; must be empty or absent)
 *   --notes N         number of note files, root.md included
 *   --seed S          PRNG seed, any string (default "vaultgraph")
 *   --depth D         deepest hierarchy level of an fname, `a.b.c` is 3 (default 5)
 *   --links L         average wikilinks `[[…]]` per note in prose, about 10% of them to missing notes (default 17.5)
 *   --tags T          average `#hashtags` plus `@user` tags per note (default 3; two thirds hashtags)
 *   --refs R          average note references `![[…]]` per note (default 1)
 *   --milestones M    fraction of notes (0..1) with a study-plan checklist `- [ ] 1/4(sat): 2` (default 0.03)
 *   --body-kb K       average body size in KiB; sizes vary log-normally around it (default 5.5)
 *
 * With the defaults, 10,000 notes are about 55 MiB of Markdown holding about 190k `[[…]]` (prose links,
 * refs and the fake links inside code blocks). A JSON summary goes to stdout.
 *
 * From another script: `const { generateVault } = require('./gen-vault'); const stats = generateVault({ out, notes })`.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

const DEFAULTS = {
  seed: 'vaultgraph',
  depth: 5,
  links: 17.5,
  tags: 3,
  refs: 1,
  milestones: 0.03,
  bodyKb: 5.5,
};

const LOREM = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna ' +
  'aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute ' +
  'irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non ' +
  'proident sunt culpa qui officia deserunt mollit anim id est laborum the a of to and with for on by from as is are ' +
  'traffic proxy request route policy service cluster workload identity certificate config mesh control plane data ' +
  'retry timeout gateway ingress egress sidecar endpoint listener filter upstream downstream header weight subset'
).split(' ');

const TECH = [
  'xDS',
  'ServiceEntry',
  'VirtualService',
  'DestinationRule',
  'PeerAuthentication',
  'AuthorizationPolicy',
  'Envoy',
  'istiod',
  'Pilot',
  'mTLS',
  'SPIFFE',
  'iptables',
  'Kubernetes',
  'gRPC',
  'HTTP/2',
  'CNI',
  'Sidecar',
  'EnvoyFilter',
  'WorkloadEntry',
  'Telemetry',
  'Prometheus',
  'Grafana',
  'Jaeger',
  'Kiali',
  'LDS',
  'RDS',
  'CDS',
  'EDS',
  'SDS',
  'ambient',
  'ztunnel',
  'waypoint',
  'kubectl',
  'istioctl',
  'Helm',
  'CRD',
  'webhook',
  'TLS',
  'JWT',
  'OIDC',
];

const CODE_LINES = [
  'kubectl get pods -n istio-system',
  'istioctl proxy-config routes deploy/web -o json',
  'istioctl analyze --all-namespaces',
  'apiVersion: networking.istio.io/v1beta1',
  'kind: ServiceEntry',
  'spec:',
  '  hosts: ["api.example.com"]',
  '  resolution: DNS',
  'curl -s http://localhost:15000/config_dump | jq .',
  'const route = table.match(request.header("x-user"));',
  'if (retries > 3) { throw new Error("upstream reset"); }',
  'helm install istio-base istio/base -n istio-system',
];

const SEGMENTS = [
  ...new Set(
    [...LOREM, ...TECH.map((t) => t.toLowerCase().replace(/[^a-z0-9]/g, ''))].filter((w) => w.length > 2 && /^[a-z][a-z0-9]*$/.test(w)),
  ),
  'overview',
  'setup',
  'install',
  'security',
  'observability',
  'routing',
  'resilience',
  'chapter',
  'lab',
  'quiz',
  'notes',
  'daily',
  'journal',
  'project',
  'course',
  'book',
  'paper',
  'talk',
  'meeting',
  'ref',
];

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent'];
const TAG_ROOTS = ['istio', 'k8s', 'mesh', 'security', 'networking', 'todo', 'idea', 'review', 'exam', 'lab', 'reading', 'ops'];
const TAG_LEAVES = ['basics', 'advanced', 'mtls', 'routing', 'ingress', 'egress', 'telemetry', 'perf', 'debug', 'later'];
const WEEKDAY = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 86_400_000;
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** xmur3 string hash -> 32-bit seed, then mulberry32: small, fast and the same on every platform. */
function createRandom(seed) {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  let a = (h ^= h >>> 16) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  /** A count with the given mean: Poisson for small means, rounded normal for large ones. */
  const count = (mean) => {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    }
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = next(); p > limit; p *= next()) {
      k++;
    }
    return k;
  };
  const normal = () => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return { next, int, pick, count, normal };
}

const depthOf = (fname) => fname.split('.').length;
const parentOf = (fname) => {
  const dot = fname.lastIndexOf('.');
  return dot < 0 ? null : fname.slice(0, dot);
};
const titleCase = (words) => words.map((w) => (/^[a-z]/.test(w) ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
/** github-slugger's rule for the plain ASCII headings generated here. */
const slug = (heading) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');

/** The hierarchy: fnames in creation order, with some missing parents (which become stubs). */
function planHierarchy(rnd, n, maxDepth) {
  const fnames = ['root'];
  const taken = new Set(fnames);
  const children = new Map();
  const unique = (base) => {
    let name = base;
    for (let k = 2; taken.has(name); k++) {
      name = `${base}-${k}`;
    }
    taken.add(name);
    return name;
  };
  const add = (name) => {
    fnames.push(name);
    const parent = parentOf(name);
    if (parent !== null) {
      const list = children.get(parent) ?? [];
      list.push(name);
      children.set(parent, list);
    }
  };
  for (let i = 1; i < n; i++) {
    const r = rnd.next();
    if (fnames.length === 1 || r < 0.08 || maxDepth === 1) {
      add(unique(rnd.pick(SEGMENTS)));
      continue;
    }
    const base = fnames[1 + rnd.int(fnames.length - 1)];
    const d = depthOf(base);
    if (r < 0.14 && d + 2 <= maxDepth) {
      // A grandchild whose parent has no file: Dendron shows the parent as a stub.
      add(unique(`${base}.${rnd.pick(SEGMENTS)}.${rnd.pick(SEGMENTS)}`));
    } else if (d < maxDepth) {
      add(unique(`${base}.${rnd.pick(SEGMENTS)}`));
    } else {
      add(unique(`${parentOf(base)}.${rnd.pick(SEGMENTS)}`));
    }
  }
  return { fnames, children, taken };
}

/** Every ancestor of a file, so "missing" link targets are neither files nor stubs. */
function allPrefixes(fnames) {
  const known = new Set();
  for (const f of fnames) {
    for (let p = f; p !== null && !known.has(p); p = parentOf(p)) {
      known.add(p);
    }
  }
  return known;
}

function randomId(rnd, used) {
  for (;;) {
    let id = '';
    for (let i = 0; i < 23; i++) {
      id += ID_CHARS[rnd.int(ID_CHARS.length)];
    }
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

/** Plain words (no markup), for titles, headings, aliases and prose. */
function words(rnd, n) {
  const list = [];
  for (let i = 0; i < n; i++) {
    list.push(rnd.next() < 0.12 ? rnd.pick(TECH) : rnd.pick(LOREM));
  }
  return list;
}

/** A sentence as a word list, now and then with an inline code span. */
function sentence(rnd) {
  const n = 8 + rnd.int(14);
  const list = words(rnd, n);
  if (rnd.next() < 0.06) {
    list.splice(1 + rnd.int(n - 1), 0, '`' + rnd.pick(CODE_LINES).split(' ').slice(0, 3).join(' ') + '`');
  }
  list[0] = list[0][0].toUpperCase() + list[0].slice(1);
  return list;
}

function plan(rnd, created, chapters) {
  const lines = ['## Milestone', ''];
  let day = created + DAY_MS * (1 + rnd.int(3));
  if (new Date(day).getUTCFullYear() !== new Date(created).getUTCFullYear()) {
    day = created; // a yearless date takes the created year: the plan may run into the next year, not start there
  }
  const doneUpTo = rnd.int(chapters + 1);
  for (let c = 1; c <= chapters; c++) {
    const d = new Date(day);
    const done = c <= doneUpTo ? 'x' : ' ';
    lines.push(`- [${done}] ${d.getUTCMonth() + 1}/${d.getUTCDate()}(${WEEKDAY[d.getUTCDay()]}): ${c + 1}`);
    day += DAY_MS * (rnd.next() < 0.75 ? 1 : 2);
  }
  return lines;
}

/**
 * Write a vault. Returns what was written: counts of files, bytes, links of each kind, expected stubs.
 * @param {{ out: string, notes: number, seed?: string, depth?: number, links?: number, tags?: number,
 *           refs?: number, milestones?: number, bodyKb?: number }} options
 */
function generateVault(options) {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  if (!Number.isInteger(o.notes) || o.notes < 1) {
    throw new Error('notes must be a positive integer');
  }
  if (!Number.isInteger(o.depth) || o.depth < 1) {
    throw new Error('depth must be a positive integer');
  }
  for (const key of ['links', 'tags', 'refs', 'milestones', 'bodyKb']) {
    if (!Number.isFinite(o[key]) || o[key] < 0) {
      throw new Error(`${key} must be a number >= 0`);
    }
  }
  const out = path.resolve(o.out);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    throw new Error(`${out} is not empty`);
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, 'dendron.yml'),
    ['version: 5', 'workspace:', '  vaults:', '    - fsPath: .', '      name: bench', ''].join('\n'),
  );

  const rnd = createRandom(String(o.seed));
  const { fnames, children, taken } = planHierarchy(rnd, o.notes, o.depth);
  const known = allPrefixes(fnames);
  const stubs = known.size - fnames.length;
  const headings = new Map(); // fname -> headings, filled as bodies are written; anchors use the ones known so far
  const ids = new Set(['root']);
  const bodyBytes = o.bodyKb * 1024;
  const stats = {
    notes: 0,
    stubs,
    bytes: 0,
    wikilinks: 0,
    missingLinks: 0,
    refs: 0,
    codeLinks: 0,
    hashtags: 0,
    usertags: 0,
    milestones: 0,
  };

  const hub = () => fnames[Math.floor(rnd.next() ** 4 * fnames.length)];
  const missing = (near) => {
    for (;;) {
      const name = `${rnd.next() < 0.5 ? near + '.' : ''}${rnd.pick(SEGMENTS)}-${rnd.pick(SEGMENTS)}`;
      if (!known.has(name)) {
        return name;
      }
    }
  };
  const target = (self) => {
    const r = rnd.next();
    let t;
    if (r < 0.25) {
      const near = [parentOf(self), ...(children.get(self) ?? []), ...(children.get(parentOf(self) ?? '') ?? [])].filter(
        (f) => f !== null && taken.has(f),
      );
      t = near.length > 0 ? rnd.pick(near) : hub();
    } else if (r < 0.5) {
      t = hub();
    } else {
      t = rnd.pick(fnames);
    }
    return t === self ? 'root' : t;
  };
  const wikilink = (self) => {
    stats.wikilinks++;
    if (rnd.next() < 0.1) {
      stats.missingLinks++;
      return `[[${missing(self)}]]`;
    }
    const t = target(self);
    const r = rnd.next();
    const hs = headings.get(t);
    const anchor = r >= 0.85 && hs && hs.length > 0 ? `#${slug(rnd.pick(hs))}` : '';
    const alias = (r >= 0.7 && r < 0.85) || r >= 0.95 ? `${titleCase(words(rnd, 1 + rnd.int(3)))}|` : '';
    return `[[${alias}${t}${anchor}]]`;
  };
  const hashtag = () => {
    stats.hashtags++;
    return rnd.next() < 0.4 ? `#${rnd.pick(TAG_ROOTS)}.${rnd.pick(TAG_LEAVES)}` : `#${rnd.pick(TAG_ROOTS)}`;
  };
  const usertag = () => {
    stats.usertags++;
    return `@${rnd.pick(USERS)}`;
  };

  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2025, 5, 30) - start;
  for (let i = 0; i < fnames.length; i++) {
    const fname = fnames[i];
    const isRoot = fname === 'root';
    // Midday UTC, so the created date (and so the year of plan dates) is the same in every zone from -11 to +11.
    const created = start + rnd.int(span / DAY_MS) * DAY_MS + (9 + rnd.int(6)) * 3_600_000 + rnd.int(3_600_000);
    const updated = created + rnd.int(200 * DAY_MS);
    const lastWords = fname.split('.').pop().split('-');
    const title = isRoot ? 'Root' : rnd.next() < 0.8 ? titleCase(lastWords) : titleCase(words(rnd, 2 + rnd.int(4)));
    const desc = rnd.next() < 0.4 ? words(rnd, 6).join(' ') : '';
    const fm = ['---', `id: ${isRoot ? 'root' : randomId(rnd, ids)}`, `title: ${title}`, `desc: '${desc}'`, `updated: ${updated}`];
    fm.push(`created: ${created}`);
    if (rnd.next() < 0.03) {
      fm.push(`tags: [${rnd.pick(TAG_ROOTS)}, ${rnd.pick(TAG_LEAVES)}]`);
    }
    fm.push('---', '');

    // Log-normal size around the mean (sigma 0.6), clipped so no note is absurdly large.
    const scale = Math.min(8, Math.max(0.1, Math.exp(0.6 * rnd.normal() - 0.18)));
    const budget = bodyBytes * scale;
    const nLinks = rnd.count(o.links * scale);
    const nTags = rnd.count(o.tags * scale);
    const nRefs = rnd.count(o.refs * scale);

    // Links, tags, refs and code first, so the prose can fill the rest of the size budget.
    const inline = [];
    for (let k = 0; k < nLinks; k++) {
      inline.push(wikilink(fname));
    }
    for (let k = 0; k < nTags; k++) {
      inline.push(rnd.next() < 2 / 3 ? hashtag() : usertag());
    }
    if (rnd.next() < 0.6) {
      const url = `https://istio.io/latest/docs/${rnd.pick(SEGMENTS)}/${rnd.pick(SEGMENTS)}/`;
      inline.push(rnd.next() < 0.5 ? url : `[the ${rnd.pick(TECH)} docs](${url})`);
    }
    const extra = []; // blocks dropped between the others at the end
    for (let k = 0; k < nRefs; k++) {
      stats.refs++;
      const t = target(fname);
      const hs = headings.get(t);
      const anchor = hs && hs.length > 0 && rnd.next() < 0.3 ? `#${slug(rnd.pick(hs))}` : '';
      extra.push([`![[${t}${anchor}]]`]);
    }
    if (rnd.next() < 0.2) {
      const lines = ['```' + (rnd.next() < 0.5 ? 'yaml' : 'sh')];
      for (let k = 2 + rnd.int(6); k > 0; k--) {
        lines.push(rnd.pick(CODE_LINES));
      }
      const fake = 1 + rnd.int(3);
      for (let k = 0; k < fake; k++) {
        lines.push(`# not a link: [[${rnd.pick(fnames)}]] or #${rnd.pick(TAG_ROOTS)}`);
      }
      stats.codeLinks += fake;
      lines.push('```');
      extra.push(lines);
    }

    // Blocks: { lines } or { sentences } (word arrays, so the inline tokens can go into random places).
    const blocks = [];
    const paragraphs = [];
    let size = inline.reduce((n, t) => n + t.length + 1, 0);
    const addLines = (lines) => {
      blocks.push({ lines });
      size += lines.reduce((n, l) => n + l.length + 1, 1);
    };
    const addParagraph = () => {
      const p = { sentences: [] };
      for (let k = 1 + rnd.int(4); k > 0 && (p.sentences.length === 0 || size < budget); k--) {
        const s = sentence(rnd);
        p.sentences.push(s);
        size += s.reduce((n, w) => n + w.length + 1, 1);
      }
      blocks.push(p);
      paragraphs.push(p);
    };
    for (const lines of extra) {
      size += lines.reduce((n, l) => n + l.length + 1, 1);
    }
    const own = [];
    addLines([`# ${title}`]);
    addParagraph();
    if (!isRoot && rnd.next() < o.milestones) {
      const lines = plan(rnd, created, 4 + rnd.int(12));
      stats.milestones += lines.length - 2;
      own.push('Milestone');
      addLines(lines);
    }
    let chapter = 1 + rnd.int(3);
    const numbered = rnd.next() < 0.4;
    while (size < budget) {
      const heading = `${numbered ? `${String(chapter++).padStart(2, '0')}. ` : ''}${titleCase(words(rnd, 2 + rnd.int(3)))}`;
      own.push(heading);
      addLines([`## ${heading}`]);
      for (let k = 1 + rnd.int(3); k > 0 && size < budget; k--) {
        const r = rnd.next();
        if (r < 0.15) {
          const sub = titleCase(words(rnd, 2 + rnd.int(2)));
          own.push(sub);
          addLines([`### ${sub}`]);
        } else if (r < 0.3) {
          addLines(Array.from({ length: 2 + rnd.int(4) }, () => `- ${sentence(rnd).slice(0, 6).join(' ')}`));
        }
        addParagraph();
      }
    }
    for (const token of inline) {
      const s = rnd.pick(rnd.pick(paragraphs).sentences);
      s.splice(1 + rnd.int(s.length), 0, token);
    }
    for (const lines of extra) {
      blocks.splice(1 + rnd.int(blocks.length), 0, { lines });
    }
    headings.set(fname, own);

    const body = [];
    for (const b of blocks) {
      if (b.lines) {
        body.push(b.lines.join('\n'));
      } else {
        body.push(b.sentences.map((s) => s.join(' ') + '.').join(' '));
      }
    }
    const text = fm.join('\n') + body.join('\n\n') + '\n';
    fs.writeFileSync(path.join(out, `${fname}.md`), text);
    stats.notes++;
    stats.bytes += Buffer.byteLength(text);
  }
  return { out, ...stats };
}

/** Command-line options (node:util's parseArgs) as generateVault's options, numbers as numbers. */
function parseArgs(argv) {
  const counts = ['notes', 'depth', 'links', 'tags', 'refs', 'milestones', 'body-kb'];
  const { values } = util.parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...Object.fromEntries(counts.map((name) => [name, { type: 'string' }])),
    },
  });
  const number = (v) => (v === undefined ? undefined : Number(v));
  const { out, seed, quiet, help, 'body-kb': bodyKb, ...rest } = values;
  return { out, seed, quiet, help, bodyKb: number(bodyKb), ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, number(v)])) };
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`gen-vault: ${err.message}`);
    return 2;
  }
  if (opts.help || !opts.out || opts.notes === undefined) {
    const usage = 'usage: node scripts/gen-vault.js --out DIR --notes N [--seed S] [--depth D] [--links L] [--tags T]';
    console.error(`${usage} [--refs R] [--milestones M] [--body-kb K] [--quiet]`);
    return opts.help ? 0 : 2;
  }
  const { quiet, help: _help, ...options } = opts;
  try {
    const t0 = Date.now();
    const stats = generateVault(options);
    if (!quiet) {
      console.log(JSON.stringify({ ...stats, mib: +(stats.bytes / 2 ** 20).toFixed(1), ms: Date.now() - t0 }, null, 2));
    }
    return 0;
  } catch (err) {
    console.error(`gen-vault: ${err.message}`);
    return 2;
  }
}

module.exports = { generateVault, DEFAULTS };

if (require.main === module) {
  process.exitCode = main();
}
