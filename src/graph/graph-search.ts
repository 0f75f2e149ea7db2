import { edgeKey, sortEdges, type GraphEdgeRecord } from './graph.records';

/** Edges (of the kinds the caller chose) with one end among `nodes` (`around`) or both (`among`). One call per BFS level. */
export type EdgeLoader = (nodes: string[]) => Promise<GraphEdgeRecord[]>;

export interface Neighbourhood {
  /** Every node within `depth` (at most `maxNodes` of them), with its distance from the start. */
  distances: Map<string, number>;
  /** The edges among those nodes, once each. */
  edges: GraphEdgeRecord[];
  /** True when nodes within `depth` were left out to stay within `maxNodes`. */
  truncated: boolean;
}

/**
 * Breadth-first search from `start`, edges taken as undirected, one `around` call per level. The nodes found at
 * the last level get one `among` call for the edges between two of them (their edges to earlier levels came with
 * the previous call), so the result is the induced subgraph on the nodes within `depth`. At most `maxNodes` nodes
 * are taken, nearest first and in edge order within a level (deterministic); the search stops at the level where the
 * cap is reached, so a hub two hops away cannot pull the whole vault into one answer.
 */
export async function neighbourhood(
  start: string,
  depth: number,
  load: { around: EdgeLoader; among: EdgeLoader },
  maxNodes = Number.POSITIVE_INFINITY,
): Promise<Neighbourhood> {
  const distances = new Map<string, number>([[start, 0]]);
  const edges = new Map<string, GraphEdgeRecord>();
  let frontier = [start];
  let truncated = false;
  for (let level = 0; level < depth && frontier.length > 0 && !truncated; level++) {
    const next: string[] = [];
    const found = sortEdges(await load.around(frontier));
    for (const e of found) {
      for (const end of [e.source, e.target]) {
        if (distances.has(end)) {
          continue;
        }
        if (distances.size >= maxNodes) {
          truncated = true;
          continue;
        }
        distances.set(end, level + 1);
        next.push(end);
      }
    }
    for (const e of found) {
      if (distances.has(e.source) && distances.has(e.target)) {
        edges.set(edgeKey(e), e);
      }
    }
    frontier = next;
  }
  if (depth > 0 && frontier.length > 1) {
    for (const e of await load.among(frontier)) {
      edges.set(edgeKey(e), e);
    }
  }
  return { distances, edges: [...edges.values()], truncated };
}

interface Side {
  parents: Map<string, string | null>;
  distances: Map<string, number>;
  frontier: string[];
}

const side = (root: string): Side => ({ parents: new Map([[root, null]]), distances: new Map([[root, 0]]), frontier: [root] });

function walk(parents: Map<string, string | null>, from: string): string[] {
  const path: string[] = [];
  for (let node: string | null = from; node !== null; node = parents.get(node) ?? null) {
    path.push(node);
  }
  return path;
}

/**
 * Shortest undirected, unweighted path by bidirectional BFS: each round expands a whole level of the smaller
 * frontier with one loader call. The first round that reaches the other side's visited set holds a shortest
 * path (every shorter one would have met a round earlier); among its meeting nodes the one with the least total
 * distance (then the smallest id) wins, so the answer is deterministic. Empty when the two are not connected.
 */
export async function shortestPath(from: string, to: string, load: EdgeLoader): Promise<string[]> {
  if (from === to) {
    return [from];
  }
  const a = side(from);
  const b = side(to);
  while (a.frontier.length > 0 && b.frontier.length > 0) {
    const [me, other] = a.frontier.length <= b.frontier.length ? [a, b] : [b, a];
    const inFrontier = new Set(me.frontier);
    const next: string[] = [];
    let meet: { node: string; total: number } | null = null;
    for (const e of sortEdges(await load(me.frontier))) {
      for (const [near, far] of [
        [e.source, e.target],
        [e.target, e.source],
      ]) {
        if (!inFrontier.has(near) || me.parents.has(far)) {
          continue;
        }
        const d = (me.distances.get(near) ?? 0) + 1;
        me.parents.set(far, near);
        me.distances.set(far, d);
        next.push(far);
        const otherD = other.distances.get(far);
        if (otherD !== undefined && (!meet || d + otherD < meet.total || (d + otherD === meet.total && far < meet.node))) {
          meet = { node: far, total: d + otherD };
        }
      }
    }
    if (meet) {
      const fromSide = walk(a.parents, meet.node).reverse();
      const toSide = walk(b.parents, meet.node).slice(1);
      return [...fromSide, ...toSide];
    }
    me.frontier = next;
  }
  return [];
}
