import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { runExportGraph } from '../../src/cli/export-graph';
import { GraphService, RELATED_MENTION_LIMIT } from '../../src/graph/graph.service';
import { openSqlite } from '../../src/db/sqlite';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * e2e: graph, path, orphans, brokenLinks, unlinkedMentions and exportGraph over HTTP on a small vault.
 * Bodies start on file line 8 (`note()` writes seven frontmatter lines and a blank line), so prose is on line 9.
 */
describe('graph over HTTP', () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  let db: Database.Database;
  const gql: E2eServer['gql'] = (...args) => server.gql(...args);

  beforeAll(async () => {
    ws = tempWorkspace();
    ws.write('root.md', note('root', 'Root', 'The vault root.'));
    ws.write(
      'alpha.md',
      note(
        'alpha',
        'Alpha',
        'See [[beta]] and [[beta]] again.\n\nAlso [[missing.note]] and #nosuchtag.\n\nExternal [site](https://example.com).',
      ),
    );
    ws.write('beta.md', note('beta', 'Beta', 'On to [[gamma]].\n\nWe run a service-mesh.'));
    ws.write(
      'gamma.md',
      note(
        'gamma',
        'Gamma',
        'Gamma talks about alpha without a link.\n\n```\nAlpha in code\n```\n\nAnd `Alpha` inline, [[Alpha|beta]] as a label, alphabet soup.',
      ),
    );
    ws.write('delta.md', note('delta', 'Delta', 'Here [[alpha]] names Alpha with one.'));
    ws.write('alpha.child.md', note('child', 'Child', 'No links here.'));
    ws.write('lonely.md', note('lonely', 'Lonely', 'Nobody links here; it mentions ALPHA loudly.'));
    ws.write('topics.service-mesh.md', note('mesh', 'Service Mesh', 'Mesh things.'));
    server = await startE2eServer(ws);
    // Concepts come from the sync's own extraction; replace them with two known ones so the assertions are exact.
    db = openSqlite(ws.dbFile);
    db.exec(`DELETE FROM ConceptMention; DELETE FROM Concept;
      INSERT INTO Concept (id, key, name, kind) VALUES (1, 'zz-mesh', 'ZZ Mesh', 'dictionary'), (2, 'zz-proxy', 'ZZ Proxy', 'dictionary');
      INSERT INTO ConceptMention (conceptId, noteId, sectionOrdinal, line) VALUES (1, 'alpha', NULL, 9), (2, 'alpha', NULL, 9), (1, 'alpha', NULL, 11), (1, 'beta', NULL, 9);`);
  });

  afterAll(async () => {
    db.close();
    await server.close();
    ws.cleanup();
  });

  const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id).sort();

  it('returns exactly the depth-1 neighbourhood of a note (by fname) and the edges among it', async () => {
    const { data, errors } = await gql(`{ graph(from: "alpha") { nodes { id kind label } edges { source target kind weight } } }`);
    expect(errors).toBeUndefined();
    expect(data?.graph.nodes[0]).toEqual({ id: 'alpha', kind: 'note', label: 'Alpha' });
    expect(ids(data?.graph.nodes)).toEqual(['alpha', 'beta', 'child', 'concept:zz-mesh', 'concept:zz-proxy', 'delta', 'root']);
    expect(data?.graph.edges).toEqual(
      expect.arrayContaining([
        { source: 'alpha', target: 'beta', kind: 'link', weight: 2 },
        { source: 'delta', target: 'alpha', kind: 'link', weight: 1 },
        { source: 'root', target: 'alpha', kind: 'hierarchy', weight: 1 },
        { source: 'root', target: 'beta', kind: 'hierarchy', weight: 1 },
        { source: 'root', target: 'delta', kind: 'hierarchy', weight: 1 },
        { source: 'alpha', target: 'child', kind: 'hierarchy', weight: 1 },
        { source: 'alpha', target: 'concept:zz-mesh', kind: 'mention', weight: 2 },
        { source: 'alpha', target: 'concept:zz-proxy', kind: 'mention', weight: 1 },
        { source: 'beta', target: 'concept:zz-mesh', kind: 'mention', weight: 1 },
        { source: 'concept:zz-mesh', target: 'concept:zz-proxy', kind: 'related', weight: 1 },
      ]),
    );
    expect(data?.graph.edges).toHaveLength(10);
  });

  it('follows only the chosen kinds, from a concept too, and checks its arguments', async () => {
    const links = await gql(`{ graph(from: "alpha", depth: 2, kinds: [link]) { nodes { id } edges { source target } } }`);
    expect(ids(links.data?.graph.nodes)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(links.data?.graph.edges).toHaveLength(4); // alpha→beta, delta→alpha, beta→gamma, gamma→beta
    const concept = await gql(`{ graph(from: "concept:zz-proxy", depth: 1, kinds: [related]) { nodes { id kind label } } }`);
    expect(concept.data?.graph.nodes).toEqual([
      { id: 'concept:zz-proxy', kind: 'concept', label: 'ZZ Proxy' },
      { id: 'concept:zz-mesh', kind: 'concept', label: 'ZZ Mesh' },
    ]);
    const zero = await gql(`{ graph(from: "topics.service-mesh", depth: 0) { nodes { id } edges { kind } } }`);
    expect(zero.data?.graph).toEqual({ nodes: [{ id: 'mesh' }], edges: [] });
    expect((await gql(`{ graph(from: "nope") { nodes { id } } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gql(`{ graph(from: "alpha", depth: 5) { nodes { id } } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('caps a neighbourhood in nodes, and leaves out related edges of concepts named too often, saying so', async () => {
    const all = await gql(`{ graph(from: "alpha", depth: 2) { truncated nodes { id } edges { kind } } }`);
    expect(all.data?.graph.truncated).toBe(false);
    const capped = await gql(`{ graph(from: "alpha", depth: 2, maxNodes: 3) { truncated nodes { id } edges { source target } } }`);
    expect(capped.data?.graph.truncated).toBe(true);
    expect(capped.data?.graph.nodes).toHaveLength(3);
    const kept = new Set(capped.data?.graph.nodes.map((n: { id: string }) => n.id));
    expect(capped.data?.graph.edges.every((e: { source: string; target: string }) => kept.has(e.source) && kept.has(e.target))).toBe(true);
    expect((await gql(`{ graph(from: "alpha", maxNodes: 0) { truncated } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const graphs = server.app.get(GraphService);
    graphs.relatedMentionLimit = 2;
    try {
      const cut = await gql(`{ graph(from: "alpha") { truncated edges { kind } } }`);
      expect(cut.data?.graph.truncated).toBe(true);
      expect(cut.data?.graph.edges.map((e: { kind: string }) => e.kind)).not.toContain('related');
      expect(cut.data?.graph.edges.map((e: { kind: string }) => e.kind)).toContain('mention');
    } finally {
      graphs.relatedMentionLimit = RELATED_MENTION_LIMIT;
    }
  });

  it('finds shortest paths: two links apart is three nodes; none is an empty list', async () => {
    const path2 = await gql(`{ path(from: "alpha", to: "gamma", kinds: [link]) { id label } }`);
    expect(path2.data?.path).toEqual([
      { id: 'alpha', label: 'Alpha' },
      { id: 'beta', label: 'Beta' },
      { id: 'gamma', label: 'Gamma' },
    ]);
    const far = await gql(`{ path(from: "delta", to: "gamma", kinds: [link]) { id } }`);
    expect(far.data?.path.map((n: { id: string }) => n.id)).toEqual(['delta', 'alpha', 'beta', 'gamma']);
    // With hierarchy, root is as close as beta: ties go to the smaller id, so the answer is stable.
    const any = await gql(`{ path(from: "alpha", to: "gamma") { id } }`);
    expect(any.data?.path.map((n: { id: string }) => n.id)).toEqual(['alpha', 'beta', 'gamma']);
    const viaConcept = await gql(`{ path(from: "beta", to: "concept:zz-proxy", kinds: [mention, related]) { id } }`);
    expect(viaConcept.data?.path.map((n: { id: string }) => n.id)).toEqual(['beta', 'concept:zz-mesh', 'concept:zz-proxy']);
    expect((await gql(`{ path(from: "lonely", to: "alpha", kinds: [link]) { id } }`)).data?.path).toEqual([]);
    expect((await gql(`{ path(from: "lonely", to: "lonely") { id } }`)).data?.path).toEqual([{ id: 'lonely' }]);
  });

  it('lists orphans a page at a time (hierarchy does not count)', async () => {
    const first = await gql(`{ orphans(first: 2) { totalCount edges { node { fname } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data?.orphans.totalCount).toBe(4);
    expect(first.data?.orphans.edges.map((e: { node: { fname: string } }) => e.node.fname)).toEqual(['alpha.child', 'lonely']);
    const next = await gql(
      `query($after: String) { orphans(first: 2, after: $after) { edges { node { fname } } pageInfo { hasNextPage } } }`,
      {
        after: first.data?.orphans.pageInfo.endCursor,
      },
    );
    expect(next.data?.orphans).toEqual({
      edges: [{ node: { fname: 'root' } }, { node: { fname: 'topics.service-mesh' } }],
      pageInfo: { hasNextPage: false },
    });
  });

  it('lists broken links with their place (external URLs are not broken)', async () => {
    const { data } = await gql(`{ brokenLinks { totalCount edges { node { kind source { fname } line column targetFname resolved } } } }`);
    expect(data?.brokenLinks.totalCount).toBe(2);
    expect(data?.brokenLinks.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { kind: 'wiki', source: { fname: 'alpha' }, line: 11, column: 6, targetFname: 'missing.note', resolved: false },
      { kind: 'hashtag', source: { fname: 'alpha' }, line: 11, column: 27, targetFname: 'tags.nosuchtag', resolved: false },
    ]);
  });

  describe('unlinkedMentions', () => {
    const alphaMentions = [
      { note: { fname: 'gamma' }, line: 9, column: 19, snippet: 'Gamma talks about alpha without a link.' },
      { note: { fname: 'lonely' }, line: 9, column: 32, snippet: 'Nobody links here; it mentions ALPHA loudly.' },
    ];
    const query = (ref: string) => gql(`{ unlinkedMentions(note: "${ref}") { note { fname } line column snippet } }`);

    it('finds prose naming the note without a link, through the full-text index', async () => {
      db.exec('DELETE FROM SearchIndex');
      db.exec(
        `INSERT INTO SearchIndex (noteId, sectionOrdinal, title, heading, text) SELECT id, NULL, title, NULL, body FROM Note WHERE stub = 0`,
      );
      const { data, errors } = await query('alpha');
      expect(errors).toBeUndefined();
      expect(data?.unlinkedMentions).toEqual(alphaMentions);
      // The derived title "Service Mesh" also counts as its fname segment `service-mesh`.
      expect((await query('topics.service-mesh')).data?.unlinkedMentions).toEqual([
        { note: { fname: 'beta' }, line: 11, column: 10, snippet: 'We run a service-mesh.' },
      ]);
    });

    it('scans the bodies while the index is empty', async () => {
      db.exec('DELETE FROM SearchIndex');
      expect((await query('alpha')).data?.unlinkedMentions).toEqual(alphaMentions);
      expect((await query('nope')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });

  it('exports the whole note graph and a neighbourhood, over GraphQL and from the CLI action', async () => {
    const whole = await gql(`{ exportGraph(format: cytoscape) }`);
    const elements = JSON.parse(whole.data?.exportGraph).elements;
    // Eight notes and the `topics` stub the hierarchy reaches; no concepts unless asked for.
    expect(elements.nodes.map((n: { data: { id: string } }) => n.data.id)).toHaveLength(9);
    expect(elements.nodes.some((n: { data: { kind: string } }) => n.data.kind === 'concept')).toBe(false);
    const near = await gql(`{ exportGraph(format: mermaid, from: "alpha", depth: 1, kinds: [link]) }`);
    expect(near.data?.exportGraph).toBe('flowchart LR\n  n0["Alpha"]\n  n1["Beta"]\n  n2["Delta"]\n  n0 -->|2| n1\n  n2 --> n0\n');

    const out = path.join(ws.dir, 'graph.dot');
    await runExportGraph({ format: 'dot', from: 'beta', depth: '1', kinds: 'link', out });
    expect(fs.readFileSync(out, 'utf8')).toContain('"beta" -> "gamma" [kind=link, weight=1];');
    await expect(runExportGraph({ format: 'png' })).rejects.toThrow(/--format must be one of/);
  });
});
