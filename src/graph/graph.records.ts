/** What the graph repository and services speak: our own types, not Prisma's. */
import { DomainError, ErrorCode, quoteInput } from '../common/errors';

export type GraphNodeKindName = 'note' | 'concept';
export type GraphEdgeKindName = 'link' | 'hierarchy' | 'mention' | 'related';

export const ALL_EDGE_KINDS: readonly GraphEdgeKindName[] = ['link', 'hierarchy', 'mention', 'related'];
/** The note graph: what a whole-vault export holds unless concepts are asked for. */
export const NOTE_EDGE_KINDS: readonly GraphEdgeKindName[] = ['link', 'hierarchy'];

/**
 * Edge kinds from a comma list (the CLI's `--kinds`, GET /graph/whole.json's `?kinds=`), in ALL_EDGE_KINDS order;
 * BAD_USER_INPUT for an empty or unknown kind.
 */
export function parseEdgeKinds(list: string): GraphEdgeKindName[] {
  const parts = list.split(',').map((k) => k.trim());
  const bad = parts.filter((k) => !(ALL_EDGE_KINDS as readonly string[]).includes(k));
  if (bad.length > 0) {
    throw new DomainError(
      ErrorCode.BadInput,
      `unknown edge kind ${bad.map((k) => quoteInput(k)).join(', ')} (use ${ALL_EDGE_KINDS.join(', ')})`,
    );
  }
  return ALL_EDGE_KINDS.filter((k) => parts.includes(k));
}

/** Deepest neighbourhood `graph` loads: four hops already reach most of a well-linked vault. */
export const MAX_GRAPH_DEPTH = 4;

/**
 * What a graph search costs in the complexity budget (common/graphql/cost.ts), by depth: a neighbourhood grows about
 * tenfold a hop on a linked vault, and at depth 4 it is often the whole vault. Two depth-4 searches fit in one
 * request; 200 of them do not.
 */
export const GRAPH_COST_BY_DEPTH = [200, 400, 1000, 4000, 8000] as const;
/** The whole note graph (exportGraph without `from`), and a shortest path (two searches that may cross the vault). */
export const WHOLE_GRAPH_COST = 10_000;
export const PATH_COST = 2000;

/** A neighbourhood has at most this many nodes by default (`maxNodes`), and never more than MAX_GRAPH_NODES. */
export const DEFAULT_GRAPH_NODES = 1000;
export const MAX_GRAPH_NODES = 5000;

/** The weight of a neighbourhood search: by depth, for the default node cap; a larger cap weighs in proportion. */
export function graphCost(depth: unknown, maxNodes: unknown = DEFAULT_GRAPH_NODES): number {
  const d = typeof depth === 'number' && Number.isInteger(depth) ? Math.min(Math.max(depth, 0), MAX_GRAPH_DEPTH) : MAX_GRAPH_DEPTH;
  const n = typeof maxNodes === 'number' && maxNodes > 0 ? Math.min(maxNodes, MAX_GRAPH_NODES) : MAX_GRAPH_NODES;
  return Math.ceil((GRAPH_COST_BY_DEPTH[d] * Math.max(n, DEFAULT_GRAPH_NODES / 10)) / DEFAULT_GRAPH_NODES);
}

/** Concept nodes are `concept:<key>`; note nodes are the note id. */
export const CONCEPT_PREFIX = 'concept:';

export function conceptNodeId(key: string): string {
  return CONCEPT_PREFIX + key;
}

export function isConceptNodeId(id: string): boolean {
  return id.startsWith(CONCEPT_PREFIX);
}

export interface GraphNodeRecord {
  id: string;
  kind: GraphNodeKindName;
  label: string;
}

/**
 * link: source note → target note (weight = resolved links between them); hierarchy: parent → child (weight 1);
 * mention: note → concept (weight = mentions); related: concept → concept, smaller key first (weight = sections
 * naming both).
 */
export interface GraphEdgeRecord {
  source: string;
  target: string;
  kind: GraphEdgeKindName;
  weight: number;
}

export interface GraphRecord {
  nodes: GraphNodeRecord[];
  edges: GraphEdgeRecord[];
}

/** A neighbourhood: `truncated` when nodes within the depth were left out to stay within the node cap. */
export interface NeighbourhoodRecord extends GraphRecord {
  truncated: boolean;
}

/** Node ids of a BFS frontier, split by kind (concepts as keys, without the prefix). */
export interface NodeIdSets {
  noteIds: string[];
  conceptKeys: string[];
}

export function splitNodeIds(ids: Iterable<string>): NodeIdSets {
  const out: NodeIdSets = { noteIds: [], conceptKeys: [] };
  for (const id of ids) {
    if (isConceptNodeId(id)) {
      out.conceptKeys.push(id.slice(CONCEPT_PREFIX.length));
    } else {
      out.noteIds.push(id);
    }
  }
  return out;
}

export function edgeKey(e: GraphEdgeRecord): string {
  return `${e.kind}\u0000${e.source}\u0000${e.target}`;
}

/** Code-unit order of two strings (not locale order): stable output whatever the platform. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Edges in a fixed order (by kind, source, target): SQL returns groups in any order. */
export function sortEdges<E extends GraphEdgeRecord>(edges: E[]): E[] {
  return edges
    .map((e) => ({ e, key: edgeKey(e) }))
    .sort((x, y) => compareStrings(x.key, y.key))
    .map((x) => x.e);
}

/** A note that may name another one, with what is needed to check each line. */
export interface MentionCandidateRecord {
  noteId: string;
  body: string;
  /** File line of the body's first line. */
  bodyLine: number;
  /** File lines of this note holding a resolved link to the mentioned note. */
  linkedLines: number[];
}
