import { Controller, Get, Header, Query } from '@nestjs/common';
import { SqliteReader } from '../db/sqlite-reader';
import { DomainError, ErrorCode, quoteInput } from '../common/errors';
import { ALL_EDGE_KINDS, NOTE_EDGE_KINDS, type GraphEdgeKindName } from './graph.records';
import { GraphService } from './graph.service';

/**
 * The whole vault's graph for the web app's graph page, compact: `nodes` as `[id, label, kind]`, `edges` as
 * `[source index, target index, kind, weight]`. GraphQL's `exportGraph(format: cytoscape)` holds the same graph but
 * weighs 50 MB on a 10k-note vault (an object per edge, twice parsed); this is about 4 MB. Kept until the database
 * changes (the read connection's data_version), so pages opened between two syncs share one answer.
 */
@Controller('graph')
export class WholeGraphController {
  private cache: { key: string; body: string } | null = null;

  constructor(
    private readonly graphs: GraphService,
    private readonly reader: SqliteReader,
  ) {}

  @Get('whole.json')
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('cache-control', 'no-cache')
  async whole(@Query('kinds') kinds?: unknown): Promise<string> {
    const chosen = kindsOf(kinds);
    const key = `${this.reader.dataVersion()}:${chosen.join(',')}`;
    if (this.cache?.key !== key) {
      const graph = await this.graphs.wholeGraph(chosen);
      const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
      const body = JSON.stringify({
        nodes: graph.nodes.map((n) => [n.id, n.label, n.kind]),
        edges: graph.edges.map((e) => [index.get(e.source), index.get(e.target), e.kind, e.weight]),
      });
      this.cache = { key, body };
    }
    return this.cache.body;
  }
}

/** `link,hierarchy` (the default: the note graph); BAD_USER_INPUT for anything else than edge kinds. */
function kindsOf(value: unknown): GraphEdgeKindName[] {
  if (value === undefined || value === '') {
    return [...NOTE_EDGE_KINDS];
  }
  const parts = typeof value === 'string' ? value.split(',') : [];
  const bad = parts.find((k) => !(ALL_EDGE_KINDS as readonly string[]).includes(k));
  if (parts.length === 0 || bad !== undefined) {
    throw new DomainError(ErrorCode.BadInput, `kinds must be a comma list of ${ALL_EDGE_KINDS.join(', ')}; got ${quoteInput(value)}`);
  }
  return ALL_EDGE_KINDS.filter((k) => parts.includes(k));
}
