import { readFileSync } from 'fs';
import path from 'path';
import { parseNote } from '../../src/vault/parse-note';
import {
  buildConceptMatcher,
  extractConceptCandidates,
  findMentions,
  nameWordForms,
  normalizeConceptName,
} from '../../src/vault/parse/concepts';
import type { ConceptCandidate, ConceptNames } from '../../src/vault/parse/concepts';
import { createMarkdown } from '../../src/vault/parse/dendron-syntax';

const md = createMarkdown();

/** A body-only snippet: its first line is file line 1, and it has no sections. */
function snippet(text: string) {
  return { tokens: md.parse(text, {}), fileLines: text.split('\n') };
}

function candidatesOf(text: string): ConceptCandidate[] {
  const { tokens, fileLines } = snippet(text);
  return extractConceptCandidates(tokens, 1, fileLines.length, []);
}

const names = (list: ConceptCandidate[], kind: ConceptCandidate['kind']) => list.filter((c) => c.kind === kind).map((c) => c.name);

function mentionsOf(text: string, concepts: ConceptNames[]) {
  const { tokens, fileLines } = snippet(text);
  return findMentions(buildConceptMatcher(concepts), tokens, 1, fileLines.length, []);
}

describe('on the lfs144 seed note', () => {
  const text = readFileSync(path.join(__dirname, '../../seeds/lfs144.md'), 'utf8');
  const doc = parseNote({ file: 'lfs144.md', fname: 'lfs144', text });
  const fileLines = text.split(/\r?\n/);
  const tokens = md.parse(doc.body, {});
  const lineOf = (start: string) => fileLines.findIndex((l) => l.startsWith(start)) + 1;
  const overview = doc.sections.findIndex((s) => s.heading === '02. Overview');
  const inOverview = (section: number | null): boolean =>
    section !== null && (section === overview || inOverview(doc.sections[section].parent));

  const candidates = extractConceptCandidates(tokens, doc.bodyLine, fileLines.length, doc.sections);
  const find = (name: string, kind: ConceptCandidate['kind']) => candidates.find((c) => c.name === name && c.kind === kind);

  it('starts the body at line 8', () => {
    expect(doc.bodyLine).toBe(8);
  });

  it('finds defined terms, without dates, task boxes or line labels', () => {
    const defined = names(candidates, 'defined');
    for (const term of ['iptables', 'edge gateway', 'global', 'mesh configuration', 'component configuration', 'helm']) {
      expect(defined).toContain(term);
    }
    // `configuring:` is a verb form, `handson:` labels a bare URL (issue 12); `identity(security):` has the shape of a
    // commit message's type and scope, which a changelog repeats (`feature(pods): …`).
    for (const label of ['configuring', 'handson', 'identity']) {
      expect(defined).not.toContain(label);
    }
    expect(defined.filter((t) => t.includes('/') || /^\d/.test(t) || t.includes('['))).toEqual([]);
    expect(find('iptables', 'defined')).toMatchObject({ line: lineOf('iptables:'), url: null });
    expect(find('edge gateway', 'defined')?.line).toBe(lineOf('edge gateway:'));
  });

  it('keeps link labels with their URL and drops generic ones', () => {
    expect(find('SPIFFE', 'link-label')).toMatchObject({ url: 'https://spiffe.io/', line: lineOf('identity(security)') });
    expect(names(candidates, 'link-label')).not.toContain('doc');
    expect(candidates.some((c) => c.name.includes('://'))).toBe(false);
  });

  it('finds acronyms, mixed-case identifiers and constants, not capitalised words or stop words', () => {
    const found = names(candidates, 'token');
    expect(found).toEqual(expect.arrayContaining(['SPIFFE', 'CSR', 'xDS', 'ServiceEntry', 'meshConfig', 'CNI', 'REGISTRY_ONLY']));
    for (const noise of ['Envoy', 'API', 'outboundTrafficPolicy', 'Ztunnel', 'istioctl', 'LF']) {
      expect(found).not.toContain(noise);
    }
    expect(find('CSR', 'token')?.line).toBe(lineOf('CSR > istio'));
    expect(find('meshConfig', 'token')?.line).toBe(lineOf('- mesh configuration'));
  });

  it('places candidates in their innermost section', () => {
    const xds = find('xDS', 'token');
    expect(xds?.section).not.toBeNull();
    expect(doc.sections[xds?.section ?? 0].heading).toBe('New problems for microservices');
    expect(inOverview(xds?.section ?? null)).toBe(true);
    expect(doc.sections[find('ServiceEntry', 'token')?.section ?? 0].heading).toBe('Learning Objectives');
    expect(find('ServiceEntry', 'token')?.line).toBe(lineOf('- meshConfig.outbound'));
  });

  const matcher = buildConceptMatcher([
    { key: 'xds', names: ['xDS'] },
    { key: 'envoy', names: ['Envoy'] },
    { key: 'spiffe', names: ['SPIFFE'] },
    { key: 'gateway', names: ['gateway', 'ingress gateway', 'egress gateway'] },
    { key: 'sidecar', names: ['sidecar'] },
  ]);
  const mentions = findMentions(matcher, tokens, doc.bodyLine, fileLines.length, doc.sections);
  const linesOf = (key: string) => mentions.filter((m) => m.key === key).map((m) => m.line);

  it('finds xDS on both lines that name it, inside 02. Overview', () => {
    expect(linesOf('xds')).toEqual([lineOf('CSR > istio'), lineOf('configuring:')]);
    for (const m of mentions.filter((x) => x.key === 'xds')) {
      expect(inOverview(m.section)).toBe(true);
    }
  });

  it('matches case-insensitively at word boundaries', () => {
    expect(linesOf('envoy')).toEqual([lineOf('CSR > istio'), lineOf('configuring:')]); // `Envoy` and `envoy`
    expect(linesOf('sidecar')).toEqual([lineOf('sidecar injection')]); // not `sidecared`
    expect(linesOf('gateway')).toEqual([lineOf('edge gateway:'), lineOf('- component configuration'), lineOf('helm:')]);
  });

  it('finds SPIFFE only where the prose names it, not in the spiffe:// code span', () => {
    expect(linesOf('spiffe')).toEqual([lineOf('identity(security)')]);
  });
});

