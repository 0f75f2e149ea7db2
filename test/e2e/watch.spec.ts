import path from 'node:path';
import { SyncService } from '../../src/sync/sync.service';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { note, REPO_ROOT, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** Watch mode: saving a note makes the change visible to GraphQL without anyone asking for a sync. */
describe('watch mode', () => {
  let ws: TempWorkspace;
  let server: E2eServer;
  const outcomes: unknown[] = [];

  beforeAll(async () => {
    ws = tempWorkspace(path.join(REPO_ROOT, 'seeds'));
    server = await startE2eServer(ws);
    await server.app.get(SyncService).watch(ws.vault, (outcome) => outcomes.push(outcome));
  });

  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  /** Polls until `check` passes; the bound is generous because this asserts behaviour, not speed. */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await check()) {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the change never became visible');
  }

  it('follows edits, new notes and deletions, one sync per burst', async () => {
    const title = async (fname: string) =>
      (await server.gql(`{ note(fname: "${fname}") { title } }`)).data?.note?.title as string | undefined;

    const before = outcomes.length;
    for (let i = 0; i < 5; i++) {
      ws.write('root.md', note('root', `Root v${i}`, 'saved several times in a row'));
    }
    await eventually(async () => (await title('root')) === 'Root v4');
    // Five saves in a burst were synced once or twice, not five times.
    expect(outcomes.length - before).toBeLessThan(5);

    ws.write('lfs144.new.md', note('new1', 'Brand new', 'hello'));
    await eventually(async () => (await title('lfs144.new')) === 'Brand new');

    ws.remove('lfs144.new.md');
    await eventually(async () => (await title('lfs144.new')) === undefined);
    expect(outcomes.filter((o) => o instanceof Error)).toEqual([]);
  });
});
