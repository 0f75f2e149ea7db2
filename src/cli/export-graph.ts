import { DomainError, ErrorCode } from '../common/errors';
import { GRAPH_FORMATS, isGraphFormat } from '../graph/export/render-graph';
import { MAX_GRAPH_DEPTH, parseEdgeKinds } from '../graph/graph.records';
import { GraphService } from '../graph/graph.service';
import { emit, withCliContext } from './cli-context';
import { CliGraphModule } from './cli-graph.module';

export interface ExportGraphOptions {
  format: string;
  /** A note id or fname, or `concept:<key>`: export its neighbourhood instead of the whole note graph. */
  from?: string;
  /** Hops from `from`, 0 to 4 (default 1). */
  depth?: string;
  /** Comma-separated edge kinds (link,hierarchy,mention,related). */
  kinds?: string;
  /** Write here instead of stdout. */
  out?: string;
}

function parseDepth(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const depth = Number(value);
  if (!/^\d+$/.test(value) || depth > MAX_GRAPH_DEPTH) {
    throw new DomainError(ErrorCode.BadInput, `--depth must be a whole number from 0 to ${MAX_GRAPH_DEPTH}`);
  }
  return depth;
}

/** `vaultgraph export graph --format F [--from NODE --depth N] [--kinds K,…] [--out FILE]`. */
export async function runExportGraph(opts: ExportGraphOptions): Promise<void> {
  const format = opts.format;
  if (!isGraphFormat(format)) {
    throw new DomainError(ErrorCode.BadInput, `--format must be one of ${GRAPH_FORMATS.join(', ')}`);
  }
  const depth = parseDepth(opts.depth);
  const kinds = opts.kinds === undefined ? undefined : parseEdgeKinds(opts.kinds);
  const text = await withCliContext(CliGraphModule, (app) => app.get(GraphService).exportGraph(format, { from: opts.from, depth, kinds }));
  emit(text, opts.out);
}
