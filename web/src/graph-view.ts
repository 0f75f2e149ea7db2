import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';

/** Nodes and edges as the API gives them (`graph`, or /graph/whole.json with the server's positions). */
export interface GraphData {
  truncated: boolean;
  nodes: { id: string; kind: string; label: string; x?: number; y?: number }[];
  edges: { source: string; target: string; kind: string; weight: number }[];
}

export interface DrawnGraph {
  zoom(factor: number): void;
  reset(): void;
  kill(): void;
}

type Edge = GraphData['edges'][number];

const NODE_COLOURS: Record<string, string> = { note: '#1f5f99', concept: '#a34d00' };
const EDGE_COLOURS: Record<string, string> = { link: '#7a8ea3', hierarchy: '#6b9e6b', mention: '#d8a77a', related: '#b98fd1' };
const DIM = '#e3e6ea';

/**
 * Past this many edges not all are drawn at once: with 169k edges sigma's first frames took ~7 s in software WebGL.
 * Then the hierarchy edges are drawn (a tree: one per node), and a hovered node's own edges while it is hovered.
 */
export const EDGE_BUDGET = 20_000;

/** How long the layout runs in its worker when the server sent no positions (a neighbourhood). */
function layoutMillis(order: number): number {
  return order > 2000 ? 4000 : 1500;
}

function edgeAttributes(e: Edge) {
  return {
    kind: e.kind,
    size: e.kind === 'link' ? Math.min(1 + Math.log2(e.weight), 4) : 1,
    color: EDGE_COLOURS[e.kind] ?? '#999',
  };
}

/**
 * Draws with WebGL (sigma): pan and zoom with the mouse or the buttons, hover highlights a node's neighbours, click
 * opens it. The whole vault comes laid out by the server (no physics here); a neighbourhood starts on a golden-angle
 * spiral and ForceAtlas2 refines it in a web worker for a few seconds. On a graph with more than EDGE_BUDGET edges only
 * the hierarchy edges are drawn, plus the hovered node's. The container's `data-node-count`/`data-edge-count` are
 * what is drawn (`data-edge-total`: all the graph's edges).
 */
export function drawGraph(
  container: HTMLElement,
  data: GraphData,
  options: { centre?: string; open: (id: string, kind: string) => void },
): DrawnGraph {
  const graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: true });
  const order = data.nodes.length;
  const spread = Math.sqrt(order) * 10;
  const placed = order > 0 && data.nodes.every((n) => n.x !== undefined && n.y !== undefined);
  data.nodes.forEach((n, i) => {
    const r = n.id === options.centre ? 0 : spread * Math.sqrt((i + 0.5) / Math.max(order, 1));
    const a = i * 2.399963229728653;
    graph.addNode(n.id, {
      label: n.label,
      kind: n.kind,
      x: placed ? (n.x as number) : r * Math.cos(a),
      y: placed ? (n.y as number) : r * Math.sin(a),
      size: 3,
      color: NODE_COLOURS[n.kind] ?? '#555',
    });
  });
  const all = data.edges.filter((e) => graph.hasNode(e.source) && graph.hasNode(e.target));
  const partial = all.length > EDGE_BUDGET;
  // Every edge by its ends, for the degree (node size) and, on a partial drawing, the hovered node's edges.
  const incident = new Map<string, Edge[]>();
  for (const e of all) {
    for (const end of e.source === e.target ? [e.source] : [e.source, e.target]) {
      const list = incident.get(end);
      if (list) {
        list.push(e);
      } else {
        incident.set(end, [e]);
      }
    }
  }
  for (const e of partial ? all.filter((x) => x.kind === 'hierarchy') : all) {
    graph.addEdge(e.source, e.target, edgeAttributes(e));
  }
  graph.forEachNode((node) => graph.setNodeAttribute(node, 'size', Math.min(3 + 1.5 * Math.sqrt(incident.get(node)?.length ?? 0), 18)));
  if (options.centre && graph.hasNode(options.centre)) {
    graph.setNodeAttribute(options.centre, 'size', 20);
  }
  const counted = () => {
    container.dataset.nodeCount = String(graph.order);
    container.dataset.edgeCount = String(graph.size);
  };
  container.dataset.edgeTotal = String(all.length);
  container.dataset.edges = partial ? 'hierarchy-and-hovered' : 'all';

  let hovered: string | null = null;
  let neighbours = new Set<string>();
  const renderer = new Sigma(graph, container, {
    labelRenderedSizeThreshold: order > 2000 ? 14 : 6,
    hideEdgesOnMove: partial,
    labelColor: { color: '#1b1f24' },
    nodeReducer: (node, attrs) => {
      if (hovered === null || node === hovered || neighbours.has(node)) {
        return hovered === node ? { ...attrs, highlighted: true, zIndex: 1 } : attrs;
      }
      return { ...attrs, color: DIM, label: null, zIndex: 0 };
    },
    edgeReducer: (edge, attrs) => {
      if (hovered === null) {
        return attrs;
      }
      const [s, t] = graph.extremities(edge);
      return s === hovered || t === hovered ? { ...attrs, size: (attrs.size as number) + 1 } : { ...attrs, hidden: true };
    },
  });
  // On a partial drawing, the hovered node's edges that are not drawn yet: added on enter, dropped on leave.
  let shown: string[] = [];
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    const own = incident.get(node) ?? [];
    neighbours = new Set(own.map((e) => (e.source === node ? e.target : e.source)));
    if (partial) {
      shown = own.filter((e) => e.kind !== 'hierarchy').map((e) => graph.addEdge(e.source, e.target, edgeAttributes(e)));
      counted();
    }
    container.dataset.hovered = node;
    container.style.cursor = 'pointer';
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    neighbours = new Set();
    shown.forEach((edge) => graph.dropEdge(edge));
    shown = [];
    counted();
    delete container.dataset.hovered;
    container.style.cursor = '';
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('clickNode', ({ node }) => options.open(node, graph.getNodeAttribute(node, 'kind') as string));

  counted();

  let layout: FA2Layout | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (placed) {
    container.dataset.layout = 'server';
  } else if (graph.order > 1 && graph.size > 0) {
    layout = new FA2Layout(graph, { settings: { ...forceAtlas2.inferSettings(graph), slowDown: 5 } });
    layout.start();
    container.dataset.layout = 'running';
    timer = setTimeout(() => {
      layout?.stop();
      container.dataset.layout = 'done';
    }, layoutMillis(graph.order));
  } else {
    container.dataset.layout = 'done';
  }
  // The first frame is drawn: from here the graph answers the mouse.
  requestAnimationFrame(() => {
    container.dataset.ready = 'true';
  });

  const camera = renderer.getCamera();
  return {
    zoom: (factor) => void camera.animate({ ratio: camera.ratio / factor }, { duration: 200 }),
    reset: () => void camera.animatedReset({ duration: 200 }),
    kill: () => {
      clearTimeout(timer);
      layout?.kill();
      renderer.kill();
      delete container.dataset.ready;
    },
  };
}
