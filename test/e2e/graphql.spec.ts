import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_QUERY_COMPLEXITY } from '../../src/common/graphql/limits';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { note, REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** e2e: the real server over HTTP, on a temporary database and a temporary copy of the seeds vault. */
describe('GraphQL over HTTP', () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  let app: INestApplication;
  let http: E2eServer['http'];
  const gql: E2eServer['gql'] = (...args) => server.gql(...args);

  beforeAll(async () => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    ws.write('lfs144.traffic.md', note('traffic', 'Traffic', 'Back to [[lfs144#02-overview]]; see [[lfs144.security]].'));
    server = await startE2eServer(ws, { VAULTGRAPH_TOKEN: 'sekret' });
    ({ app, http } = server);
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  it('serves the seed note as the acceptance asks', async () => {
    const { data, errors } = await gql(
      `{ note(fname: "lfs144") { id title created vault stub parent { fname } sections { heading chapter } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.note).toMatchObject({
      id: '23h17up1bhg323nhuc4m7sx',
      title: 'Lfs144',
      created: '2025-01-04T09:06:06.923Z',
      vault: 'seeds',
      stub: false,
      parent: { fname: 'root' },
    });
    expect(data?.note.sections).toEqual(
      expect.arrayContaining([
        { heading: '02. Overview', chapter: 2 },
        { heading: '03. Installing Istio', chapter: 3 },
      ]),
    );
  });

  it('answers links, backlinks and children through the graph', async () => {
    const { data } = await gql(`{
      note(id: "traffic") { links { kind targetFname anchor resolved target { fname } section { heading } } }
      course: note(fname: "lfs144") { children { fname } backlinks { source { fname } anchor line } }
    }`);
    expect(data?.note.links).toEqual([
      { kind: 'wiki', targetFname: 'lfs144', anchor: '02-overview', resolved: true, target: { fname: 'lfs144' }, section: null },
      { kind: 'wiki', targetFname: 'lfs144.security', anchor: null, resolved: false, target: null, section: null },
    ]);
    expect(data?.course.children).toEqual([{ fname: 'lfs144.traffic' }]);
    expect(data?.course.backlinks.map((b: { source: { fname: string } }) => b.source.fname).sort()).toEqual(['lfs144.traffic', 'root']);
  });

  it('returns every note field the same through a lookup and through a loader', async () => {
    const body = 'Up to [[the course|lfs144#02-overview]].\n\nSee [Istio](https://istio.io/).';
    ws.write('lfs144.extra.md', note('extra', 'Extra', body, 'tags: [istio, mesh]\nstatus: draft\nweight: 3\n'));
    await gql(`mutation { sync { added } }`, undefined, { authorization: 'Bearer sekret' });
    try {
      const fields = 'id fname vault title desc created updated stub tags custom path';
      const linkFields = 'kind targetFname targetVault anchor alias url line column resolved';
      const { data, errors } = await gql(`{
        byId: note(id: "extra") { ${fields} links { ${linkFields} } }
        course: note(fname: "lfs144") { children { ${fields} } backlinks { source { ${fields} } ${linkFields} } }
        listed: notes(filter: { fnamePrefix: "lfs144.extra" }) { edges { node { ${fields} } } }
      }`);
      expect(errors).toBeUndefined();
      // The body starts on line 12 (10 frontmatter lines and a blank one); columns count from 1.
      const toCourse = {
        kind: 'wiki',
        targetFname: 'lfs144',
        targetVault: null,
        anchor: '02-overview',
        alias: 'the course',
        url: null,
        line: 12,
        column: 7,
        resolved: true,
      };
      const toIstio = {
        kind: 'url',
        targetFname: null,
        targetVault: null,
        anchor: null,
        alias: 'Istio',
        url: 'https://istio.io/',
        line: 14,
        column: 5,
        resolved: false,
      };
      const tag = (name: string) => ({
        ...toIstio,
        kind: 'fmtag',
        targetFname: `tags.${name}`,
        alias: null,
        url: null,
        line: 7,
        column: 1,
      });
      expect(data?.byId.links).toEqual([toCourse, toIstio, tag('istio'), tag('mesh')]);
      const { links, ...byId } = data?.byId as Record<string, unknown>;
      expect(data?.course.backlinks).toContainEqual({ source: byId, ...toCourse });
      expect(links).toHaveLength(4);
      expect(byId).toEqual({
        id: 'extra',
        fname: 'lfs144.extra',
        vault: 'seeds',
        title: 'Extra',
        desc: '',
        created: '2025-01-04T09:06:06.923Z',
        updated: '2025-01-04T09:06:06.923Z',
        stub: false,
        tags: ['istio', 'mesh'],
        custom: '{"status":"draft","weight":3}',
        path: 'lfs144.extra.md',
      });
      expect(data?.course.children).toContainEqual(byId);
      expect(data?.listed.edges).toEqual([{ node: byId }]);
    } finally {
      ws.remove('lfs144.extra.md');
      await gql(`mutation { sync { deleted } }`, undefined, { authorization: 'Bearer sekret' });
    }
  });

  it('pages through notes with cursors and caps the page size', async () => {
    const first = await gql(`{ notes(first: 2) { totalCount edges { node { fname } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data?.notes.totalCount).toBe(3);
    expect(first.data?.notes.edges.map((e: { node: { fname: string } }) => e.node.fname)).toEqual(['lfs144', 'lfs144.traffic']);
    const next = await gql(
      `query($after: String) { notes(first: 2, after: $after) { edges { node { fname } } pageInfo { hasNextPage } } }`,
      {
        after: first.data?.notes.pageInfo.endCursor,
      },
    );
    expect(next.data?.notes).toEqual({ edges: [{ node: { fname: 'root' } }], pageInfo: { hasNextPage: false } });
    const tooMany = await gql(`{ notes(first: 1000) { totalCount } }`);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('counts the graph in stats', async () => {
    const { data } = await gql(`{ stats { notes stubs links backlinks unresolvedLinks linksByKind { kind count } } }`);
    expect(data?.stats).toMatchObject({ notes: 3, stubs: 0, backlinks: 2, unresolvedLinks: 1 });
    expect(data?.stats.linksByKind).toEqual(
      expect.arrayContaining([
        { kind: 'url', count: 4 },
        { kind: 'wiki', count: 3 },
      ]),
    );
  });

  it('refuses mutations without the token, runs them with it', async () => {
    const denied = await gql(`mutation { sync { added } }`);
    expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    ws.write('lfs144.security.md', note('security', 'Security', 'mTLS and SPIFFE'));
    const ok = await gql(`mutation { sync { added updated unchanged notes diagnostics { file code } } }`, undefined, {
      authorization: 'Bearer sekret',
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.sync).toMatchObject({ added: 1, updated: 0, unchanged: 3, notes: 4, diagnostics: [] });
    const { data } = await gql(`{ note(id: "traffic") { links { targetFname resolved } } syncStatus { state ready lastRun { added } } }`);
    expect(data?.note.links[1]).toEqual({ targetFname: 'lfs144.security', resolved: true });
    expect(data?.syncStatus).toEqual({ state: 'idle', ready: true, lastRun: { added: 1 } });
  });

  it('reports a missing vault as a clear error', async () => {
    const res = await gql(`mutation { sync(vault: "/definitely/not/here") { added } }`, undefined, { authorization: 'Bearer sekret' });
    // The API syncs only the configured workspace: a folder is not a vault name (the CLI syncs any folder).
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'VAULT_NOT_FOUND' } });
    expect(res.errors?.[0].message).toMatch(/no vault named "\/definitely\/not\/here" here; the configured vaults are/);
  });

  it('refuses queries that are too deep and bodies that are too large', async () => {
    const deep = await gql(
      `{ note(fname: "lfs144") { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { fname } } } } } } } } } } } }`,
    );
    expect(deep.errors?.[0].message).toMatch(/exceeds maximum operation depth/);
    const big = await http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: `{ stats { notes } }`, padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
  });

  it('refuses queries that are too complex, per document and variables', async () => {
    const fields = Array.from({ length: MAX_QUERY_COMPLEXITY + 1 }, (_, i) => `f${i}: __typename`).join(' ');
    for (let attempt = 0; attempt < 2; attempt++) {
      const wide = await gql(`{ ${fields} }`);
      expect(wide.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    }
    // Same document, different variables: the complexity is not taken from the first request's.
    const conditional = `query($wide: Boolean!) { stats { notes } ... @include(if: $wide) { ${fields} } }`;
    expect((await gql(conditional, { wide: false })).data?.stats.notes).toBeGreaterThan(0);
    expect((await gql(conditional, { wide: true })).errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect((await gql(conditional, { wide: false })).errors).toBeUndefined();
    // Variables the operation does not declare change nothing (and are not part of the cached figure's key).
    expect((await gql(conditional, { wide: false, junk: 'x'.repeat(10_000) })).errors).toBeUndefined();
  });

  it('serves the GraphQL IDE page and its assets locally', async () => {
    const page = await http.get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    const scripts = [...page.text.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await http.get(src);
      expect(asset.status).toBe(200);
    }
  });

  it('matches the committed schema.gql (run `npm run schema` after changing the API)', () => {
    const committed = fs
      .readFileSync(path.join(REPO_ROOT, 'schema.gql'), 'utf8')
      .replace(/^#.*\n/gm, '')
      .trim();
    const actual = printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema)).trim();
    expect(committed).toBe(actual);
  });
});