describe('extractConceptCandidates', () => {
  it('takes `term:` and `term(qualifier):` at a paragraph, list item or line start', () => {
    const list = candidatesOf(
      ['service mesh: a layer', 'retry budget(envoy): caps retries', '', '- [ ] admission webhook: mutates pods', '- plain item'].join(
        '\n',
      ),
    );
    expect(list.filter((c) => c.kind === 'defined').map((c) => [c.name, c.line])).toEqual([
      ['service mesh', 1],
      ['retry budget', 2],
      ['admission webhook', 4],
    ]);
  });

  it('rejects dates, URLs, labels, structure and sentences', () => {
    const text = [
      '1/4(sat): 2',
      '',
      'https://example.com/x',
      '',
      'Note: remember this',
      '',
      'Step 1: install',
      '',
      'the reason is simple: it works',
      '',
      'Steps:',
      '',
      '- one',
      '',
      'a b c d e: five words',
      '',
      '# Heading: not a definition',
    ].join('\n');
    expect(names(candidatesOf(text), 'defined')).toEqual([]);
  });

  it('takes settings with their values and commit types for no definitions', () => {
    const text = [
      '- feature(pods): a new version of pods',
      '- feature: the same type without a scope',
      '- format: YYYY-MM-DD',
      '- types: onCreate|onChange',
      '- options: ["sync", "noCommit"]',
      '- values: `line`, `block`, `prompt`',
      '- default: `noCommit`',
      '- sidecar: a proxy next to each `workload`',
    ].join('\n');
    expect(names(candidatesOf(text), 'defined')).toEqual(['sidecar']);
  });

  it('reads no phrase in a line label or speaker line that leads three lines of the note, and reads one that does not', () => {
    const chat = ['- Kevin Lin: will fix that now', '- Kevin Lin: thank you!', '- Kevin Lin: the sidecar proxy works'];
    const transcript = [
      'Unknown Speaker  0:13',
      'about the sidecar',
      '',
      'Unknown Speaker  1:02',
      'ok',
      '',
      'Unknown Speaker (1:40)',
      'no',
    ];
    const list = candidatesOf([...chat, '', ...transcript].join('\n'));
    expect(names(list, 'defined')).toEqual([]); // three lines: a speaker, not a term
    // no `Kevin Lin` nor `Unknown Speaker`: what follows the labels is read (line 3, then line 6)
    expect(list.filter((c) => c.kind === 'phrase').map((c) => [c.name, c.line])).toEqual([
      ['sidecar proxy', 3],
      ['sidecar', 3],
      ['sidecar', 6],
    ]);
    // Once, a name and a time are prose; a time with more after it, or `at 10:30`, is no speaker line at all.
    expect(names(candidatesOf('- CNCF KubeCon keynote 10:30'), 'token')).toEqual(['CNCF', 'KubeCon']);
    const meetings = ['Meeting at 10:30', 'Meeting at 11:30', 'Meeting at 12:30', 'mesh review 1:00 **Envoy**'].join('\n\n');
    expect(mentionsOf(`${meetings}\n\nmesh review 2:00\n\nmesh review 3:00`, [{ key: 'meeting', names: ['meeting'] }])).toHaveLength(3);
    // One definition is read whole: the chunker still reads its term, as before.
    expect(names(candidatesOf('- mesh configuration(meshConfig): control plane settings'), 'phrase')).toContain('mesh configuration');
  });

  it('gives a phrase of several words in a heading a `heading` source as well', () => {
    const list = candidatesOf('## Event Reminders\n\n## Ztunnel');
    expect(list.map((c) => [c.kind, c.name])).toEqual([
      ['phrase', 'Event Reminders'],
      ['heading', 'Event Reminders'],
      ['phrase', 'Ztunnel'],
    ]);
  });

  it('keeps emphasised phrases of one to four words', () => {
    const list = candidatesOf('*sidecar* and **traffic shifting**: and _canary_ and **one two three four five** and **Note:**');
    expect(names(list, 'emphasis')).toEqual(['sidecar', 'traffic shifting', 'canary']);
  });

  it('keeps only absolute URLs on link labels and skips generic or long labels', () => {
    const list = candidatesOf(
      '[Envoy](https://envoyproxy.io) [other note](other.md) [here](https://x.y) [Read more](https://x.y) [a very long label of six words](https://x.y) https://bare.example.com',
    );
    // `other note` starts with a stop word: a reference, not a name (issue 12).
    expect(list.filter((c) => c.kind === 'link-label').map((c) => [c.name, c.url])).toEqual([['Envoy', 'https://envoyproxy.io']]);
  });

  it('chunks note fragments, not sentences nor notes in another language', () => {
    const phrases = (text: string) => names(candidatesOf(text), 'phrase');
    expect(phrases('- sidecar injection, automated by mutating admission webhook')).toEqual([
      'sidecar injection',
      'sidecar',
      'mutating admission webhook',
    ]);
    expect(phrases('## 03. Installing Istio')).toEqual(['Istio']);
    expect(phrases('Every sidecar injection is automated. The webhook mutates pods.')).toEqual([]);
    expect(phrases('- retries, circuit breaker...')).toEqual(['retries', 'circuit breaker']);
    // Lorem ipsum: every word unknown to English would look like a rare name.
    const lorem = '- Voluptate laborum cupidatat\n- sidecar injection proident\n- occaecat mesh gateway\n';
    expect(phrases(lorem.repeat(2))).toContain('Voluptate'); // too few words to tell
    expect(phrases(lorem.repeat(5))).toEqual([]);
  });

  it('applies the token rules', () => {
    const list = candidatesOf(
      'API OK II IV XIV REGISTRY_ONLY JSON mTLS gRPC IDs CSRs Envoy istioctl 10GB GB IMPORTANT `CodeSpan` spiffe://x/FooBar SPIFFE-based a.b.cD',
    );
    expect(names(list, 'token')).toEqual(['REGISTRY_ONLY', 'JSON', 'mTLS', 'gRPC', 'CSRs', 'SPIFFE']);
  });

  it('ignores code blocks, math and HTML', () => {
    const list = candidatesOf(
      ['```', 'ServiceEntry: x', '```', '', '$$', 'xDS', '$$', '', '<div>ServiceEntry</div>', '', 'inline $\\mathrm{xDS}$ math'].join('\n'),
    );
    expect(list.filter((c) => c.kind !== 'phrase')).toEqual([]);
    expect(list.map((c) => c.name)).not.toContain('xDS');
  });

  it('gives each line of a multi-line paragraph and table row its own line', () => {
    const list = candidatesOf(
      ['first line', 'then `code\nspan` and xDS', 'and mTLS', '', '| a | b |', '|---|---|', '| CNI | x |'].join('\n'),
    );
    expect(list.filter((c) => c.kind === 'token').map((c) => [c.name, c.line])).toEqual([
      ['xDS', 3],
      ['mTLS', 4],
      ['CNI', 8],
    ]);
  });
});

