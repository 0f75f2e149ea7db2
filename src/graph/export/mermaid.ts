import type { GraphEdgeKindName, GraphRecord } from '../graph.records';

/**
 * Text inside `["…"]`: a quote would end it, `#…;` is an entity code, `<`, `>` and `&` are HTML in HTML labels and
 * a leading backtick starts a markdown string; each becomes Mermaid's numeric entity code (`#35;` is `#`).
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F]+/g, ' ') // eslint-disable-line no-control-regex
    .replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`);
}

const ARROW: Record<GraphEdgeKindName, string> = {
  link: '-->',
  hierarchy: '==>',
  mention: '-.->',
  related: '-.-',
};

/**
 * A Mermaid flowchart. Node ids are `n<i>` (a vault id could be a keyword such as `end`, or hold any character);
 * notes are boxes, concepts stadiums; a weight above 1 labels its edge. Mermaid renderers refuse more than 500
 * edges by default: export a neighbourhood (`from`, `depth`) for diagrams.
 */
export function toMermaid(graph: GraphRecord): string {
  const index = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) {
    const text = `"${mermaidText(n.label)}"`;
    lines.push(`  ${index.get(n.id)}${n.kind === 'concept' ? `([${text}])` : `[${text}]`}`);
  }
  for (const e of graph.edges) {
    const source = index.get(e.source);
    const target = index.get(e.target);
    if (source && target) {
      lines.push(`  ${source} ${ARROW[e.kind]}${e.weight > 1 ? `|${e.weight}|` : ''} ${target}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
