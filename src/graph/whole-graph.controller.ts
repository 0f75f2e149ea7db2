import { Controller, Get, Header, type OnApplicationBootstrap, type OnModuleDestroy, Query } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { SqliteReader } from '../db/sqlite-reader';
import { SyncCommits } from '../sync/sync-commits';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { NOTE_EDGE_KINDS, parseEdgeKinds, type GraphEdgeKindName } from './graph.records';
import { GraphService } from './graph.service';
import { WholeGraphLayout } from './whole-graph-layout';

/**
 * The whole vault's graph for the web app's graph page, compact and laid out: `nodes` as `[id, label, kind, x, y]`,
 * `edges` as `[source index, target index, kind, weight]`. GraphQL's `exportGraph(format: cytoscape)` holds the same
 * graph but weighs 50 MB on a 10k-note vault (an object per edge, twice parsed); this is about 4 MB. The positions are
 * ForceAtlas2's (WholeGraphLayout), so the page runs no layout. Kept until the database changes (the read
 * connection's data_version): pages opened between two syncs share one answer, and requests that come while it is
 * being made wait for the same one. The first commit of this process (`serve --sync`'s first sync) lays out the
 * default graph even if no page asked yet, so the first visit after a start finds it ready; once a page has asked,
 * each commit lays the graph out again at once, before the page's live re-query comes.
 */
@Controller('graph')
export class WholeGraphController implements OnApplicationBootstrap, OnModuleDestroy {
  private cache: { key: string; body: Promise<string> } | null = null;
  /** The edge kinds last asked for: laid out again after each commit, so the page's live re-query finds it ready. */
  private asked: GraphEdgeKindName[] | null = null;
  private commits: Subscription | null = null;
  /** Until the first commit: lay the default graph out then, asked or not. */
  private warmUp = true;

  constructor(
    private readonly graphs: GraphService,
    private readonly layouts: WholeGraphLayout,
    private readonly reader: SqliteReader,
    private readonly syncCommits: SyncCommits,
  ) {}

  onApplicationBootstrap(): void {
    this.commits = this.syncCommits.commits$.subscribe(() => {
      const kinds = this.asked ?? (this.warmUp ? kindsOf(undefined) : null);
      this.warmUp = false;
      if (kinds) {
        this.answer(kinds).catch(() => undefined);
      }
    });
  }

  onModuleDestroy(): void {
    this.commits?.unsubscribe();
  }

  @Get('whole.json')
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('cache-control', 'no-cache')
  whole(@Query('kinds') kinds?: unknown): Promise<string> {
    const chosen = kindsOf(kinds);
    this.asked = chosen;
    return this.answer(chosen);
  }

  private answer(chosen: GraphEdgeKindName[]): Promise<string> {
    const key = `${this.reader.dataVersion()}:${chosen.join(',')}`;
    if (this.cache?.key !== key) {
      const body = this.build(chosen);
      this.cache = { key, body };
      // A failed build is not kept: the next request tries again.
      body.catch(() => {
        if (this.cache?.body === body) {
          this.cache = null;
        }
      });
    }
    return this.cache.body;
  }

  private async build(kinds: GraphEdgeKindName[]): Promise<string> {
    const graph = await this.graphs.wholeGraph(kinds);
    const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
    const edges = graph.edges.map((e) => [index.get(e.source) as number, index.get(e.target) as number, e.kind, e.weight] as const);
    const xy = await this.layouts.layout(kinds.join(','), {
      ids: graph.nodes.map((n) => n.id),
      edges: edges.map(([s, t, , w]) => [s, t, w] as const),
    });
    const round = (v: number) => Math.round(v * 10) / 10;
    return JSON.stringify({
      nodes: graph.nodes.map((n, i) => [n.id, n.label, n.kind, round(xy[2 * i]), round(xy[2 * i + 1])]),
      edges,
    });
  }
}

/** `link,hierarchy` (the default: the note graph); BAD_USER_INPUT for anything else than edge kinds. */
function kindsOf(value: unknown): GraphEdgeKindName[] {
  if (value === undefined || value === '') {
    return [...NOTE_EDGE_KINDS];
  }
  if (typeof value !== 'string') {
    throw new DomainError(ErrorCode.BadInput, `kinds must be one comma list of edge kinds; got ${quoteInput(value)}`);
  }
  return parseEdgeKinds(value);
}
