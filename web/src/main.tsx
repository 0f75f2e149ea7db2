import './style.css';
import { render, type ComponentChildren } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import { ConceptPage } from './pages/concept';
import { DashboardPage } from './pages/dashboard';
import { HealthPage } from './pages/health';
import { NotePage } from './pages/note';
import { SearchPage } from './pages/search';

// The graph page brings sigma and graphology: its code loads only when that page is opened.
const GraphPage = lazy(() => import('./pages/graph').then((m) => ({ default: m.GraphPage })));

function routeOf(path: string, params: URLSearchParams): { title: string; page: ComponentChildren } {
  const note = /^\/notes\/([^/]+)$/.exec(path);
  if (note) {
    const fname = decodeURIComponent(note[1]);
    return { title: fname, page: <NotePage fname={fname} vault={params.get('vault')} /> };
  }
  const concept = /^\/concepts\/([^/]+)$/.exec(path);
  if (concept) {
    const key = decodeURIComponent(concept[1]);
    return { title: `concept ${key}`, page: <ConceptPage name={key} /> };
  }
  switch (path) {
    case '/':
      return { title: 'Dashboard', page: <DashboardPage /> };
    case '/search':
      return { title: 'Search', page: <SearchPage query={params.get('q') ?? ''} /> };
    case '/health':
      return { title: 'Health', page: <HealthPage /> };
    case '/graph':
      return {
        title: 'Graph',
        page: (
          <Suspense fallback={<p aria-live="polite">Loading the graph…</p>}>
            <GraphPage params={params} />
          </Suspense>
        ),
      };
    default:
      return { title: 'Not found', page: <p>There is no page at {path}.</p> };
  }
}

function App() {
  const params = new URLSearchParams(location.search);
  const { title, page } = routeOf(location.pathname, params);
  document.title = `${title} · vaultgraph`;
  const here = (href: string) => (location.pathname === href ? 'page' : undefined);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/">
          vaultgraph
        </a>
        <nav aria-label="Main">
          <a href="/" aria-current={here('/')}>
            Dashboard
          </a>
          <a href="/graph" aria-current={here('/graph')}>
            Graph
          </a>
          <a href="/health" aria-current={here('/health')}>
            Health
          </a>
          <a href="/graphql">GraphQL</a>
        </nav>
        <form class="search-box" role="search" action="/search" method="get">
          <label for="search-q" class="visually-hidden">
            Search the vault
          </label>
          <input id="search-q" name="q" type="search" placeholder="Search the vault" defaultValue={params.get('q') ?? ''} />
          <button type="submit">Search</button>
        </form>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
