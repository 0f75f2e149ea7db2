import type Database from 'better-sqlite3';
import { openSqlite } from '../../src/db/sqlite';
import { VaultSync } from '../../src/sync/vault-sync';
import { SMALL_VAULT_NOTES } from '../../src/vault/parse/salience';
import fs from 'node:fs';
import path from 'node:path';
import { note, REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

interface ConceptRow {
  id: number;
  key: string;
  name: string;
  kind: string;
  url: string | null;
  aliases: string;
}

interface MentionRow {
  id: number;
  key: string;
  noteId: string;
  heading: string | null;
  line: number;
}

/** Medium tier: concepts, mentions and the search index kept by the real sync engine on a real SQLite file. */
describe('VaultSync concepts and search index', () => {
  let ws: TempWorkspace;
  let db: Database.Database;
  let sut: VaultSync;
  const sync = () => sut.sync(ws.vault);
  const rows = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const concepts = () => new Map(rows<ConceptRow>('SELECT * FROM Concept').map((c) => [c.key, c]));
  const mentions = (noteId?: string) =>
    rows<MentionRow>(
      `SELECT m.id, c.key, m.noteId, s.heading, m.line FROM ConceptMention m JOIN Concept c ON c.id = m.conceptId
       LEFT JOIN Section s ON s.noteId = m.noteId AND s.ordinal = m.sectionOrdinal
       WHERE @noteId IS NULL OR m.noteId = @noteId ORDER BY m.noteId, m.line, c.key`,
      { noteId: noteId ?? null },
    );
  const searchRows = (noteId: string) =>
    rows<{ sectionOrdinal: number | null; heading: string | null; title: string; text: string }>(
      'SELECT sectionOrdinal, heading, title, text FROM SearchIndex WHERE noteId = ? ORDER BY rowid',
      noteId,
    );

  // File lines: note() writes 7 frontmatter lines (8 with the tags line) and a blank line, so the body of mesh.md
  // starts at line 10 and that of other.md at line 9.
  const MESH = [
    'Intro text names the sidecar.',
    '',
    '## Identity',
    '',
    'identity: workloads get [SPIFFE](https://spiffe.io/) ids through a CSR.',
    '',
    '### Details',
    '',
    'The *control plane* signs each CSR; see #security.',
    '',
    '## Traffic',
    '',
    'Every sidecar gets config over xDS from the control plane.',
  ].join('\n');

  const PALETTE = ['- the palette here', '- a palette there', '- palette again'].join('\n');
  const FILLERS = Array.from({ length: SMALL_VAULT_NOTES }, (_, i) => `filler${i}`);

  it('keeps an unmarked English word in a small vault, not in a larger one', () => {
    ws.write('pal.md', note('pal', 'Pal', PALETTE));
    sync();
    expect(concepts().has('palette')).toBe(true);
    FILLERS.forEach((f) => ws.write(`${f}.md`, note(f, f, 'Nothing here.')));
    sync();
    expect(concepts().has('palette')).toBe(false);
    FILLERS.forEach((f) => ws.remove(`${f}.md`));
    sync();
    expect(concepts().has('palette')).toBe(true);
  });

  it('drops a name the vault tags as a user (a person), and brings it back when the user tag goes', () => {
    ws.write('people.md', note('people', 'People', '- **Zorvan** runs the mesh team\n- Zorvan wrote the xDS notes'));
    sync();
    expect(concepts().has('zorvan')).toBe(true);
    ws.write('chat.md', note('chat', 'Chat', 'Asked @zorvan about the gateway.'));
    sync();
    expect(concepts().has('zorvan')).toBe(false);
    ws.remove('chat.md');
    sync();
    expect(concepts().has('zorvan')).toBe(true);
  });

  beforeEach(() => {
    ws = tempWorkspace();
    db = openSqlite(ws.dbFile);
    sut = new VaultSync(db, { maxFileBytes: 64 * 1024, timeZone: 'UTC' });
    ws.write('concepts.yml', 'sidecar: [sidecars, side car]\n');
    ws.write('mesh.md', note('mesh', 'Service Mesh', MESH, 'tags: [istio]\n'));
    ws.write('other.md', note('other', 'Other', 'A side car and xDS, nothing else.'));
  });

  afterEach(() => {
    db.close();
    ws.cleanup();
  });

  it('builds concepts from the dictionary, definitions, tags, link labels, emphasis and tokens, strongest kind first', () => {
    expect(sync().diagnostics).toEqual([]);
    const byKey = concepts();
    expect(byKey.get('sidecar')).toMatchObject({ name: 'sidecar', kind: 'dictionary', aliases: '["sidecars","side car"]' });
    expect(byKey.get('identity')).toMatchObject({ kind: 'defined' });
    expect(byKey.get('istio')).toMatchObject({ name: 'istio', kind: 'tag' }); // frontmatter tag
    expect(byKey.get('security')).toMatchObject({ name: 'security', kind: 'tag' }); // #hashtag
    expect(byKey.get('spiffe')).toMatchObject({ name: 'SPIFFE', kind: 'link-label', url: 'https://spiffe.io/' });
    expect(byKey.get('control plane')).toMatchObject({ kind: 'emphasis' });
    expect(byKey.get('csr')).toMatchObject({ name: 'CSR', kind: 'token' });
    expect(byKey.get('xds')).toMatchObject({ name: 'xDS', kind: 'token' });
  });

  it('stores mentions with file lines and their innermost section', () => {
    sync();
    const found = mentions('mesh').map((m) => [m.key, m.line, m.heading]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['sidecar', 10, null],
        ['identity', 12, 'Identity'],
        ['identity', 14, 'Identity'],
        ['spiffe', 14, 'Identity'],
        ['csr', 14, 'Identity'],
        ['control plane', 18, 'Details'],
        ['csr', 18, 'Details'],
        ['control plane', 22, 'Traffic'],
        ['sidecar', 22, 'Traffic'],
        ['xds', 22, 'Traffic'],
      ]),
    );
    // Tags are opaque: `#security` is not a mention of `security`.
    expect(found.filter(([key]) => key === 'security')).toEqual([]);
    // The alias `side car` names sidecar in the other note.
    expect(mentions('other').map((m) => [m.key, m.line])).toEqual([
      ['sidecar', 9],
      ['xds', 9],
    ]);
  });

  it('indexes each section with its own text, and the text before the first heading', () => {
    sync();
    const index = searchRows('mesh');
    expect(index.map((r) => [r.sectionOrdinal, r.heading])).toEqual([
      [null, null],
      [0, 'Identity'],
      [1, 'Details'],
      [2, 'Traffic'],
    ]);
    expect(index.every((r) => r.title === 'Service Mesh')).toBe(true);
    expect(index[0].text).toBe('Intro text names the sidecar.');
    // `## Identity` stops at `### Details`: its subsection's text is not repeated.
    expect(index[1].text).toBe('## Identity\n\nidentity: workloads get [SPIFFE](https://spiffe.io/) ids through a CSR.');
    expect(index[2].text).toContain('signs each CSR');
  });

  it("replaces the search rows of a rewritten note, and keeps each note's rows in its recorded rowid range", () => {
    sync();
    ws.write('other.md', note('other', 'Other', '## One\n\nFirst rewrite.\n\n## Two\n\nWith two sections.'));
    sync();
    ws.write('other.md', note('other', 'Other', 'Second rewrite, about a sidecar.'));
    ws.write('new.md', note('new', 'New', '## Only\n\nA new note.'));
    sync();
    expect(searchRows('other')).toEqual([
      { sectionOrdinal: null, heading: null, title: 'Other', text: 'Second rewrite, about a sidecar.' },
    ]);
    expect(searchRows('new').map((r) => r.heading)).toEqual(['Only']);
    const ranges = rows<{ noteId: string; first: number; last: number }>('SELECT noteId, first, last FROM SearchRange ORDER BY noteId');
    expect(ranges.map((r) => r.noteId)).toEqual(['mesh', 'new', 'other']);
    for (const r of ranges) {
      const inRange = rows<{ noteId: string }>('SELECT noteId FROM SearchIndex WHERE rowid BETWEEN ? AND ?', r.first, r.last);
      expect(inRange.every((x) => x.noteId === r.noteId)).toBe(true);
      expect(inRange).toHaveLength(searchRows(r.noteId).length);
    }
    expect(rows('SELECT rowid FROM SearchIndex')).toHaveLength(ranges.reduce((n, r) => n + r.last - r.first + 1, 0));
  });

  it('fills SearchRange for an existing index with the migration that added it, as the sync records them', () => {
    sync();
    ws.write('other.md', note('other', 'Other', '## One\n\nRewritten.\n\n## Two\n\nTwice.'));
    sync();
    const ranges = () => rows('SELECT noteId, first, last FROM SearchRange ORDER BY noteId');
    const recorded = ranges();
    expect(recorded).toHaveLength(2);
    const migration = fs.readFileSync(path.join(REPO_ROOT, 'prisma/migrations/20261128060000_search_range/migration.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('INSERT INTO "SearchRange"'));
    db.exec('DELETE FROM SearchRange');
    db.exec(backfill);
    expect(ranges()).toEqual(recorded);
  });

  it('touches no concept, mention or search row on a resync with no change', () => {
    sync();
    const before = changes();
    expect(sync()).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 2 });
    expect(changes() - before).toBe(1); // the sync-run row
  });

  it('re-matches only the changed note when the set of names stays the same, keeping concept ids', () => {
    sync();
    const ids = concepts();
    const otherMentions = mentions('other');
    ws.write(
      'mesh.md',
      note(
        'mesh',
        'Service Mesh',
        MESH.replace('Intro text names the sidecar.', 'Intro text, then more.\n\nThe sidecar.'),
        'tags: [istio]\n',
      ),
    );
    expect(sync()).toMatchObject({ updated: 1 });
    expect(concepts()).toEqual(ids);
    expect(mentions('other')).toEqual(otherMentions); // same rows, same ids: not rewritten
    expect(mentions('mesh').find((m) => m.key === 'sidecar')?.line).toBe(12);
    expect(searchRows('mesh')[0].text).toBe('Intro text, then more.\n\nThe sidecar.');
    expect(rows('SELECT 1 FROM SearchIndex WHERE noteId = ?', 'mesh')).toHaveLength(4); // old rows gone
  });

  it('re-matches every note when a dictionary entry is added, keeping the ids of the other concepts', () => {
    sync();
    const ids = concepts();
    ws.write('concepts.yml', 'sidecar: [sidecars, side car]\nnothing else: [else]\n');
    expect(sync()).toMatchObject({ updated: 0, unchanged: 2 });
    const after = concepts();
    for (const [key, c] of ids) {
      expect(after.get(key)?.id).toBe(c.id);
    }
    expect(after.get('nothing else')).toMatchObject({ kind: 'dictionary', aliases: '["else"]' });
    expect(mentions('other').map((m) => [m.key, m.line])).toEqual([
      ['nothing else', 9],
      ['sidecar', 9],
      ['xds', 9],
    ]);
  });

  it('re-matches only the notes a name change can affect, with the same result as a first sync', () => {
    // Concepts (without their ids) and mentions: an incremental sync must leave what a first sync of the same files does.
    const mentionSet = (d: Database.Database) =>
      (
        d
          .prepare(
            `SELECT c.key, m.noteId, m.sectionOrdinal, m.line FROM ConceptMention m JOIN Concept c ON c.id = m.conceptId
             ORDER BY c.key, m.noteId, m.line`,
          )
          .all() as object[]
      )
        .concat(
          d.prepare('SELECT key, name, kind, url, aliases, mentionCount, noteCount, salience FROM Concept ORDER BY key').all() as object[],
        )
        .map((r) => JSON.stringify(r));
    const fromScratch = () => {
      const fresh = tempWorkspace();
      const freshDb = openSqlite(fresh.dbFile);
      try {
        new VaultSync(freshDb, { maxFileBytes: 64 * 1024, timeZone: 'UTC' }).sync(ws.vault);
        expect(countsDisagreeing(freshDb)).toEqual([]);
        return mentionSet(freshDb);
      } finally {
        freshDb.close();
        fresh.cleanup();
      }
    };
    ws.write('gw.md', note('gw', 'Gateways', 'The edge gateways and every other gateway.\n\nNo Proxies here, one PROXY there.'));
    ws.write('quiet.md', note('quiet', 'Quiet', 'Nothing to see.'));
    sync();
    const steps = [
      // a longer name takes over part of the text of a shorter one, in notes this sync did not write
      () => ws.write('concepts.yml', 'sidecar: [sidecars, side car]\nedge gateway: []\ngateway: []\n'),
      // a new token in one note, also named (in another form) in a note the sync does not write
      () => ws.write('quiet.md', note('quiet', 'Quiet', 'A Proxy in MixedCase: see proxy.')),
      // the longer name goes: the shorter one matches there again
      () => ws.write('concepts.yml', 'sidecar: [sidecars]\ngateway: []\n'),
      // a concept nobody names any more goes with its mentions
      () => ws.remove('quiet.md'),
      // a token gains a stronger kind in another note, then a URL from a link label, then a more frequent spelling
      () => ws.write('e1.md', note('e1', 'E1', 'Envoy runs as a sidecar.')),
      () => ws.write('e2.md', note('e2', 'E2', 'The *Envoy* proxy.')),
      () => ws.write('e3.md', note('e3', 'E3', 'See [Envoy](https://envoyproxy.io/) and ENVOY, [ENVOY](https://example.com/e).')),
      () => ws.write('e4.md', note('e4', 'E4', 'Also the *ENVOY* docs.')),
      // the note with the stronger kind and the URLs goes: the concept falls back to what is left
      () => ws.remove('e3.md'),
      () => ws.remove('e2.md'),
      // a dictionary concept takes its URL from a link label written as one of its aliases, and loses it again
      () => ws.write('concepts.yml', 'sidecar: [sidecars, side car]\ngateway: []\n'),
      () => ws.write('e1.md', note('e1', 'E1', 'A [side car](https://example.com/sidecar) next to Envoy.')),
      () => ws.write('e1.md', note('e1', 'E1', 'Envoy, alone.')),
      // two entries share an alias: the entry whose key sorts first owns it (and its URL), in whatever order they come
      () => ws.write('concepts.yml', 'alpha: [shared]\nbeta: [shared]\n'),
      () => ws.write('e5.md', note('e5', 'E5', 'See [shared](https://s.example/).')),
      () => ws.write('concepts.yml', 'beta: [shared]\nalpha: [shared]\n'),
      () => ws.write('e1.md', note('e1', 'E1', 'Envoy, alone again.')),
      // an unmarked English word counts in a small vault only: past SMALL_VAULT_NOTES notes it goes, and comes back
      () => ws.write('pal.md', note('pal', 'Pal', PALETTE)),
      () => FILLERS.forEach((f) => ws.write(`${f}.md`, note(f, f, 'Nothing here.'))),
      () => ws.write('pal.md', note('pal', 'Pal', `${PALETTE}\n- palette`)),
      () => FILLERS.forEach((f) => ws.remove(`${f}.md`)),
    ];
    // Stored counts are the mention rows, counted: checked on this database, and on the fresh one through mentionSet.
    const countsDisagreeing = (d: Database.Database) =>
      d
        .prepare(
          `SELECT c.key FROM Concept c LEFT JOIN (SELECT conceptId, count(*) AS n, count(DISTINCT noteId) AS notes FROM ConceptMention
           GROUP BY conceptId) m ON m.conceptId = c.id WHERE c.mentionCount <> coalesce(m.n, 0) OR c.noteCount <> coalesce(m.notes, 0)`,
        )
        .all();
    for (const step of steps) {
      step();
      sync();
      expect(countsDisagreeing(db)).toEqual([]);
      expect(mentionSet(db)).toEqual(fromScratch());
    }
  });

  it('applies API definitions with the file dictionary, and a removal falls back to the text', () => {
    sync();
    expect(sut.updateConcepts({ define: { name: 'CSR', aliases: ['certificate signing request'] } })).toBe(true);
    expect(concepts().get('csr')).toMatchObject({ kind: 'dictionary', aliases: '["certificate signing request"]' });
    expect(sut.updateConcepts({ remove: 'certificate signing request' })).toBe(true); // found through the alias
    expect(concepts().get('csr')).toMatchObject({ kind: 'token', aliases: '[]' });
    expect(sut.updateConcepts({ remove: 'sidecar' })).toBe(false); // concepts.yml, not an API definition
  });

  it('drops the names of an `ignore:` list, and brings them back when the list alone changes', () => {
    sync();
    expect(concepts().get('control plane')).toMatchObject({ kind: 'emphasis' });
    expect(mentions().filter((m) => m.key === 'xds')).toHaveLength(2);
    ws.write('concepts.yml', 'sidecar: [sidecars, side car]\nignore: [Control Planes, xDS]\n');
    sync(); // no note changed, only the list
    expect(concepts().get('control plane')).toBeUndefined();
    expect(concepts().get('xds')).toBeUndefined();
    expect(mentions().filter((m) => m.key === 'xds' || m.key === 'control plane')).toEqual([]);
    expect(concepts().get('sidecar')).toMatchObject({ kind: 'dictionary' });
    const before = changes();
    sync(); // the same list again: the dictionary shortcut holds, only the SyncRun row is written
    expect(changes() - before).toBe(1);
    ws.write('concepts.yml', 'sidecar: [sidecars, side car]\nignore: [control plane]\n');
    sync();
    expect(concepts().get('xds')).toMatchObject({ name: 'xDS', kind: 'token' });
    expect(mentions().filter((m) => m.key === 'xds')).toHaveLength(2);
    expect(concepts().get('control plane')).toBeUndefined();
  });

  it('reports a broken dictionary and keeps the concepts from the text', () => {
    ws.write('concepts.yml', 'sidecar: [oops\n');
    const report = sync();
    expect(report.diagnostics).toEqual([expect.objectContaining({ file: 'concepts.yml', code: 'CONFIG_ERROR' })]);
    expect(concepts().get('sidecar')).toBeUndefined();
    expect(concepts().get('xds')).toMatchObject({ kind: 'token' });
  });

  it('drops the search rows, sources and mentions of a deleted note, and concepts nobody names any more', () => {
    sync();
    ws.remove('mesh.md');
    expect(sync()).toMatchObject({ deleted: 1 });
    expect(searchRows('mesh')).toEqual([]);
    expect(mentions('mesh')).toEqual([]);
    expect(rows("SELECT 1 FROM ConceptSource WHERE noteId = 'mesh'")).toEqual([]);
    expect(concepts().has('spiffe')).toBe(false);
    expect(concepts().has('xds')).toBe(true); // still named in other.md
    expect(searchRows('other')).toHaveLength(1);
  });
});
