import { neighbourhood, shortestPath, type EdgeLoader } from '../../src/graph/graph-search';
import type { GraphEdgeRecord } from '../../src/graph/graph.records';
import { findUnlinkedMentions, nameMatcher } from '../../src/graph/unlinked-mentions';

/** Loaders over an in-memory edge list that count their calls (one per BFS level is the contract). */
function memoryLoader(edges: GraphEdgeRecord[]): { around: EdgeLoader; among: EdgeLoader; calls: number } {
  const loader = {
    calls: 0,
    around: (nodes: string[]) => {
      loader.calls++;
      const f = new Set(nodes);
      return Promise.resolve(edges.filter((e) => f.has(e.source) || f.has(e.target)).reverse());
    },
    among: (nodes: string[]) => {
      loader.calls++;
      const f = new Set(nodes);
      return Promise.resolve(edges.filter((e) => f.has(e.source) && f.has(e.target)));
    },
  };
  return loader;
}

function randomGraph(seed: number, nodes: number, edges: number): GraphEdgeRecord[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: edges }, () => ({
    source: `n${Math.floor(next() * nodes)}`,
    target: `n${Math.floor(next() * nodes)}`,
    kind: 'link' as const,
    weight: 1,
  })).filter((e) => e.source !== e.target);
}

/** Plain single-source BFS distances, the reference. */
function distancesFrom(start: string, edges: GraphEdgeRecord[]): Map<string, number> {
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
    adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
  }
  const dist = new Map([[start, 0]]);
  for (let queue = [start]; queue.length; ) {
    const next: string[] = [];
    for (const n of queue) {
      for (const m of adj.get(n) ?? []) {
        if (!dist.has(m)) {
          dist.set(m, (dist.get(n) ?? 0) + 1);
          next.push(m);
        }
      }
    }
    queue = next;
  }
  return dist;
}

describe('neighbourhood', () => {
  const edges: GraphEdgeRecord[] = [
    { source: 'a', target: 'b', kind: 'link', weight: 2 },
    { source: 'c', target: 'a', kind: 'link', weight: 1 },
    { source: 'b', target: 'c', kind: 'hierarchy', weight: 1 },
    { source: 'c', target: 'd', kind: 'link', weight: 1 },
    { source: 'd', target: 'e', kind: 'link', weight: 1 },
  ];

  it('returns the nodes within depth and every edge among them, one load per level plus one', async () => {
    const load = memoryLoader(edges);
    const sut = await neighbourhood('a', 1, load);
    expect([...sut.distances]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 1],
    ]);
    // b–c joins two nodes of the last level: found by the extra call.
    expect(sut.edges.map((e) => `${e.source}-${e.target}`).sort()).toEqual(['a-b', 'b-c', 'c-a']);
    expect(load.calls).toBe(2);
  });

  it('depth 0 is the start alone, without a query', async () => {
    const load = memoryLoader(edges);
    expect(await neighbourhood('a', 0, load)).toEqual({ distances: new Map([['a', 0]]), edges: [], truncated: false });
    expect(load.calls).toBe(0);
  });

  it('takes at most maxNodes nodes, nearest first, and says it left some out', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const graph = randomGraph(seed, 60, 120);
      const reference = distancesFrom('n0', graph);
      const full = await neighbourhood('n0', 3, memoryLoader(graph));
      for (const cap of [1, 5, 20]) {
        const sut = await neighbourhood('n0', 3, memoryLoader(graph), cap);
        expect(sut.distances.size).toBeLessThanOrEqual(cap);
        expect(sut.truncated).toBe(full.distances.size > cap);
        // Nearest first: every node kept is as near as any node left out, and keeps its true distance.
        const kept = [...sut.distances];
        const farthestKept = Math.max(...kept.map(([, d]) => d));
        for (const [node, d] of kept) {
          expect(reference.get(node)).toBe(d);
        }
        for (const [node, d] of full.distances) {
          if (!sut.distances.has(node)) {
            expect(d).toBeGreaterThanOrEqual(farthestKept);
          }
        }
        // Only edges among kept nodes, and all of them.
        const inside = new Set(sut.distances.keys());
        const expected = new Set(graph.filter((e) => inside.has(e.source) && inside.has(e.target)).map((e) => `${e.source}>${e.target}`));
        expect(new Set(sut.edges.map((e) => `${e.source}>${e.target}`))).toEqual(expected);
      }
    }
  });

  it('matches a reference BFS on random graphs', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const graph = randomGraph(seed, 60, 90);
      const reference = distancesFrom('n0', graph);
      for (const depth of [1, 2, 3]) {
        const sut = await neighbourhood('n0', depth, memoryLoader(graph));
        const within = [...reference].filter(([, d]) => d <= depth);
        expect([...sut.distances].sort()).toEqual(within.sort());
        const inside = new Set(within.map(([n]) => n));
        const expected = new Set(graph.filter((e) => inside.has(e.source) && inside.has(e.target)).map((e) => `${e.source}>${e.target}`));
        expect(new Set(sut.edges.map((e) => `${e.source}>${e.target}`))).toEqual(expected);
      }
    }
  });
});

