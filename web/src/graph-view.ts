import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';

/** Nodes and edges as the API gives them (`graph`, or the cytoscape export's elements). */
export interface GraphData {
  truncated: boolean;
  nodes: { id: string; kind: string; label: string }[];
  edges: { source: string; target: string; kind: string; weight: number }[];
}

export interface DrawnGraph {
  zoom(factor: number): void;
  reset(): void;
  kill(): void;
}

const NODE_COLOURS: Record<string, string> = { note: '#1f5f99', concept: '#a34d00' };
const EDGE_COLOURS: Record<string, string> = { link: '#7a8ea3', hierarchy: '#6b9e6b', mention: '#d8a77a', related: '#b98fd1' };
const DIM = '#e3e6ea';

/** How long the layout runs in its worker: the drawing is interactive from the start, and settles meanwhile. */
function layoutMillis(order: number): number {
  return order > 2000 ? 4000 : 1500;
}

/**
 * Draws with WebGL (sigma): pan and zoom with the mouse or the buttons, hover highlights a node's neighbours, click
 * opens it. Positions start on a golden-angle spiral in id order (Dendron ids and fnames keep a hierarchy together)
 * and ForceAtlas2 refines them in a web worker for a few seconds; the page's thread runs no physics.
 */
export function drawGraph(
  container: HTMLElement,
  data: GraphData,
  options: { centre?: string; open: (id: string, kind: string) => void },
): DrawnGraph {
  const graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: true });
  const order = data.nodes.length;
  const spread = Math.sqrt(order) * 10;
  data.nodes.forEach((n, i) => {
    const r = n.id === options.centre ? 0 : spread * Math.sqrt((i + 0.5) / Math.max(order, 1));
    const a = i * 2.399963229728653;
    graph.addNode(n.id, {
      label: n.label,
      kind: n.kind,
      x: r * Math.cos(a),
      y: r * Math.sin(a),
      size: 3,
      color: NODE_COLOURS[n.kind] ?? '#555',
    });
  });
  for (const e of data.edges) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) {
      graph.addEdge(e.source, e.target, {
        kind: e.kind,
        size: e.kind === 'link' ? Math.min(1 + Math.log2(e.weight), 4) : 1,
        color: EDGE_COLOURS[e.kind] ?? '#999',
      });
    }
  }
  graph.forEachNode((node) => graph.setNodeAttribute(node, 'size', Math.min(3 + 1.5 * Math.sqrt(graph.degree(node)), 18)));
  if (options.centre && graph.hasNode(options.centre)) {
    graph.setNodeAttribute(options.centre, 'size', 20);
  }

  let hovered: string | null = null;
  let neighbours = new Set<string>();
  const renderer = new Sigma(graph, container, {
    labelRenderedSizeThreshold: order > 2000 ? 14 : 6,
    hideEdgesOnMove: graph.size > 20000,
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
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    neighbours = new Set(graph.neighbors(node));
    container.dataset.hovered = node;
    container.style.cursor = 'pointer';
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    neighbours = new Set();
    delete container.dataset.hovered;
    container.style.cursor = '';
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('clickNode', ({ node }) => options.open(node, graph.getNodeAttribute(node, 'kind') as string));

  container.dataset.nodeCount = String(graph.order);
  container.dataset.edgeCount = String(graph.size);

  let layout: FA2Layout | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (graph.order > 1 && graph.size > 0) {
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
