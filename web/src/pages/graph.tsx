import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from '../api';
import { Status, graphNodeHref } from '../ui';
import { useLoaded } from '../use-query';
import { drawGraph, EDGE_BUDGET, type DrawnGraph, type GraphData } from '../graph-view';

const KINDS = ['link', 'hierarchy', 'mention', 'related'] as const;
type Kind = (typeof KINDS)[number];
const NOTE_KINDS: Kind[] = ['link', 'hierarchy'];

const NEIGHBOURHOOD = `query Neighbourhood($from: String!, $depth: Int!, $kinds: [GraphEdgeKind!]) {
  graph(from: $from, depth: $depth, kinds: $kinds) { truncated nodes { id kind label } edges { source target kind weight } }
}`;
/** GET /graph/whole.json: nodes `[id, label, kind, x, y]` (laid out by the server), edges `[source index, target index, kind, weight]`. */
interface WholeGraph {
  nodes: [string, string, string, number, number][];
  edges: [number, number, string, number][];
}

interface Settings {
  from: string;
  depth: number;
  kinds: Kind[];
}

function settingsOf(params: URLSearchParams): Settings {
  const from = (params.get('from') ?? '').trim();
  const depth = Math.min(4, Math.max(1, Number(params.get('depth')) || 1));
  const asked = (params.get('kinds') ?? '').split(',').filter((k): k is Kind => (KINDS as readonly string[]).includes(k));
  return { from, depth, kinds: asked.length > 0 ? asked : from ? [...KINDS] : NOTE_KINDS };
}

function urlOf(s: Settings): string {
  const q = new URLSearchParams();
  if (s.from) {
    q.set('from', s.from);
    q.set('depth', String(s.depth));
  }
  q.set('kinds', s.kinds.join(','));
  return `/graph?${q.toString()}`;
}

async function load(s: Settings): Promise<GraphData> {
  if (s.from) {
    const data = await gql<{ graph: GraphData }>(NEIGHBOURHOOD, { ...s });
    return data.graph;
  }
  // The whole vault comes compact from GET /graph/whole.json (GraphQL's exportGraph is ten times larger).
  const res = await fetch(`/graph/whole.json?kinds=${s.kinds.join(',')}`);
  const body = (await res.json()) as WholeGraph | { error: { code: string; message: string } };
  if ('error' in body) {
    throw new ApiError(body.error.message, body.error.code);
  }
  return {
    truncated: false,
    nodes: body.nodes.map(([id, label, kind, x, y]) => ({ id, label, kind, x, y })),
    edges: body.edges.map(([s, t, kind, weight]) => ({ source: body.nodes[s][0], target: body.nodes[t][0], kind, weight })),
  };
}

export function GraphPage({ params }: { params: URLSearchParams }) {
  const [settings, setSettings] = useState(() => settingsOf(params));
  const { data, error, loading } = useLoaded(() => load(settings), JSON.stringify(settings));
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<DrawnGraph | null>(null);

  useEffect(() => {
    if (!data || !container.current) {
      return undefined;
    }
    drawn.current?.kill();
    drawn.current = drawGraph(container.current, data, {
      centre: settings.from ? data.nodes.find((n) => n.id === settings.from || n.label === settings.from)?.id : undefined,
      open: (id, kind) => {
        location.href = graphNodeHref(id, kind);
      },
    });
    return () => {
      drawn.current?.kill();
      drawn.current = null;
    };
  }, [data]);

  const change = (next: Settings) => {
    history.replaceState(null, '', urlOf(next));
    setSettings(next);
  };
  const toggle = (kind: Kind, on: boolean) => {
    const kinds = KINDS.filter((k) => (k === kind ? on : settings.kinds.includes(k)));
    if (kinds.length > 0) {
      change({ ...settings, kinds });
    }
  };

  return (
    <>
      <h1>{settings.from ? `Graph around ${settings.from}` : 'Graph of the whole vault'}</h1>
      <form
        class="graph-controls"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          change({ ...settings, from: formText(form, 'from'), depth: Number(formText(form, 'depth')) || 1 });
        }}
      >
        <label>
          From <input name="from" defaultValue={settings.from} placeholder="note fname or concept:key (empty: whole vault)" />
        </label>
        <label>
          Depth{' '}
          <select name="depth" defaultValue={String(settings.depth)}>
            {[1, 2, 3, 4].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
        <fieldset class="kinds">
          <legend>Edge kinds</legend>
          {KINDS.map((k) => (
            <label key={k} class={`kind-${k}`}>
              <input
                type="checkbox"
                name="kinds"
                value={k}
                checked={settings.kinds.includes(k)}
                onChange={(e) => toggle(k, e.currentTarget.checked)}
              />{' '}
              {k}
            </label>
          ))}
        </fieldset>
      </form>
      <Status loading={loading} error={error} empty={!data} />
      {data && (
        <p class="muted" aria-live="polite">
          {data.nodes.length} nodes, {data.edges.length} edges{data.truncated ? ' (the nearest only: the neighbourhood was cut)' : ''}.
          {data.edges.length > EDGE_BUDGET
            ? ' So many edges are not drawn at once: the hierarchy is, and a node’s own edges while you hover it.'
            : ''}{' '}
          Drag to pan, scroll or use the buttons to zoom, hover a node to see its neighbours, click it to open it.
        </p>
      )}
      <div class="graph-zoom" role="group" aria-label="Zoom">
        <button type="button" onClick={() => drawn.current?.zoom(1.5)}>
          Zoom in
        </button>
        <button type="button" onClick={() => drawn.current?.zoom(1 / 1.5)}>
          Zoom out
        </button>
        <button type="button" onClick={() => drawn.current?.reset()}>
          Reset view
        </button>
      </div>
      <div ref={container} class="graph-canvas" id="graph" role="img" aria-label="Graph drawing; the list below has the same nodes" />
      {data && data.nodes.length <= 500 && (
        <details class="graph-list">
          <summary>Nodes as a list</summary>
          <ul>
            {data.nodes.map((n) => (
              <li key={n.id}>
                <a href={graphNodeHref(n.id, n.kind)}>{n.label}</a> <span class="muted">({n.kind})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
