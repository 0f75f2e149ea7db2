import type { GraphRecord } from '../graph.records';
import { toCytoscape } from './cytoscape';
import { toDot } from './dot';
import { toGraphml } from './graphml';
import { toMermaid } from './mermaid';

export type GraphFormatName = 'graphml' | 'cytoscape' | 'dot' | 'mermaid';

export const GRAPH_FORMATS: readonly GraphFormatName[] = ['graphml', 'cytoscape', 'dot', 'mermaid'];

export function isGraphFormat(value: string): value is GraphFormatName {
  return (GRAPH_FORMATS as readonly string[]).includes(value);
}

/** A graph as text in one of the export formats (pure: the same graph always gives the same bytes). */
export function renderGraph(format: GraphFormatName, graph: GraphRecord): string {
  switch (format) {
    case 'graphml':
      return toGraphml(graph);
    case 'cytoscape':
      return toCytoscape(graph);
    case 'dot':
      return toDot(graph);
    case 'mermaid':
      return toMermaid(graph);
  }
}
