import Database from 'better-sqlite3';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { countStatements } from '../support/statement-count';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * The loaders share rows between requests until the database changes (src/common/read-cache.ts): a repeated query
 * runs fewer statements, and any commit, by the server's own sync or by another connection, is seen by the next
 * request.
 */
describe('read cache shared between requests', () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  const QUERY = `{ note(fname: "hub") { title backlinks { line source { fname title } } } }`;

  beforeAll(async () => {
    ws = tempWorkspace();
    ws.write('hub.md', note('hub', 'Hub', 'The hub.\n'));
    ws.write('a.md', note('a', 'A', 'See [[hub]].\n'));
    ws.write('b.md', note('b', 'B', 'Also [[hub]] here.\n'));
    server = await startE2eServer(ws, { VAULTGRAPH_TOKEN: 'sekret', VAULTGRAPH_READ_CACHE: 'on' });
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  const sources = (data: Record<string, any> | undefined): string[] =>
    (data?.note.backlinks as { source: { title: string } }[]).map((b) => b.source.title).sort();

  it('answers a repeated query from the cache, with the same data', async () => {
    const first = await countStatements(server, QUERY);
    const second = await countStatements(server, QUERY);
    expect(sources(first.data)).toEqual(['A', 'B']);
    expect(second.data).toEqual(first.data);
    // The root lookup by fname still runs; the backlinks and their source notes come from the cache.
    expect(second.count).toBeLessThan(first.count);
  });

  it('sees a commit made by another connection on the next request', async () => {
    await server.gql(QUERY);
    const other = new Database(ws.dbFile);
    try {
      other.prepare(`UPDATE Note SET title = 'A, renamed elsewhere' WHERE fname = 'a'`).run();
    } finally {
      other.close();
    }
    expect(sources((await server.gql(QUERY)).data)).toEqual(['A, renamed elsewhere', 'B']);
  });

  it('sees the changes of a sync run through the API', async () => {
    await server.gql(QUERY);
    ws.write('b.md', note('b', 'B', 'No link any more.\n'));
    ws.write('c.md', note('c', 'C', 'Now [[hub]] from c.\n'));
    const sync = await server.gql(`mutation { sync { added updated } }`, undefined, { authorization: 'Bearer sekret' });
    expect(sync.data?.sync).toEqual({ added: 1, updated: 1 });
    const after = (await server.gql(QUERY)).data;
    expect(after?.note.backlinks.map((b: { source: { fname: string } }) => b.source.fname).sort()).toEqual(['a', 'c']);
  });
});
