import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';

export interface IdeLandingPageOptions {
  /** GraphQL endpoint the IDE posts to, e.g. '/graphql'. */
  endpoint: string;
  title?: string;
}

/** Shown on first visit (GraphiQL keeps the user's own query in localStorage afterwards). */
export const IDE_DEFAULT_QUERY = `# Welcome to vaultgraph. Press Ctrl-Enter (or the run button) to execute.
# Mutations need a token: open "Headers" below and add
#   { "Authorization": "Bearer <token>" }
{
  stats {
    notes
    stubs
    links
  }
  note(fname: "lfs144") {
    title
    created
    sections {
      heading
      chapter
    }
  }
}
`;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON for an inline <script>: `<`, U+2028 and U+2029 escaped so nothing can close the tag. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The page's one inline script: it reads the IDE's settings and renders GraphiQL. */
function ideBootScript(options: IdeLandingPageOptions): string {
  const config = scriptJson({ url: options.endpoint, defaultQuery: IDE_DEFAULT_QUERY });
  return `
(function () {
  var root = document.getElementById('graphiql');
  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    root.textContent = 'Could not load the GraphiQL assets from /ide/.';
    return;
  }
  var config = ${config};
  var fetcher = GraphiQL.createFetcher({ url: config.url });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers'
    })
  );
})();
`;
}

/** The CSP source (`sha256-…`) that allows the IDE page's inline script and nothing else inline. */
export function ideScriptHash(options: IdeLandingPageOptions): string {
  return `sha256-${createHash('sha256').update(ideBootScript(options)).digest('base64')}`;
}

export function renderIdeHtml(options: IdeLandingPageOptions): string {
  const title = escapeHtml(options.title ?? 'vaultgraph GraphiQL');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/ide/graphiql.min.css">
<style>html,body,#graphiql{height:100%;margin:0;width:100%;overflow:hidden}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL&hellip;</div>
<script src="/ide/react.production.min.js"></script>
<script src="/ide/react-dom.production.min.js"></script>
<script src="/ide/graphiql.min.js"></script>
<script>${ideBootScript(options)}</script>
</body>
</html>
`;
}

/**
 * Apollo landing page (GET <endpoint> with `accept: text/html`) rendering GraphiQL from
 * our own /ide/ route (IdeModule), so it works with no network. Use with `playground: false`.
 */
export function ideLandingPage(options: IdeLandingPageOptions): ApolloServerPlugin {
  const html = renderIdeHtml(options);
  return {
    serverWillStart() {
      return Promise.resolve({
        renderLandingPage() {
          return Promise.resolve({ html });
        },
      });
    },
  };
}
