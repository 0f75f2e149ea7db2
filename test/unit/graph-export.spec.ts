import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import cytoscape from 'cytoscape';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { toCytoscape } from '../../src/graph/export/cytoscape';
import { toDot } from '../../src/graph/export/dot';
import { toGraphml } from '../../src/graph/export/graphml';
import { toMermaid } from '../../src/graph/export/mermaid';
import { renderGraph, GRAPH_FORMATS } from '../../src/graph/export/render-graph';
import type { GraphRecord } from '../../src/graph/graph.records';
import { REPO_ROOT } from '../support/temp-workspace';

/** Each exporter is checked by a consumer of its format, on a graph whose ids and labels try to break the syntax. */
const nasty: GraphRecord = {
  nodes: [
    { id: 'plain', kind: 'note', label: 'Plain' },
    { id: 'vault:a "quoted" fname', kind: 'note', label: 'Say "hi" & <b>bold</b> &amp; #quot; `tick` %% not a comment' },
    { id: 'ends\\', kind: 'note', label: 'back\\slash \\n and a trailing \\' },
    { id: 'end', kind: 'note', label: 'end' },
    { id: 'concept:service mesh', kind: 'concept', label: 'Ünïcødé ✓ [brackets] (parens) {braces} |pipe|' },
    { id: 'ctl', kind: 'note', label: 'line\nbreak\ttab\u0001ctl' },
  ],
  edges: [
    { source: 'plain', target: 'vault:a "quoted" fname', kind: 'link', weight: 3 },
    { source: 'vault:a "quoted" fname', target: 'ends\\', kind: 'link', weight: 1 },
    { source: 'plain', target: 'end', kind: 'hierarchy', weight: 1 },
    { source: 'end', target: 'concept:service mesh', kind: 'mention', weight: 2 },
    { source: 'concept:service mesh', target: 'ctl', kind: 'related', weight: 1 },
  ],
};
/** What a label looks like once control characters (line breaks included) have become spaces. */
const shown = (label: string) => label.replace(/[\u0000-\u001F\u007F]+/g, ' '); // eslint-disable-line no-control-regex

/** Whether a consumer tool is installed; under CI (which installs them) a missing tool fails the test. */
const has = (bin: string) => {
  if (!fs.existsSync(bin) && process.env.CI) {
    throw new Error(`${bin} is missing: .ci/run installs graphviz and libxml2-utils`);
  }
  return fs.existsSync(bin);
};

describe('GraphML export', () => {
  const xml = toGraphml(nasty);

  it('is well-formed XML (xmllint, when installed)', () => {
    if (!has('/usr/bin/xmllint')) {
      return; // Debian libxml2-utils; CI installs it
    }
    const run = spawnSync('/usr/bin/xmllint', ['--noout', '-'], { input: xml });
    expect(run.stderr.toString()).toBe('');
    expect(run.status).toBe(0);
  });

  it('follows the GraphML schema rules it relies on: NMTOKEN ids and attr.names, keys before the graph', () => {
    const tokens = [...xml.matchAll(/ (id|source|target|attr\.name|key)="([^"]*)"/g)].map((m) => m[2]);
    expect(tokens.length).toBeGreaterThan(20);
    for (const t of tokens) {
      expect(t).toMatch(/^[\p{L}\p{N}._:-]+$/u);
    }
    expect(xml.lastIndexOf('<key ')).toBeLessThan(xml.indexOf('<graph '));
    expect(xml).toContain('<graph id="vaultgraph" edgedefault="directed">');
  });

  it('reads back in graphology-graphml with every node, edge and attribute', () => {
    const g = parseGraphml(Graph, xml);
    expect(g.order).toBe(nasty.nodes.length);
    expect(g.size).toBe(nasty.edges.length);
    const byVaultId = new Map(g.mapNodes((key, attrs) => [attrs.id as string, { key, attrs }]));
    for (const n of nasty.nodes) {
      expect(byVaultId.get(n.id)?.attrs).toEqual({ id: n.id, label: n.label.replaceAll('\u0001', '\uFFFD'), kind: n.kind });
    }
    const edges = g.mapEdges((_e, attrs, source, target) => ({
      source: g.getNodeAttribute(source, 'id') as string,
      target: g.getNodeAttribute(target, 'id') as string,
      kind: attrs.kind as string,
      weight: attrs.weight as number,
    }));
    expect(edges).toEqual(nasty.edges);
  });
});