describe('normalizeConceptName', () => {
  it.each([
    ['Gateways', 'gateway'],
    ['proxies', 'proxy'],
    ['classes', 'class'],
    ['patches', 'patch'],
    ['caches', 'cache'],
    ['  Ingress   Gateways ', 'ingress gateway'],
    ['xDS', 'xds'],
    ['CSRs', 'csr'],
    ['CNIs', 'cni'],
    ['IDs', 'id'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['class', 'class'],
    ['Kubernetes', 'kubernetes'],
    ['init-containers', 'init container'],
    ['emissary-ingress', 'emissary ingress'],
    ['a - b', 'a - b'],
    ['bus', 'bus'],
  ])('%s -> %s', (name, key) => {
    expect(normalizeConceptName(name)).toBe(key);
  });
});

describe('findMentions', () => {
  it('matches plurals and names inside longer names, and counts one mention per key and line', () => {
    const concepts = [
      { key: 'ingress', names: ['ingress'] },
      { key: 'ig', names: ['ingress gateway'] },
      { key: 'gateway', names: ['gateway'] },
      { key: 'proxy', names: ['proxy'] },
      { key: 'mesh', names: ['mesh'] },
    ];
    // `Ingress Gateways` names the ingress gateway, and with it an ingress and a gateway (issue 12: a dictionary
    // `sidecar` must not lose its mention to an extracted `sidecar injection`).
    expect(mentionsOf('two Ingress  Gateways, then gateways and proxies and a proxy; meshes', concepts)).toEqual([
      { key: 'ingress', line: 1, section: null },
      { key: 'ig', line: 1, section: null },
      { key: 'gateway', line: 1, section: null },
      { key: 'proxy', line: 1, section: null },
      { key: 'mesh', line: 1, section: null },
    ]);
    // A hyphenated compound is one word: `ingress-gateway` names the ingress gateway only (`multi` is no mention in
    // `multi-vault`, nor `contained vault` in `self-contained vault`).
    expect(
      mentionsOf('an ingress-gateway and init containers', [...concepts, { key: 'init container', names: ['init-container'] }]),
    ).toEqual([
      { key: 'ig', line: 1, section: null },
      { key: 'init container', line: 1, section: null },
    ]);
  });

  it('counts headings, link labels, wikilink aliases and table cells, and spans a soft line break', () => {
    const text = [
      '# Envoy notes',
      '',
      '[envoy](https://x.y) [[the Envoy|proxy.envoy]] [[proxy.envoy]]',
      '',
      '| Envoy |',
      '|---|',
      '',
      'an ingress',
      'gateway',
    ].join('\n');
    const concepts = [
      { key: 'envoy', names: ['Envoy'] },
      { key: 'ig', names: ['ingress gateway'] },
    ];
    expect(mentionsOf(text, concepts).map((m) => [m.key, m.line])).toEqual([
      ['envoy', 1],
      ['envoy', 3],
      ['envoy', 5],
      ['ig', 8],
    ]);
  });

  it('skips code spans, code blocks, math, HTML, URLs and tags', () => {
    const text = [
      'url form: `spiffe://<trust domain>/<workload identifier>`',
      '',
      '```',
      'spiffe',
      '```',
      '',
      '$spiffe$ <br/> https://spiffe.io/spiffe spiffe://a/spiffe #spiffe',
      '',
      '<div>spiffe</div>',
      '',
      'SPIFFE ids <b>spiffe</b>',
    ].join('\n');
    // Text between inline HTML tags is rendered prose, so the last line counts (once).
    expect(mentionsOf(text, [{ key: 'spiffe', names: ['SPIFFE'] }])).toEqual([{ key: 'spiffe', line: 11, section: null }]);
  });

  it('handles names with punctuation and does not match inside words', () => {
    const concepts = [
      { key: 'node', names: ['Node.js'] },
      { key: 'cpp', names: ['C++'] },
      { key: 'c', names: ['C'] },
      { key: 'mesh', names: ['mesh'] },
    ];
    expect(mentionsOf('Node.js, C++ and C; meshes; meshConfig; enmesh; node', concepts).map((m) => m.key)).toEqual([
      'node',
      'cpp',
      'c',
      'mesh',
    ]);
  });

  it('does not match an acronym by a plural that is a stop word (`WAs` is no `was`)', () => {
    expect(
      mentionsOf('it was in WA, and the CSRs', [
        { key: 'wa', names: ['WA'] },
        { key: 'csr', names: ['CSR'] },
      ]),
    ).toEqual([
      { key: 'wa', line: 1, section: null },
      { key: 'csr', line: 1, section: null },
    ]);
  });

  it('counts no mention in a line label that leads three lines of the note', () => {
    const concepts = [{ key: 'kevin', names: ['Kevin'] }];
    const chat = ['- Kevin Lin: hello', '- Kevin Lin: bye', '- Kevin Lin: thanks', '- ask Kevin about it'];
    expect(mentionsOf(chat.join('\n'), concepts)).toEqual([{ key: 'kevin', line: 4, section: null }]);
    // Twice is no pattern yet: both lines mention him.
    expect(mentionsOf(chat.slice(1).join('\n'), concepts)).toEqual([
      { key: 'kevin', line: 1, section: null },
      { key: 'kevin', line: 2, section: null },
      { key: 'kevin', line: 3, section: null },
    ]);
  });

  it('does nothing without concepts', () => {
    expect(mentionsOf('anything at all', [])).toEqual([]);
  });
});

describe('nameWordForms', () => {
  it('lists every form of the last word the matcher accepts', () => {
    expect(nameWordForms('control planes')).toEqual([['control'], ['planes', 'plane']]);
    expect(nameWordForms('proxy')).toEqual([['proxy', 'proxies']]);
    expect(nameWordForms('CSR')).toEqual([['csr', 'csrs']]);
    expect(nameWordForms('xDS')).toEqual([['xds']]);
    expect(nameWordForms('C++')).toEqual([['c']]);
    expect(nameWordForms('.NET')).toEqual([['net', 'nets']]);
    expect(nameWordForms('in/egress gateway')).toEqual([['in'], ['egress'], ['gateway', 'gateways']]);
    expect(nameWordForms('---')).toEqual([]);
  });
});
