import type Database from 'better-sqlite3';
import { AppConfig } from '../../src/common/app-config';
import { GraphRepository } from '../../src/graph/graph.repository';
import { GraphService } from '../../src/graph/graph.service';
import { SqliteReader } from '../../src/db/sqlite-reader';
import { NoteRepository } from '../../src/notes/note.repository';
import { NotesService } from '../../src/notes/notes.service';
import { PrismaService } from '../../src/db/prisma.service';
import { openSqlite } from '../../src/db/sqlite';
import { VaultSync } from '../../src/sync/vault-sync';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** Medium tier: GraphService on the real repository and a real SQLite file synced from a small vault. */
describe('GraphService', () => {
  let ws: TempWorkspace;
  let db: Database.Database;
  let prisma: PrismaService;
  let repo: GraphRepository;
  let reader: SqliteReader;
  let sut: GraphService;

  beforeAll(() => {
    ws = tempWorkspace();
    // hub links to 30 spokes; spoke.1 links on to far; far links to end. course.a and course.b are siblings.
    ws.write('root.md', note('root', 'Root', 'Start at [[hub]].'));
    const spokes = Array.from({ length: 30 }, (_, i) => `[[spoke.${i}]]`).join(' ');
    ws.write('hub.md', note('hub', 'Hub', spokes));
    for (let i = 0; i < 30; i++) {
      ws.write(`spoke.${i}.md`, note(`s${i}`, `Spoke ${i}`, i === 1 ? 'On to [[far]].' : 'A spoke.'));
    }
    ws.write('far.md', note('far', 'Far', 'And [[end-note]].'));
    ws.write('end-note.md', note('end', 'End', 'The end.'));
    ws.write('course.a.md', note('ca', 'Course A', 'No links.'));
    ws.write('course.b.md', note('cb', 'Course B', 'No links.'));
    db = openSqlite(ws.dbFile);
    new VaultSync(db, { maxFileBytes: 64 * 1024, timeZone: 'UTC' }).sync(ws.vault);
    const config = new AppConfig({ DATABASE_URL: ws.databaseUrl });
    prisma = new PrismaService(config);
    repo = new GraphRepository(prisma);
    reader = new SqliteReader(config);
    sut = new GraphService(repo, new NotesService(new NoteRepository(prisma, reader)));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    reader.onModuleDestroy();
    db.close();
    ws.cleanup();
  });

  it('acceptance: two notes two links apart give a path of three nodes', async () => {
    const path = await sut.path('spoke.1', 'end-note', ['link']);
    expect(path.map((n) => n.label)).toEqual(['Spoke 1', 'Far', 'End']);
    expect((await sut.path('hub', 'end-note', ['link'])).map((n) => n.id)).toEqual(['hub', 's1', 'far', 'end']);
  });

  it('siblings are two hierarchy hops apart through their stub parent; without hierarchy they are not connected', async () => {
    const path = await sut.path('course.a', 'course.b');
    expect(path.map((n) => n.label)).toEqual(['Course A', 'Course', 'Course B']);
    expect([path[0].id, path[2].id]).toEqual(['ca', 'cb']);
    expect(await sut.path('course.a', 'course.b', ['link'])).toEqual([]);
  });

  it('loads a neighbourhood with one query per kind and level, however wide the frontier', async () => {
    const around = jest.spyOn(repo, 'edgesAround');
    const among = jest.spyOn(repo, 'edgesAmong');
    const graph = await sut.graph('hub', 2, ['link']);
    // Levels 0 and 1 (31 nodes in the frontier); the last level is `far` alone, so no call for edges inside it.
    expect(around).toHaveBeenCalledTimes(2);
    expect(around.mock.calls[1][0].noteIds).toHaveLength(31);
    expect(among).not.toHaveBeenCalled();
    await sut.graph('hub', 1, ['link']);
    expect(around).toHaveBeenCalledTimes(3);
    expect(among).toHaveBeenCalledTimes(1);
    expect(among.mock.calls[0][0].noteIds).toHaveLength(31);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(['far', 'hub', 'root', ...Array.from({ length: 30 }, (_, i) => `s${i}`)].sort());
    expect(graph.nodes[0].id).toBe('hub');
    around.mockRestore();
    among.mockRestore();
  });

  it('exports the whole note graph with the stubs the hierarchy needs', async () => {
    const whole = await sut.wholeGraph();
    const stubs = whole.nodes.filter((n) => !['root', 'hub', 'far', 'end', 'ca', 'cb'].includes(n.id) && !/^s\d+$/.test(n.id));
    expect(stubs.map((n) => n.label).sort()).toEqual(['Course', 'Spoke']);
    expect(whole.edges.filter((e) => e.kind === 'link')).toHaveLength(33);
    expect(whole.edges.filter((e) => e.kind === 'hierarchy')).toHaveLength(whole.nodes.length - 1);
  });
});
