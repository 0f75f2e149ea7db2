import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError, ErrorCode } from '../../src/common/errors';
import { SyncService } from '../../src/sync/sync.service';
import { SyncThread } from '../../src/sync/sync-thread';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { collectOutput, exited } from '../support/spawn-cli';
import { note, REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateVault } = require('../../scripts/gen-vault.js') as {
  generateVault(o: { out: string; notes: number; quiet: boolean }): void;
};

const NOTES = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server (not synced yet) on a generated vault of NOTES notes, for the tests of one describe block. */
function onGeneratedVault(): { readonly ws: TempWorkspace; readonly server: E2eServer } {
  const env = {} as { ws: TempWorkspace; server: E2eServer };
  beforeAll(async () => {
    env.ws = tempWorkspace();
    generateVault({ out: env.ws.vault, notes: NOTES, quiet: true });
    env.server = await startE2eServer(env.ws, {}, { sync: false });
  });
  afterAll(async () => {
    await env.server.close();
    env.ws.cleanup();
  });
  return env;
}

/** Issue 10, part 4: syncs run on a worker thread, so the server answers while they run. */
describe('sync on the worker thread', () => {
  it('stops a sync that outgrows the worker heap with a clear error, and writes nothing', async () => {
    const ws = tempWorkspace();
    ws.write('a.md', note('a', 'A', 'Some text.'));
    // 4 MB cannot even hold the parser: the worker runs out of memory as it loads (a real out-of-memory, not a mock).
    const thread = new SyncThread({ databaseFile: ws.dbFile, timeZone: 'UTC', maxFileBytes: 1 << 20, heapMb: 4 });
    try {
      await expect(thread.sync(ws.vault, () => undefined)).rejects.toThrow('the sync needed more than its 4 MB heap and stopped');
      const db = new Database(ws.dbFile, { readonly: true });
      try {
        expect(db.prepare('SELECT count(*) AS n FROM Note').get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    } finally {
      await thread.close();
      ws.cleanup();
    }
  });

  describe('a cold sync of a generated vault', () => {
    const env = onGeneratedVault();

    it('answers while it runs, shows its progress, refuses a second sync, and commits all at once', async () => {
      const first = env.server.gql('mutation { sync { notes } }');
      let status: any;
      let maxLatency = 0;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const t0 = performance.now();
        expect((await env.server.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
        maxLatency = Math.max(maxLatency, performance.now() - t0);
        status = (await env.server.gql('{ syncStatus { state ready progress { done total parsed } } stats { notes } }')).data;
        if (status.syncStatus.state === 'syncing' && status.syncStatus.progress.done > 0) {
          break;
        }
        await sleep(20);
      }
      expect(status.syncStatus).toMatchObject({ state: 'syncing', ready: false, progress: { total: NOTES } });
      expect(status.syncStatus.progress.done).toBeLessThanOrEqual(NOTES);
      // Readers see the last committed state (nothing yet), never part of the sync.
      expect(status.stats.notes).toBe(0);

      const second = await env.server.gql('mutation { sync { notes } }');
      expect(second.errors?.map((e) => e.extensions?.code)).toEqual(['SYNC_RUNNING']);

      expect((await first).data).toEqual({ sync: { notes: NOTES } });
      // The sync takes seconds; a server that waited for it would have answered no faster.
      expect(maxLatency).toBeLessThan(1000);
      const after = (await env.server.gql('{ syncStatus { state ready progress { done } } stats { notes } }')).data;
      expect(after).toEqual({ syncStatus: { state: 'idle', ready: true, progress: null }, stats: { notes: NOTES } });
    });
  });

  describe('watching during a sync', () => {
    const env = onGeneratedVault();

    it('turns the bursts that come while a sync runs into one follow-up sync, not SYNC_RUNNING', async () => {
      const syncs = env.server.app.get(SyncService);
      const outcomes: unknown[] = [];
      await syncs.watch(env.ws.vault, (outcome) => outcomes.push(outcome));
      const first = syncs.sync();
      while (!syncs.progress?.done) {
        await sleep(10);
      }
      // Three bursts (more than the watcher's 40 ms of quiet apart), all after the running sync listed the files.
      for (const name of ['late.one', 'late.two', 'late.three']) {
        env.ws.write(`${name}.md`, note(name, name, 'written while a sync runs'));
        await sleep(150);
      }
      expect(syncs.state).toBe('syncing');
      expect((await first).added).toBe(NOTES);
      for (let i = 0; i < 200 && outcomes.length === 0; i++) {
        await sleep(50);
      }
      await sleep(500); // room for a second follow-up, if there were one
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]).toMatchObject({ added: 3, updated: 0, deleted: 0 });
    });
  });

  describe('errors from the worker', () => {
    let ws: TempWorkspace;
    let server: E2eServer;

    beforeAll(async () => {
      ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
      server = await startE2eServer(ws);
    });

    afterAll(async () => {
      await server.close();
      ws.cleanup();
    });

    it('come back as DomainErrors with their codes: the write lock held elsewhere is SYNC_RUNNING', async () => {
      const other = new Database(ws.dbFile);
      try {
        other.exec('BEGIN IMMEDIATE');
        const failed = await server.app
          .get(SyncService)
          .sync()
          .then(
            () => null,
            (err: unknown) => err,
          );
        expect(failed).toBeInstanceOf(DomainError);
        expect((failed as DomainError).code).toBe(ErrorCode.SyncRunning);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
      expect((await server.gql('mutation { sync { notes } }')).errors).toBeUndefined();
    }, 30_000);

    it('a vault folder gone is VAULT_NOT_FOUND over GraphQL', async () => {
      fs.rmSync(ws.vault, { recursive: true, force: true });
      const res = await server.gql('mutation { sync { notes } }');
      expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['VAULT_NOT_FOUND', 'the configured vault folder (VAULT_PATH) does not exist or is not a folder'],
      ]);
    });
  });

  describe('app.close()', () => {
    const run = async (ws: TempWorkspace, env: Record<string, string>) => {
      const child = spawn(
        process.execPath,
        ['-r', path.join(REPO_ROOT, 'test/support/register-ts.js'), path.join(REPO_ROOT, 'test/support/serve-then-close.ts')],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, DATABASE_URL: ws.databaseUrl, VAULT_PATH: ws.vault, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const output = collectOutput(child);
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      const code = await exited(child);
      clearTimeout(timer);
      return { code, stdout: output.stdout().trim(), stderr: output.stderr() };
    };

    it('leaves no worker thread: the process ends by itself', async () => {
      const ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
      try {
        const { code, stdout, stderr } = await run(ws, {});
        expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
        expect(stdout).toMatch(/^committed \d+ notes$/);
      } finally {
        ws.cleanup();
      }
    }, 30_000);

    it('in the middle of a sync stops the worker, and SQLite rolls its transaction back', async () => {
      const ws = tempWorkspace();
      try {
        generateVault({ out: ws.vault, notes: NOTES, quiet: true });
        const { code, stdout, stderr } = await run(ws, { CLOSE_DURING_SYNC: '1' });
        expect({ code, stdout, stderr }).toEqual({
          code: 0,
          stdout: 'stopped: the sync was stopped: the server is shutting down',
          stderr: '',
        });
        const db = new Database(ws.dbFile, { readonly: true });
        try {
          expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
          expect(db.prepare('SELECT count(*) FROM Note').pluck().get()).toBe(0);
          expect(db.prepare('SELECT count(*) FROM SyncRun').pluck().get()).toBe(0);
        } finally {
          db.close();
        }
      } finally {
        ws.cleanup();
      }
    }, 30_000);
  });
});
