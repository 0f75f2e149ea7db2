import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { renderGraph, type GraphFormatName } from './export/render-graph';
import { neighbourhood, shortestPath } from './graph-search';
import {
  ALL_EDGE_KINDS,
  MAX_GRAPH_DEPTH,
  CONCEPT_PREFIX,
  DEFAULT_GRAPH_NODES,
  compareStrings,
  isConceptNodeId,
  NOTE_EDGE_KINDS,
  sortEdges,
  splitNodeIds,
  type GraphEdgeKindName,
  type GraphEdgeRecord,
  type GraphNodeRecord,
  type GraphRecord,
  type NeighbourhoodRecord,
} from './graph.records';
import { GraphRepository } from './graph.repository';
import { checkDeadline } from '../common/request-scope';
import { NotesService } from '../notes/notes.service';

export interface ExportOptions {
  from?: string | null;
  depth?: number | null;
  kinds?: readonly GraphEdgeKindName[] | null;
  maxNodes?: number | null;
}

/** Past this many mentions of the concepts at hand, a graph request reads only that many and no `related` edges (edges()). */
export const RELATED_MENTION_LIMIT = 20_000;

/** Neighbourhoods, shortest paths and exports over notes and concepts. */
@Injectable()
export class GraphService {
  /** RELATED_MENTION_LIMIT; a test lowers it to see the cut on a small vault. */
  relatedMentionLimit = RELATED_MENTION_LIMIT;

  constructor(
    private readonly repo: GraphRepository,
    private readonly notes: NotesService,
  ) {}

  /** A note (id or fname, the NoteRef rule) or `concept:<key>`, as a node id; NOT_FOUND otherwise. */
  async resolveNode(ref: string): Promise<string> {
    if (isConceptNodeId(ref) && (await this.repo.conceptExists(ref.slice(CONCEPT_PREFIX.length)))) {
      return ref;
    }
    const note = await this.notes.findByName(ref);
    if (!note) {
      throw new DomainError(ErrorCode.NotFound, `no note or concept ${quoteInput(ref)}`);
    }
    return note.id;
  }

  /** Edges with an end among `nodes`: one step of a search, where the request's time limit is checked. */
  private around(nodes: Iterable<string>, kinds: ReadonlySet<GraphEdgeKindName>, leftOut: () => void) {
    checkDeadline();
    return this.edges('around', nodes, kinds, leftOut);
  }

  /**
   * Edges around or among nodes. Concepts named tens of thousands of times (past RELATED_MENTION_LIMIT mentions
   * together) would make one request hold the server for seconds: their `related` edges (a join of each mention with
   * every other mention of its section) are left out, and only the first RELATED_MENTION_LIMIT of their mentions are
   * read; `leftOut` hears that the answer is cut.
   */
  private async edges(
    how: 'around' | 'among',
    nodes: Iterable<string>,
    kinds: ReadonlySet<GraphEdgeKindName>,
    leftOut: () => void,
  ): Promise<GraphEdgeRecord[]> {
    const split = splitNodeIds(nodes);
    const concepts = kinds.has('related') || (how === 'around' && kinds.has('mention'));
    if (!concepts || split.conceptKeys.length === 0 || (await this.repo.mentionCount(split.conceptKeys)) <= this.relatedMentionLimit) {
      return how === 'around' ? this.repo.edgesAround(split, kinds) : this.repo.edgesAmong(split, kinds);
    }
    leftOut();
    const selected = new Set([...kinds].filter((k) => k !== 'related'));
    return how === 'around' ? this.repo.edgesAround(split, selected, this.relatedMentionLimit) : this.repo.edgesAmong(split, selected);
  }

  /** The nodes within `depth` of `from` over the chosen edge kinds (undirected), and the edges among them. */
  async graph(
    from: string,
    depth: number,
    kinds?: readonly GraphEdgeKindName[] | null,
    maxNodes: number = DEFAULT_GRAPH_NODES,
  ): Promise<NeighbourhoodRecord> {
    if (depth < 0 || depth > MAX_GRAPH_DEPTH) {
      throw new DomainError(ErrorCode.BadInput, `depth must be 0 to ${MAX_GRAPH_DEPTH}`);
    }
    const start = await this.resolveNode(from);
    const selected = new Set(kinds ?? ALL_EDGE_KINDS);
    let partial = false;
    const leftOut = () => (partial = true);
    const found = await neighbourhood(
      start,
      depth,
      {
        around: (nodes) => this.around(nodes, selected, leftOut),
        among: (nodes) => {
          checkDeadline();
          return this.edges('among', nodes, selected, leftOut);
        },
      },
      maxNodes,
    );
    const nodes = await this.repo.nodes(splitNodeIds(found.distances.keys()));
    const distance = (id: string) => found.distances.get(id) ?? 0;
    nodes.sort((a, b) => distance(a.id) - distance(b.id) || compareStrings(a.id, b.id));
    return { nodes, edges: sortEdges(found.edges), truncated: found.truncated || partial };
  }

  /**
   * A shortest path (undirected, unweighted), [] when there is none. Bidirectional BFS in SQL, one batched query
   * per kind and level: on a generated 10k-note vault it answers in tens of milliseconds, where loading the whole
   * link graph into graphology first takes about a second per request (see docs/design-notes.md, Graph).
   */
  async path(from: string, to: string, kinds?: readonly GraphEdgeKindName[] | null): Promise<GraphNodeRecord[]> {
    const [a, b] = await Promise.all([this.resolveNode(from), this.resolveNode(to)]);
    const selected = new Set(kinds ?? ALL_EDGE_KINDS);
    const ids = await shortestPath(a, b, (nodes) => this.around(nodes, selected, () => undefined));
    const byId = new Map((await this.repo.nodes(splitNodeIds(ids))).map((n) => [n.id, n]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Every non-stub note and every edge of the chosen kinds (default: links and hierarchy, the note graph; ask for
   * `mention`/`related` to bring concepts in), with the nodes those edges reach (stubs on the hierarchy).
   */
  async wholeGraph(kinds?: readonly GraphEdgeKindName[] | null): Promise<GraphRecord> {
    const [edges, noteIds] = await Promise.all([this.repo.allEdges(new Set(kinds ?? NOTE_EDGE_KINDS)), this.repo.nonStubNoteIds()]);
    const ids = new Set(noteIds);
    for (const e of edges) {
      ids.add(e.source);
      ids.add(e.target);
    }
    const nodes = (await this.repo.nodes(splitNodeIds(ids))).sort((a, b) => compareStrings(a.id, b.id));
    return { nodes, edges: sortEdges(edges) };
  }

  /** With `from`: its neighbourhood (all kinds unless told); without: the whole note graph. */
  async exportGraph(format: GraphFormatName, options: ExportOptions = {}): Promise<string> {
    const graph = options.from
      ? await this.graph(options.from, options.depth ?? 1, options.kinds, options.maxNodes ?? DEFAULT_GRAPH_NODES)
      : await this.wholeGraph(options.kinds);
    return renderGraph(format, graph);
  }
}
