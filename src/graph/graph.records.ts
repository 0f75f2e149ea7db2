/** What the graph repository and services speak: our own types, not Prisma's. */

export type GraphNodeKindName = 'note' | 'concept';
export type GraphEdgeKindName = 'link' | 'hierarchy' | 'mention' | 'related';

export const ALL_EDGE_KINDS: readonly GraphEdgeKindName[] = ['link', 'hierarchy', 'mention', 'related'];
/** The note graph: what a whole-vault export holds unless concepts are asked for. */
export const NOTE_EDGE_KINDS: readonly GraphEdgeKindName[] = ['link', 'hierarchy'];

/** Deepest neighbourhood `graph` loads: four hops already reach most of a well-linked vault. */
export const MAX_GRAPH_DEPTH = 4;

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

export interface NoteRefRecord {
  id: string;
  fname: string;
  title: string;
  vault: string;
}
