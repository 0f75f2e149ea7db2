import type { GraphRecord } from '../graph.records';

// Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/**
 * GraphML 1.0. Node and edge ids must be XML NMTOKENs in the GraphML schema and ours are not (fnames, concept
 * names with spaces), so elements get `n<i>`/`e<i>` and the vault's id travels in the `id` data key.
 */
export function toGraphml(graph: GraphRecord): string {
  const index = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="d0" for="node" attr.name="id" attr.type="string"/>',
    '  <key id="d1" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="d2" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="d3" for="edge" attr.name="kind" attr.type="string"/>',
    '  <key id="d4" for="edge" attr.name="weight" attr.type="int"/>',
    '  <graph id="vaultgraph" edgedefault="directed">',
  ];
  for (const n of graph.nodes) {
    lines.push(
      `    <node id="${index.get(n.id)}"><data key="d0">${xmlEscape(n.id)}</data><data key="d1">${xmlEscape(n.label)}</data>` +
        `<data key="d2">${n.kind}</data></node>`,
    );
  }
  graph.edges.forEach((e, i) => {
    const source = index.get(e.source);
    const target = index.get(e.target);
    if (source && target) {
      lines.push(
        `    <edge id="e${i}" source="${source}" target="${target}"><data key="d3">${e.kind}</data><data key="d4">${e.weight}</data></edge>`,
      );
    }
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
