import type { GraphEdgeKindName, GraphRecord } from '../graph.records';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]+/g;

/**
 * A DOT quoted string. Inside quotes Graphviz only unescapes `\"`, but labels give `\n`, `\l`, `\N`… a meaning and a
 * lone trailing `\` would swallow the closing quote, so backslashes are doubled too; control characters (newlines
 * included) become a space. ts-graphviz 2.x writes `"x\"` for an id ending in a backslash, hence this writer.
 */
export function dotQuote(text: string): string {
  return `"${text.replace(CONTROL, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A label: Graphviz reads `&name;` entities in labels, so `&` itself is written as `&amp;`. */
export function dotLabel(text: string): string {
  return dotQuote(text.replace(/&/g, '&amp;'));
}

const EDGE_STYLE: Record<GraphEdgeKindName, string> = {
  link: '',
  hierarchy: ', style=dashed, color=gray50',
  mention: ', style=dotted',
  related: ', style=dotted, dir=none',
};

/** Graphviz DOT: notes are boxes, concepts ellipses; `kind` and `weight` ride along as attributes. */
export function toDot(graph: GraphRecord): string {
  const lines = ['digraph vaultgraph {', '  graph [rankdir=LR];', '  node [shape=box];'];
  for (const n of graph.nodes) {
    const shape = n.kind === 'concept' ? ', shape=ellipse' : '';
    lines.push(`  ${dotQuote(n.id)} [label=${dotLabel(n.label)}, kind=${n.kind}${shape}];`);
  }
  for (const e of graph.edges) {
    lines.push(`  ${dotQuote(e.source)} -> ${dotQuote(e.target)} [kind=${e.kind}, weight=${e.weight}${EDGE_STYLE[e.kind]}];`);
  }
  lines.push('}', '');
  return lines.join('\n');
}
