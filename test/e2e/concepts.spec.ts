import path from 'node:path';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { note, REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

interface MentionJson {
  line: number;
  note: { fname: string };
  section: { heading: string; chapterSection: { heading: string } | null } | null;
}

/** e2e: concepts and search over HTTP, on a temporary copy of the seeds vault (with its concepts.yml). */
describe('concepts and search over HTTP', () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  const gql: E2eServer['gql'] = (...args) => server.gql(...args);
  const auth = { authorization: 'Bearer sekret' };
  const seedLines = () => ws.read('lfs144.md').split('\n');
  const lineOf = (text: string) => seedLines().findIndex((l) => l.includes(text)) + 1;

  beforeAll(async () => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    server = await startE2eServer(ws, { VAULTGRAPH_TOKEN: 'sekret' });
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  const MENTIONS = `mentions { line note { fname } section { heading chapterSection { heading } } }`;

  it('finds sidecar, SPIFFE, xDS, Envoy and gateway on the seed, mentioned where the text names them', async () => {
    const { data, errors } = await gql(`{
      sidecar: concept(name: "sidecar") { name kind ${MENTIONS} }
      spiffe: concept(name: "SPIFFE") { name kind url ${MENTIONS} }
      xds: concept(name: "xDS") { name kind ${MENTIONS} }
      envoy: concept(name: "envoy") { name kind ${MENTIONS} }
      gateway: concept(name: "gateway") { name kind aliases ${MENTIONS} }
    }`);
    expect(errors).toBeUndefined();
    const where = (key: string) =>
      (data?.[key].mentions as MentionJson[]).map((m) => [m.line, m.section?.heading, m.section?.chapterSection?.heading]);
    const problems = ['New problems for microservices', '02. Overview'];
    expect(data?.sidecar).toMatchObject({ name: 'sidecar', kind: 'dictionary' });
    expect(where('sidecar')).toEqual([[lineOf('sidecar injection'), ...problems]]);
    expect(data?.spiffe).toMatchObject({ name: 'SPIFFE', url: 'https://spiffe.io/' });
    expect(where('spiffe')).toEqual([[lineOf('identity(security)'), ...problems]]);
    // xDS is named twice, both under `### New problems for microservices` in `## 02. Overview`.
    expect(where('xds')).toEqual([
      [lineOf('CSR > istio (xDS API)'), ...problems],
      [lineOf('configuring: on istio'), ...problems],
    ]);
    expect(where('envoy')).toEqual(where('xds'));
    expect(data?.gateway.aliases).toEqual(expect.arrayContaining(['gateways', 'ingress gateway', 'egress gateway']));
    expect(where('gateway')).toEqual(
      expect.arrayContaining([
        [lineOf('edge gateway:'), ...problems],
        [lineOf('helm: base'), 'Learning Objectives', '03. Installing Istio'],
      ]),
    );
    for (const m of data?.xds.mentions as MentionJson[]) {
      expect(seedLines()[m.line - 1]).toContain('xDS');
    }
  });

  it('orders concepts by mentions or salience with cursors bound to their order, and counts mentions and notes', async () => {
    type Page = { edges: { cursor: string; node: { key: string; salience: number; mentionCount: number; noteCount: number } }[] };
    const pageOf = async (args: string) => {
      const { data, errors } = await gql(`{ concepts(${args}) { edges { cursor node { key salience mentionCount noteCount } } } }`);
      expect(errors).toBeUndefined();
      return (data?.concepts as Page).edges;
    };
    const all = await pageOf('orderBy: MENTIONS, first: 100');
    expect(all.length).toBeGreaterThan(20);
    const counts = all.map((e) => e.node.mentionCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // The second page by mentions goes on exactly where the first stopped.
    const second = await pageOf(`orderBy: MENTIONS, first: 5, after: "${all[4].cursor}"`);
    expect(second.map((e) => e.node.key)).toEqual(all.slice(5, 10).map((e) => e.node.key));
    const bySalience = (await pageOf('orderBy: SALIENCE, first: 100')).map((e) => e.node.salience);
    expect(bySalience).toEqual([...bySalience].sort((a, b) => b - a));
    expect(bySalience[0]).toBeGreaterThan(bySalience[bySalience.length - 1]);
    // mentionCount and noteCount are the stored mentions: xDS is named on two lines of one note.
    const { data } = await gql(`{ concept(name: "xDS") { mentionCount noteCount mentions { line } } }`);
    expect(data?.concept).toMatchObject({ mentionCount: data?.concept.mentions.length, noteCount: 1 });
    expect(data?.concept.mentionCount).toBe(2);
    // A cursor is bound to its order: a MENTIONS cursor with NAME is a client error.
    const mismatch = await gql(`{ concepts(orderBy: NAME, first: 5, after: "${all[4].cursor}") { totalCount } }`);
    expect(mismatch.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('relates xDS to Envoy and SPIFFE, and finds gateway through its alias', async () => {
    const { data, errors } = await gql(`{
      xds: concept(name: "xDS") { related(first: 20) { concept { name } weight } notes { fname } }
      alias: concept(name: "gateways") { name key }
      alias2: concept(name: "Ingress Gateways") { name }
      none: concept(name: "no such thing") { name }
    }`);
    expect(errors).toBeUndefined();
    const related = data?.xds.related as { concept: { name: string }; weight: number }[];
    expect(related.map((r) => r.concept.name)).toEqual(expect.arrayContaining(['Envoy', 'SPIFFE']));
    expect(related.find((r) => r.concept.name === 'Envoy')?.weight).toBe(1);
    expect(data?.xds.notes).toEqual([{ fname: 'lfs144' }]);
    expect(data?.alias).toEqual({ name: 'gateway', key: 'gateway' });
    expect(data?.alias2).toEqual({ name: 'gateway' });
    expect(data?.none).toBeNull();
  });

  it('searches section text with bm25 and a highlighted snippet, pointing at the enclosing chapter', async () => {
    const { data, errors } = await gql(`{
      search(query: "mutating admission webhook") { note { fname title } section { heading chapterSection { heading } } snippet score }
    }`);
    expect(errors).toBeUndefined();
    const [hit] = data?.search as { snippet: string; score: number }[];
    expect(hit).toMatchObject({
      note: { fname: 'lfs144', title: 'Lfs144' },
      section: { heading: 'New problems for microservices', chapterSection: { heading: '02. Overview' } },
    });
    expect(hit.snippet).toContain('<mark>mutating</mark> <mark>admission</mark> <mark>webhook</mark>');
    expect(hit.score).toBeGreaterThan(0);
  });

  it('never lets search input break the FTS5 query syntax', async () => {
    for (const query of ['a-b', '"', 'NOT', 'sidecar OR', '(x', 'title:istio', '*', '', '   ', 'it\'s "quoted" -x']) {
      const res = await gql(`query($q: String!) { search(query: $q) { snippet } }`, { q: query });
      expect(res.errors).toBeUndefined();
    }
    const stemmed = await gql(`{ search(query: "webhooks sidecar") { section { heading } } }`);
    expect(stemmed.data?.search[0].section.heading).toBe('New problems for microservices');
    const escaped = await gql(`{ search(query: "trust domain") { snippet } }`);
    expect(escaped.data?.search[0].snippet).toContain('&lt;<mark>trust</mark> <mark>domain</mark>&gt;');
  });

  it('lists concepts by kind and name, a page at a time', async () => {
    const dict = await gql(
      `{ concepts(filter: { kind: dictionary }, first: 3) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(dict.data?.concepts.totalCount).toBe(5);
    expect(dict.data?.concepts.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Envoy', 'gateway', 'sidecar']);
    const rest = await gql(
      `query($after: String) { concepts(filter: { kind: dictionary }, first: 3, after: $after) { edges { node { name } } pageInfo { hasNextPage } } }`,
      {
        after: dict.data?.concepts.pageInfo.endCursor,
      },
    );
    expect(rest.data?.concepts).toEqual({
      edges: [{ node: { name: 'SPIFFE' } }, { node: { name: 'xDS' } }],
      pageInfo: { hasNextPage: false },
    });
    const named = await gql(`{ concepts(filter: { nameContains: "config" }) { edges { node { name kind } } } }`);
    expect(named.data?.concepts.edges.map((e: { node: unknown }) => e.node)).toEqual(
      expect.arrayContaining([
        { name: 'mesh configuration', kind: 'defined' },
        { name: 'meshConfig', kind: 'token' },
      ]),
    );
    const bad = await gql(`{ concepts(after: "nope") { totalCount } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('defines and removes dictionary entries through the API, matching them at once', async () => {
    const denied = await gql(`mutation { defineConcept(name: "control plane") { name } }`);
    expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const defined = await gql(
      `mutation { defineConcept(name: "control plane", aliases: ["controlplane"]) { name kind aliases mentions { line } } }`,
      undefined,
      auth,
    );
    expect(defined.errors).toBeUndefined();
    expect(defined.data?.defineConcept).toMatchObject({ name: 'control plane', kind: 'dictionary', aliases: ['controlplane'] });
    expect(defined.data?.defineConcept.mentions.map((m: { line: number }) => m.line)).toEqual(
      expect.arrayContaining([lineOf('configuring: on istio control plane'), lineOf('helm: base')]),
    );
    const byAlias = await gql(`{ concept(name: "controlplane") { name } }`);
    expect(byAlias.data?.concept).toEqual({ name: 'control plane' });

    // A text concept gains the dictionary kind, and falls back to its own kind when the entry goes.
    await gql(`mutation { defineConcept(name: "CSR", aliases: ["certificate signing request"]) { name } }`, undefined, auth);
    expect((await gql(`{ concept(name: "csr") { kind } }`)).data?.concept).toEqual({ kind: 'dictionary' });
    const removed = await gql(`mutation { removeConcept(name: "CSR") }`, undefined, auth);
    expect(removed.data?.removeConcept).toBe(true);
    expect((await gql(`{ concept(name: "csr") { kind mentions { line } } }`)).data?.concept).toMatchObject({ kind: 'token' });

    const gone = await gql(`mutation { removeConcept(name: "control plane") }`, undefined, auth);
    expect(gone.data?.removeConcept).toBe(true);
    expect((await gql(`{ concept(name: "control plane") { name } }`)).data?.concept).toBeNull();
    // Text-only and concepts.yml concepts have no API entry to remove.
    for (const name of ['iptables', 'gateway', 'nothing at all']) {
      const res = await gql(`mutation($n: String!) { removeConcept(name: $n) }`, { n: name }, auth);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const tooShort = await gql(`mutation { defineConcept(name: "x") { name } }`, undefined, auth);
    expect(tooShort.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('drops a false concept through the API at once, and brings it back', async () => {
    const concept = `{ concept(name: "Core components") { name mentions { line } } }`;
    expect((await gql(concept)).data?.concept.mentions.length).toBeGreaterThan(0);
    const denied = await gql(`mutation { ignoreConcept(name: "core components") }`);
    expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const ignored = await gql(`mutation { ignoreConcept(name: "core components") }`, undefined, auth);
    expect(ignored.data?.ignoreConcept).toBe(true);
    expect((await gql(concept)).data?.concept).toBeNull();
    const listed = await gql(`{ concepts(filter: { nameContains: "core comp" }) { totalCount } }`);
    expect(listed.data?.concepts.totalCount).toBe(0);
    // A dictionary entry stays: the user's own word.
    await gql(`mutation { ignoreConcept(name: "sidecar") }`, undefined, auth);
    expect((await gql(`{ concept(name: "sidecar") { kind } }`)).data?.concept).toEqual({ kind: 'dictionary' });

    const back = await gql(`mutation { unignoreConcept(name: "Core Components") }`, undefined, auth);
    expect(back.data?.unignoreConcept).toBe(true);
    expect((await gql(concept)).data?.concept.mentions.length).toBeGreaterThan(0);
    await gql(`mutation { unignoreConcept(name: "sidecar") }`, undefined, auth);
    const none = await gql(`mutation { unignoreConcept(name: "core components") }`, undefined, auth);
    expect(none.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const tooShort = await gql(`mutation { ignoreConcept(name: "x") }`, undefined, auth);
    expect(tooShort.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('picks up a new note and a dictionary file change on the next sync', async () => {
    ws.write('lfs144.mesh.md', note('mesh', 'Mesh', '## Data plane\n\nEvery Envoy sidecar gets its config over xDS.\n'));
    ws.write('concepts.yml', `${ws.read('concepts.yml')}data plane: []\n`);
    const synced = await gql(`mutation { sync { added diagnostics { file } } }`, undefined, auth);
    expect(synced.data?.sync).toEqual({ added: 1, diagnostics: [] });
    const { data } = await gql(`{ concept(name: "data plane") { kind ${MENTIONS} } xds: concept(name: "xDS") { notes { fname } } }`);
    expect(data?.concept.kind).toBe('dictionary');
    // note() writes 7 frontmatter lines and a blank one, so the heading is line 9.
    expect(data?.concept.mentions).toEqual([
      { line: 9, note: { fname: 'lfs144.mesh' }, section: { heading: 'Data plane', chapterSection: null } },
    ]);
    expect(data?.xds.notes).toEqual([{ fname: 'lfs144' }, { fname: 'lfs144.mesh' }]);
    const hits = await gql(`{ search(query: "config over") { note { fname } section { heading } } }`);
    expect(hits.data?.search).toEqual([{ note: { fname: 'lfs144.mesh' }, section: { heading: 'Data plane' } }]);
  });
});
