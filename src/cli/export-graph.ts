import { NestFactory } from '@nestjs/core';
import fs from 'node:fs';
import { AppConfig } from '../common/app-config';
import { DomainError, ErrorCode } from '../common/errors';
import { ensureMigrated } from '../common/migrate';
import { GRAPH_FORMATS, isGraphFormat } from '../graph/export/render-graph';
import { ALL_EDGE_KINDS, MAX_GRAPH_DEPTH, type GraphEdgeKindName } from '../graph/graph.records';
import { GraphService } from '../graph/graph.service';
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

function parseKinds(value: string | undefined): GraphEdgeKindName[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  const kinds = value.split(',').map((k) => k.trim());
  const bad = kinds.filter((k) => !(ALL_EDGE_KINDS as readonly string[]).includes(k));
  if (bad.length) {
    throw new DomainError(ErrorCode.BadInput, `unknown edge kind ${bad.join(', ')} (use ${ALL_EDGE_KINDS.join(', ')})`);
  }
  return kinds as GraphEdgeKindName[];
}

/** `vaultgraph export graph --format F [--from NODE --depth N] [--kinds K,…] [--out FILE]`. */
export async function runExportGraph(opts: ExportGraphOptions): Promise<void> {
  const format = opts.format;
  if (!isGraphFormat(format)) {
    throw new DomainError(ErrorCode.BadInput, `--format must be one of ${GRAPH_FORMATS.join(', ')}`);
  }
  const depth = parseDepth(opts.depth);
  const kinds = parseKinds(opts.kinds);
  ensureMigrated(new AppConfig().databaseFile);
  const app = await NestFactory.createApplicationContext(CliGraphModule, { logger: ['error'] });
  try {
    const text = await app.get(GraphService).exportGraph(format, { from: opts.from, depth, kinds });
    if (opts.out) {
      fs.writeFileSync(opts.out, text);
    } else {
      process.stdout.write(text);
    }
  } finally {
    await app.close();
  }
}
