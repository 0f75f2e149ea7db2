import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

/** Node ids in the graph's order and edges as `[source index, target index, weight]`. */
export interface LayoutInput {
  ids: readonly string[];
  edges: readonly (readonly [number, number, number])[];
}

/** ForceAtlas2 rounds from a spiral (nothing laid out before), and from the last layout (most nodes kept their place). */
export const COLD_ITERATIONS = 40;
export const WARM_ITERATIONS = 10;

// graphology-layout-forceatlas2's flat matrices (helpers.js): 10 floats a node, 3 an edge.
const PPN = 10;
const PPE = 3;
const GOLDEN_ANGLE = 2.399963229728653;

/** Settings as graphology-layout-forceatlas2's defaults.js plus its inferSettings(order) (Barnes-Hut past 2,000 nodes). */
function settingsFor(order: number): Record<string, number | boolean> {
  return {
    linLogMode: false,
    outboundAttractionDistribution: false,
    adjustSizes: false,
    edgeWeightInfluence: 1,
    scalingRatio: 10,
    strongGravityMode: true,
    gravity: 0.05,
    slowDown: 1 + Math.log(Math.max(order, 1)),
    barnesHutOptimize: order > 2000,
    barnesHutTheta: 0.5,
  };
}

/**
 * Where each node starts: where the last layout left it; else, a new node beside the mean of its laid-out neighbours
 * (so an added note appears next to what it links to); else on a golden-angle spiral in the graph's order.
 */
export function startPositions(input: LayoutInput, previous: ReadonlyMap<string, readonly [number, number]>): Float64Array {
  const n = input.ids.length;
  const xy = new Float64Array(n * 2);
  const placed = new Uint8Array(n);
  const spread = Math.sqrt(n) * 10;
  input.ids.forEach((id, i) => {
    const p = previous.get(id);
    if (p) {
      xy[2 * i] = p[0];
      xy[2 * i + 1] = p[1];
      placed[i] = 1;
    }
  });
  const sum = new Float64Array(n * 2);
  const count = new Uint32Array(n);
  for (const [s, t] of input.edges) {
    for (const [a, b] of [
      [s, t],
      [t, s],
    ]) {
      if (!placed[a] && placed[b]) {
        sum[2 * a] += xy[2 * b];
        sum[2 * a + 1] += xy[2 * b + 1];
        count[a]++;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (placed[i]) {
      continue;
    }
    const a = i * GOLDEN_ANGLE;
    if (count[i] > 0) {
      xy[2 * i] = sum[2 * i] / count[i] + Math.cos(a);
      xy[2 * i + 1] = sum[2 * i + 1] / count[i] + Math.sin(a);
    } else {
      const r = spread * Math.sqrt((i + 0.5) / n);
      xy[2 * i] = r * Math.cos(a);
      xy[2 * i + 1] = r * Math.sin(a);
    }
  }
  return xy;
}

/** The matrices graphology-layout-forceatlas2's iterate() works on (as its graphToByteArrays builds them). */
function matrices(input: LayoutInput, xy: Float64Array): { nodes: Float32Array; edges: Float32Array } {
  const nodes = new Float32Array(input.ids.length * PPN);
  for (let i = 0; i < input.ids.length; i++) {
    nodes[i * PPN] = xy[2 * i];
    nodes[i * PPN + 1] = xy[2 * i + 1];
    nodes[i * PPN + 6] = 1; // mass: 1 + weighted degree, below
    nodes[i * PPN + 7] = 1; // convergence
    nodes[i * PPN + 8] = 1; // size
  }
  const edges = new Float32Array(input.edges.length * PPE);
  input.edges.forEach(([s, t, w], j) => {
    nodes[s * PPN + 6] += w;
    nodes[t * PPN + 6] += w;
    edges[j * PPE] = s * PPN;
    edges[j * PPE + 1] = t * PPN;
    edges[j * PPE + 2] = w;
  });
  return { nodes, edges };
}

// A worker of a few lines, given as source: it needs nothing of ours, so it runs the same from dist/ and under Jest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const iterate = require(workerData.iterate);
parentPort.once('message', ({ settings, nodes, edges, iterations }) => {
  for (let i = 0; i < iterations; i++) iterate(settings, nodes, edges);
  parentPort.postMessage(nodes, [nodes.buffer]);
});`;

/**
 * Lays out the whole-vault graph on the server (ForceAtlas2, a fixed number of rounds, on a worker thread so the API
 * keeps answering meanwhile), so the graph page draws at once and runs no physics. Each layout starts from the last
 * one: between two syncs nodes keep their places and only a few rounds are needed.
 */
@Injectable()
export class WholeGraphLayout implements OnModuleDestroy {
  private readonly last = new Map<string, Map<string, readonly [number, number]>>();
  private readonly running = new Set<Worker>();

  /** `x, y` of each node, in input order; `key` names the layout kept for the next call (the edge kinds). */
  async layout(key: string, input: LayoutInput): Promise<Float64Array> {
    const previous = this.last.get(key) ?? new Map<string, readonly [number, number]>();
    const xy = startPositions(input, previous);
    const kept = input.ids.filter((id) => previous.has(id)).length;
    const iterations = kept >= input.ids.length * 0.9 ? WARM_ITERATIONS : COLD_ITERATIONS;
    if (input.ids.length > 1 && input.edges.length > 0) {
      const laidOut = await this.iterate(input, xy, iterations);
      for (let i = 0; i < input.ids.length; i++) {
        xy[2 * i] = laidOut[i * PPN];
        xy[2 * i + 1] = laidOut[i * PPN + 1];
      }
    }
    this.last.set(key, new Map(input.ids.map((id, i) => [id, [xy[2 * i], xy[2 * i + 1]] as const])));
    return xy;
  }

  onModuleDestroy(): void {
    for (const worker of this.running) {
      void worker.terminate();
    }
  }

  private iterate(input: LayoutInput, xy: Float64Array, iterations: number): Promise<Float32Array> {
    const { nodes, edges } = matrices(input, xy);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { iterate: require.resolve('graphology-layout-forceatlas2/iterate.js') },
    });
    this.running.add(worker);
    return new Promise<Float32Array>((resolve, reject) => {
      worker.once('message', (result: Float32Array) => resolve(result));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the layout worker stopped (exit code ${code})`)));
      worker.postMessage({ settings: settingsFor(input.ids.length), nodes, edges, iterations }, [
        nodes.buffer as ArrayBuffer,
        edges.buffer as ArrayBuffer,
      ]);
    }).finally(() => {
      this.running.delete(worker);
      void worker.terminate();
    });
  }
}
