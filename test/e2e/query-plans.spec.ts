import Database from 'better-sqlite3';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { recordStatements } from '../support/statement-count';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * Indexes for every lookup: each statement the API runs for the queries below is explained with its own parameters,
 * and no plan may scan a table. The scans allowed: `json_each` (the id list a loader binds), FTS5 MATCH lookups, a
 * CTE the same statement builds (MATERIALIZE / CO-ROUTINE), and the Vault table (one row per vault); a statement that
 * reads one row of a table with no condition (`LIMIT 1`, an is-it-empty probe) is not a scan.
 * Without ANALYZE statistics SQLite's plans do not depend on the amount of data, so a small vault shows the plans of a
 * large one (the by-fname lookup once walked a whole index on every request).
 */
function allowedScan(detail: string, plan: string[], sql: string): boolean {
  const name = /^SCAN (\w+)/.exec(detail)?.[1] ?? '';
  // What the scanned name stands for: itself, or the table or CTE it aliases (`FROM pairs p`, `JOIN Vault v`).
  const table = new RegExp(`(?:FROM|JOIN)\\s+(\\w+)\\s+(?:AS\\s+)?${name}\\b`, 'i').exec(sql)?.[1] ?? name;
  return (
    /^SCAN (json_each VIRTUAL TABLE|\w+ VIRTUAL TABLE INDEX \d+:M)/.test(detail) ||
    plan.some((d) => d === `MATERIALIZE ${table}` || d === `CO-ROUTINE ${table}`) ||
    table === 'Vault'
  );
}

const QUERIES = [
  `{ note(fname: "n1") { title parent { fname } children { fname } sections { heading chapterSection { heading } }
     links { target { fname } section { heading } } backlinks { source { title } } milestones { date section { heading } } } }`,
  `{ note(id: "id2") { title body } }`,
  `{ note(fname: "n3", vault: "vault") { title } }`,
  `{ concept(name: "xDS") { kind aliases mentions { line note { fname } section { heading } } related(first: 3) { concept { name } weight } notes { fname } } }`,
  `{ search(query: "sidecar", first: 5) { snippet note { fname } section { heading } } }`,
  `{ graph(from: "n1", depth: 1) { nodes { id } edges { source target } } }`,
  `{ path(from: "n1", to: "n3") { id } }`,
  `{ unlinkedMentions(note: "n1") { __typename } }`,
];

describe('query plans of the API reads', () => {
  let ws: TempWorkspace;
  let server: E2eServer;

  beforeAll(async () => {
    ws = tempWorkspace();
    for (let i = 0; i < 30; i++) {
      const body = `## 0${(i % 3) + 1}. Part ${i}\n\nThe sidecar talks xDS; see [[n${(i + 1) % 30}]].\n\n- [ ] 1/${(i % 28) + 1}(sat): 2\n`;
      ws.write(`n${i}.md`, note(`id${i}`, `Note ${i}`, body));
    }
    ws.write('concepts.yml', 'sidecar: []\nxDS: []\n');
    server = await startE2eServer(ws, { VAULTGRAPH_READ_CACHE: 'off' });
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  it.each(QUERIES)('%s: every lookup uses an index', async (query) => {
    const { statements } = await recordStatements(server, query);
    const db = new Database(ws.dbFile, { readonly: true });
    try {
      const reads = statements.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.sql) && !/^\s*SELECT 1 AS one FROM \w+ LIMIT 1\s*$/.test(s.sql));
      expect(reads.length).toBeGreaterThan(0);
      const scans = reads.flatMap(({ sql, args }) => {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((row) => row.detail);
        return plan
          .filter((detail) => detail.startsWith('SCAN ') && !allowedScan(detail, plan, sql))
          .map((detail) => `${detail} in: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`);
      });
      expect(scans).toEqual([]);
    } finally {
      db.close();
    }
  });
});
