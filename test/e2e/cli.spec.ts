import fs from 'node:fs';
import path from 'node:path';
import ical from 'node-ical';
import { main } from '../../src/cli';
import { collectOutput, exited, spawnCli } from '../support/spawn-cli';
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
    // The server's pipeline: its error codes, and its limits.
    expect(JSON.parse(out).errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const deep = `{ note(fname: "lfs144") { ${'parent { '.repeat(10)}fname${' }'.repeat(10)} } }`;
    expect(await run('query', deep)).toBe(1);
    expect(JSON.parse(out).errors[0].message).toMatch(/exceeds maximum operation depth/);
  });

  it('answers a client mistake with one line and exit 2', async () => {
    const missing = path.join(ws.dir, 'nonexistent.graphql');
    expect(await run('query', `@${missing}`)).toBe(2);
    expect(err).toBe(`vaultgraph: cannot read ${missing}: ENOENT: no such file or directory\n`);
    expect(await run('query', '{ stats { notes } }', '--variables', '[1]')).toBe(2);
    expect(err).toBe(`vaultgraph: --variables must be a JSON object, e.g. '{"fname":"lfs144"}'\n`);
    expect(await run('query', '{ stats { notes } }', '--variables', '{oops')).toBe(2);
    expect(err).toMatch(/^vaultgraph: --variables is not valid JSON: [^\n]+\n$/);
    expect(await run('progress', '--as-of', '2025-02-30')).toBe(2);
    expect(err).toMatch(/^error: option '--as-of <date>' argument '2025-02-30' is invalid/);
    expect(out).toBe('');
  });

  it('answers an internal error with one line and exit 1, the stack only with VAULTGRAPH_DEBUG=1', async () => {
    const url = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'file:/dev/null/cannot/be/here.db';
    try {
      expect(await run('progress', 'lfs144')).toBe(1);
      expect(err).toMatch(/^vaultgraph: internal error: ENOTDIR: not a directory, \w+ '\/dev\/null\/cannot\/be[^'\n]*'\n$/);
      process.env.VAULTGRAPH_DEBUG = '1';
      expect(await run('progress', 'lfs144')).toBe(1);
      expect(err.split('\n')[0]).toMatch(/^vaultgraph: internal error: ENOTDIR/);
      expect(err).toMatch(/\n +at .*migrate/);
    } finally {
      process.env.DATABASE_URL = url;
      delete process.env.VAULTGRAPH_DEBUG;
    }
  });

  it('progress prints a readable summary and JSON', async () => {
    expect(await run('progress', 'lfs144', '--as-of', '2025-01-06')).toBe(0);
    expect(out).toContain('2/9 done');
    expect(out).toContain('overdue    chapter 4 (2025-01-05)');
    expect(await run('progress', 'lfs144', '--as-of', '2025-01-06', '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ fname: 'lfs144', total: 9, done: 2, nextDue: { target: '5' } });
  });

  it('export calendar writes an iCalendar file an independent parser reads', async () => {
    const file = path.join(ws.dir, 'plan.ics');
    expect(await run('export', 'calendar', 'lfs144', '--out', file)).toBe(0);
    type Event = { type: string; summary?: string; start?: Date; uid?: string };
    const events = (Object.values(ical.sync.parseICS(fs.readFileSync(file, 'utf8'))) as Event[]).filter((e) => e.type === 'VEVENT');
    expect(events).toHaveLength(9);
    const first = events.find((e) => e.summary === 'Lfs144: chapter 2');
    expect(first?.uid).toBe('23h17up1bhg323nhuc4m7sx%23t%3A2@vaultgraph');
    expect([first?.start?.getFullYear(), first?.start?.getMonth(), first?.start?.getDate()]).toEqual([2025, 0, 4]);
  });

  it('export burndown writes an SVG', async () => {
    expect(await run('export', 'burndown', 'lfs144', '--as-of', '2025-01-06')).toBe(0);
    expect(out).toMatch(/^<svg/);
  });
});

/** `sync --watch` as a real process: its syncs run on the sync worker (as the server's do), and Ctrl-C ends it cleanly. */
describe('vaultgraph sync --watch', () => {
  it('syncs a saved note through the worker and exits 0 on SIGINT', async () => {
    const ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    const child = spawnCli(['sync', '--watch', '--vault', ws.vault], { DATABASE_URL: ws.databaseUrl, VAULTGRAPH_TZ: 'UTC' });
    const output = collectOutput(child);
    const waitFor = async (stream: () => string, pattern: RegExp) => {
      const deadline = Date.now() + 20_000;
      while (!pattern.test(stream()) && child.exitCode === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(stream()).toMatch(pattern);
    };
    try {
      await waitFor(output.stderr, /^watching .* \(Ctrl-C to stop\)$/m);
      fs.appendFileSync(path.join(ws.vault, 'lfs144.md'), '\nA line about Ztunnel.\n');
      await waitFor(output.stdout, /^synced: \+0 ~1 >0 -0, 0 problem\(s\)/m);
      child.kill('SIGINT');
      expect(await exited(child)).toBe(0);
    } finally {
      child.kill('SIGKILL');
      ws.cleanup();
    }
  });
});
