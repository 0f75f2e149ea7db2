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

/** Above this many nodes the layered `dot` layout takes minutes (5+ for dendron-site's 1,066); sfdp takes a second. */
const LAYERED_MAX_NODES = 300;

/**
 * Graphviz DOT: notes are boxes, concepts ellipses; `kind` and `weight` ride along as attributes. Large graphs ask
 * for the sfdp layout (`layout=sfdp`), which `dot -Tsvg` honours.
 */
export function toDot(graph: GraphRecord): string {
  const layout = graph.nodes.length > LAYERED_MAX_NODES ? 'layout=sfdp' : 'rankdir=LR';
  const lines = ['digraph vaultgraph {', `  graph [${layout}];`, '  node [shape=box];'];
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
