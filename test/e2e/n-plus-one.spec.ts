import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { countStatements } from '../support/statement-count';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * No N+1: the number of SQL statements a query runs must not grow with the number of parents. The shared read cache
 * is off here, so that every request loads what it asks for (read-cache.spec.ts tests the cache).
 */
describe('SQL statements per GraphQL request', () => {
  const NOTES = 150;
  let ws: TempWorkspace;
  let server: E2eServer;

  beforeAll(async () => {
    ws = tempWorkspace();
    for (let i = 0; i < NOTES; i++) {
      const links = [1, 2, 3].map((d) => `[[n${String((i + d * 7) % NOTES).padStart(3, '0')}]]`).join(' ');
      const body = `## Part ${i}\n\nThe sidecar talks xDS to the control plane; see ${links}. Term${i}X is in MixedCase.\n`;
      ws.write(`n${String(i).padStart(3, '0')}.md`, note(`id${i}`, `Note ${i}`, body));
    }
    ws.write('concepts.yml', 'sidecar: []\nxDS: []\ncontrol plane: [control planes]\n');
    server = await startE2eServer(ws, { VAULTGRAPH_READ_CACHE: 'off' });
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  const statementsOf = (query: string) => countStatements(server, query);

  it('loads backlinks and their sources for a page of notes in a bounded number of statements', async () => {
    const query = (first: number) => `{ notes(first: ${first}) { edges { node { title backlinks { source { title } } } } } }`;
    const big = await statementsOf(query(100));
    const small = await statementsOf(query(20));
    expect(big.data?.notes.edges).toHaveLength(100);
    expect(big.data?.notes.edges[0].node.backlinks).toHaveLength(3);
    expect(big.count).toBeGreaterThan(0);
    expect(big.count).toBeLessThanOrEqual(10);
    expect(small.count).toBe(big.count);
  });

  it('loads concept mentions, notes, sections and related concepts in a bounded number of statements', async () => {
    const query = (first: number) => `{ concepts(first: ${first}) { edges { node { name
      mentions { line note { title } section { heading chapterSection { heading } } }
      notes { fname } related(first: 3) { concept { name } weight } } } } }`;
    const big = await statementsOf(query(100));
    const small = await statementsOf(query(5));
    expect(big.data?.concepts.edges).toHaveLength(100);
    expect(big.count).toBeLessThanOrEqual(10);
    expect(small.count).toBe(big.count);
  });
});
