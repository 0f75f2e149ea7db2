import type { GraphRecord } from '../graph.records';

export interface CytoscapeElements {
  elements: {
    nodes: { data: { id: string; label: string; kind: string } }[];
    edges: { data: { id: string; source: string; target: string; kind: string; weight: number } }[];
  };
}

/** Cytoscape.js elements JSON: `cytoscape({ elements: json.elements })` loads it as is. */
export function toCytoscapeElements(graph: GraphRecord): CytoscapeElements {
  return {
    elements: {
      nodes: graph.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind } })),
      edges: graph.edges.map((e) => ({
        data: { id: `${e.kind}:${e.source}->${e.target}`, source: e.source, target: e.target, kind: e.kind, weight: e.weight },
      })),
    },
  };
}

export function toCytoscape(graph: GraphRecord): string {
  return `${JSON.stringify(toCytoscapeElements(graph), null, 2)}\n`;
}