describe('Cytoscape export', () => {
  it('loads in headless cytoscape with ids, labels, kinds and weights intact', () => {
    const json = JSON.parse(toCytoscape(nasty)) as { elements: cytoscape.ElementsDefinition };
    const cy = cytoscape({ headless: true, elements: json.elements });
    expect(cy.nodes().map((n) => n.data() as unknown)).toEqual(nasty.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind })));
    expect(
      cy.edges().map((e) => ({
        source: e.source().id(),
        target: e.target().id(),
        kind: e.data('kind') as string,
        weight: e.data('weight') as number,
      })),
    ).toEqual(nasty.edges);
    expect(
      cy
        .getElementById('end')
        .outgoers('node')
        .map((n) => n.id()),
    ).toEqual(['concept:service mesh']);
  });
});

describe('DOT export', () => {
  const dot = toDot(nasty);

  it('renders with Graphviz (when installed), every node and edge and label intact', () => {
    if (!has('/usr/bin/dot')) {
      return; // Debian graphviz; CI installs it
    }
    execFileSync('/usr/bin/dot', ['-Tsvg'], { input: dot }); // throws on a syntax error
    const json = JSON.parse(execFileSync('/usr/bin/dot', ['-Tjson0'], { input: dot }).toString()) as {
      objects: { name: string; kind: string }[];
      edges: { tail: number; head: number; kind: string; weight: string }[];
    };
    // Inside quotes Graphviz only unescapes \" in names, so doubled backslashes stay doubled: consistently.
    const names = json.objects.map((o) => o.name.replace(/\\\\/g, '\\'));
    expect(names).toEqual(nasty.nodes.map((n) => n.id));
    const edges = json.edges.map((e) => ({ source: names[e.tail], target: names[e.head], kind: e.kind, weight: Number(e.weight) }));
    expect(edges).toHaveLength(nasty.edges.length);
    expect(edges).toEqual(expect.arrayContaining(nasty.edges)); // Graphviz lists edges in its own order
    const svg = execFileSync('/usr/bin/dot', ['-Tsvg'], { input: dot }).toString();
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
      m[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#45;/g, '-')
        .replace(/&amp;/g, '&'),
    );
    expect(texts.sort()).toEqual(nasty.nodes.map((n) => shown(n.label)).sort());
  });

  it('quotes every id and label', () => {
    expect(dot).toContain('"ends\\\\" [label="back\\\\slash \\\\n and a trailing \\\\", kind=note];');
    expect(dot).toContain('"vault:a \\"quoted\\" fname" -> "ends\\\\" [kind=link, weight=1];');
  });
});

describe('Mermaid export', () => {
  const text = toMermaid(nasty);
  const entities: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
  /** Mermaid keeps `#…;` codes as placeholders until it renders; turn them into the characters they stand for. */
  const decode = (s: string) =>
    s
      .replace(/ﬂ°°(\d+)¶ß/g, (_m, code: string) => String.fromCharCode(Number(code)))
      .replace(/ﬂ°(\w+)¶ß/g, (_m, name: string) => entities[name] ?? `&${name};`);

  it("parses with Mermaid's own flowchart parser into the same nodes, labels and edges", () => {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'test/support/mermaid-flowchart.js')], { input: text });
    expect(run.stderr.toString()).toBe('');
    const parsed = JSON.parse(run.stdout.toString()) as {
      type: string;
      vertices: { id: string; text: string; type: string }[];
      edges: { start: string; end: string; stroke: string; text: string }[];
    };
    expect(parsed.type).toBe('flowchart-v2');
    expect(parsed.vertices.map((v) => ({ text: decode(v.text), type: v.type }))).toEqual(
      nasty.nodes.map((n) => ({ text: shown(n.label), type: n.kind === 'concept' ? 'stadium' : 'square' })),
    );
    const idOf = new Map(parsed.vertices.map((v, i) => [v.id, nasty.nodes[i].id]));
    expect(parsed.edges.map((e) => ({ source: idOf.get(e.start), target: idOf.get(e.end), stroke: e.stroke, text: e.text }))).toEqual([
      { source: 'plain', target: 'vault:a "quoted" fname', stroke: 'normal', text: '3' },
      { source: 'vault:a "quoted" fname', target: 'ends\\', stroke: 'normal', text: '' },
      { source: 'plain', target: 'end', stroke: 'thick', text: '' },
      { source: 'end', target: 'concept:service mesh', stroke: 'dotted', text: '2' },
      { source: 'concept:service mesh', target: 'ctl', stroke: 'dotted', text: '' },
    ]);
  });

  it('rejects what it should (the check is not a rubber stamp)', () => {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'test/support/mermaid-flowchart.js')], {
      input: 'flowchart LR\n  end --> b\n',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.toString()).toMatch(/Parse error/);
  });
});

describe('renderGraph', () => {
  it('renders every format, the same bytes for the same graph', () => {
    for (const format of GRAPH_FORMATS) {
      expect(renderGraph(format, nasty)).toBe(renderGraph(format, structuredClone(nasty)));
    }
    expect(renderGraph('graphml', { nodes: [], edges: [] })).toContain('<graph id="vaultgraph" edgedefault="directed">');
  });
});
