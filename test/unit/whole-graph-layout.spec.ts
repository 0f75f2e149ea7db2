import { startPositions, WholeGraphLayout, type LayoutInput } from '../../src/graph/whole-graph-layout';

/** Two cliques of 6 joined by one edge, and a node with no edge. */
function twoClusters(): LayoutInput {
  const ids = [...Array.from({ length: 12 }, (_, i) => `n${i}`), 'alone'];
  const edges: [number, number, number][] = [];
  for (const base of [0, 6]) {
    for (let a = 0; a < 6; a++) {
      for (let b = a + 1; b < 6; b++) {
        edges.push([base + a, base + b, 1]);
      }
    }
  }
  edges.push([5, 6, 1]);
  return { ids, edges };
}

const distance = (xy: Float64Array, a: number, b: number) => Math.hypot(xy[2 * a] - xy[2 * b], xy[2 * a + 1] - xy[2 * b + 1]);

describe('startPositions', () => {
  it('keeps the last layout’s places, puts a new node beside its laid-out neighbours, the rest on a spiral', () => {
    const input: LayoutInput = {
      ids: ['a', 'b', 'new', 'far'],
      edges: [
        [2, 0, 1],
        [2, 1, 1],
      ],
    };
    const xy = startPositions(
      input,
      new Map([
        ['a', [100, 0]],
        ['b', [0, 100]],
      ]),
    );
    expect([...xy.slice(0, 4)]).toEqual([100, 0, 0, 100]);
    expect(Math.hypot(xy[4] - 50, xy[5] - 50)).toBeCloseTo(1, 5);
    expect(Number.isFinite(xy[6]) && Number.isFinite(xy[7])).toBe(true);
    expect(Math.hypot(xy[6] - xy[4], xy[7] - xy[5])).toBeGreaterThan(2);
  });
});

describe('WholeGraphLayout (ForceAtlas2 on a worker thread)', () => {
  let sut: WholeGraphLayout;

  beforeEach(() => {
    sut = new WholeGraphLayout();
  });

  afterEach(() => sut.onModuleDestroy());

  it('draws linked nodes together: each clique is tighter than the distance between the two', async () => {
    const xy = await sut.layout('link', twoClusters());
    expect([...xy].every(Number.isFinite)).toBe(true);
    const within: number[] = [];
    const across: number[] = [];
    for (let a = 0; a < 12; a++) {
      for (let b = a + 1; b < 12; b++) {
        (Math.floor(a / 6) === Math.floor(b / 6) ? within : across).push(distance(xy, a, b));
      }
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(within) * 2).toBeLessThan(mean(across));
  });

  it('is the same for the same graph, and starts the next layout from the last one (nodes stay near their places)', async () => {
    const first = await sut.layout('link', twoClusters());
    expect(await new WholeGraphLayout().layout('link', twoClusters())).toEqual(first);
    const second = await sut.layout('link', twoClusters());
    expect(second).not.toEqual(first);
    const spread = Math.max(...Array.from({ length: 12 }, (_, i) => distance(first, 0, i)));
    for (let i = 0; i < 13; i++) {
      expect(Math.hypot(second[2 * i] - first[2 * i], second[2 * i + 1] - first[2 * i + 1])).toBeLessThan(spread / 4);
    }
    // Under another key (other edge kinds) it starts cold again.
    expect(await sut.layout('hierarchy', twoClusters())).toEqual(first);
  });
});