describe('shortestPath', () => {
  it('finds a shortest path on random graphs, or none when disconnected', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const graph = randomGraph(seed, 80, 70);
      const adjacent = new Set(graph.flatMap((e) => [`${e.source}|${e.target}`, `${e.target}|${e.source}`]));
      for (const to of ['n1', 'n7', 'n42']) {
        const expected = distancesFrom('n0', graph).get(to);
        const path = await shortestPath('n0', to, memoryLoader(graph).around);
        if (expected === undefined) {
          expect(path).toEqual([]);
          continue;
        }
        expect(path).toHaveLength(expected + 1);
        expect(path[0]).toBe('n0');
        expect(path.at(-1)).toBe(to);
        path.slice(1).forEach((n, i) => expect(adjacent.has(`${path[i]}|${n}`)).toBe(true));
      }
    }
  });

  it('is deterministic whatever order the loader returns, and [from] for from = to', async () => {
    const edges: GraphEdgeRecord[] = [
      { source: 'a', target: 'x', kind: 'link', weight: 1 },
      { source: 'a', target: 'b', kind: 'link', weight: 1 },
      { source: 'x', target: 'z', kind: 'link', weight: 1 },
      { source: 'b', target: 'z', kind: 'hierarchy', weight: 1 },
    ];
    expect(await shortestPath('a', 'z', memoryLoader(edges).around)).toEqual(['a', 'b', 'z']);
    expect(await shortestPath('a', 'z', memoryLoader([...edges].reverse()).around)).toEqual(['a', 'b', 'z']);
    expect(await shortestPath('a', 'a', memoryLoader(edges).around)).toEqual(['a']);
  });
});

describe('findUnlinkedMentions', () => {
  const matcher = nameMatcher(['Service Mesh', 'service-mesh']) as RegExp;
  const candidate = (body: string, linkedLines: number[] = []) => ({ noteId: 'n', body, bodyLine: 8, linkedLines });

  it('finds whole-word, case-insensitive names in prose, with file line and column', () => {
    const body = ['', 'A service  mesh here.', 'The SERVICE-MESH again; meshes no.', 'servicemesh and service-meshy do not count.'].join(
      '\n',
    );
    expect(findUnlinkedMentions(candidate(body), matcher)).toEqual([
      { noteId: 'n', line: 9, column: 3, snippet: 'A service  mesh here.' },
      { noteId: 'n', line: 10, column: 5, snippet: 'The SERVICE-MESH again; meshes no.' },
    ]);
  });

  it('skips linked lines, code, URLs and link labels', () => {
    const body = [
      'Service mesh, linked on this line.',
      '```',
      'service mesh in a fence',
      '```',
      '`service mesh` inline, [[Service Mesh|other]], [service mesh](x.md), https://x.io/service-mesh',
    ].join('\n');
    expect(findUnlinkedMentions(candidate(body, [8]), matcher)).toEqual([]);
  });

  it('cuts long lines around the name', () => {
    const body = `${'x '.repeat(150)}service mesh${' y'.repeat(150)}`;
    const [hit] = findUnlinkedMentions(candidate(body), matcher);
    expect(hit.snippet).toMatch(/^….*service mesh.*…$/);
    expect(hit.snippet.length).toBeLessThanOrEqual(162);
  });

  it('needs a name with a letter or digit', () => {
    expect(nameMatcher(['++', ' '])).toBeNull();
  });
});
