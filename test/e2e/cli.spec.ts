import path from 'node:path';
import { main } from '../../src/cli';
import { note, REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** The CLI in-process (same code as `npx vaultgraph`), on a temporary database and vault. */
describe('vaultgraph CLI', () => {
  let ws: TempWorkspace;
  let out: string;
  let err: string;

  async function run(...args: string[]): Promise<number> {
    out = '';
    err = '';
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
    try {
      await main(['node', 'vaultgraph', ...args]);
      return Number(process.exitCode ?? 0);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      process.exitCode = undefined;
    }
  }

  beforeAll(() => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    process.env.DATABASE_URL = ws.databaseUrl;
    process.env.VAULTGRAPH_TZ = 'UTC';
  });

  afterAll(() => ws.cleanup());

  it('sync --json prints the report contract', async () => {
    ws.write('bad.md', '---\nid: bad\ntitle: [oops\n---\n');
    expect(await run('sync', '--vault', ws.vault, '--json')).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report).sort()).toEqual([
      'added',
      'deleted',
      'diagnostics',
      'durationMs',
      'notes',
      'renamed',
      'unchanged',
      'updated',
    ]);
    expect(report).toMatchObject({ added: 3, notes: 3, diagnostics: [{ file: 'bad.md', code: 'YAML_ERROR', line: 3 }] });
  });

  it('resyncs with nothing to do and reports an edit', async () => {
    expect(await run('sync', '--vault', ws.vault, '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ added: 0, updated: 0, unchanged: 3, diagnostics: [] });
    ws.write('root.md', note('root', 'Root', 'edited'));
    expect(await run('sync', '--vault', ws.vault, '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ added: 0, updated: 1, unchanged: 2, diagnostics: [] });
  });

  it('query runs a GraphQL document against the database', async () => {
    expect(
      await run('query', 'query($f: String) { note(fname: $f) { title milestones { target } } }', '--variables', '{"f":"lfs144"}'),
    ).toBe(0);
    const result = JSON.parse(out);
    expect(result.data.note.title).toBe('Lfs144');
    expect(result.data.note.milestones).toHaveLength(9);
  });

  it('exits 2 with one clear line when the vault is missing', async () => {
    expect(await run('sync', '--vault', path.join(ws.dir, 'nope'), '--json')).toBe(2);
    expect(err).toMatch(/^vaultgraph: vault path does not exist: .*nope\n$/);
    expect(out).toBe('');
  });

  it('exits 1 when a query has errors', async () => {
    expect(await run('query', '{ nosuchfield }')).toBe(1);
    expect(JSON.parse(out).errors[0].message).toMatch(/nosuchfield/);
  });
});
