import { createServer } from '../../src/main';
import { SyncService } from '../../src/sync/sync.service';

/**
 * A server that syncs (DATABASE_URL, VAULT_PATH) and closes, then lets the process end by itself: it exits only if
 * app.close() left no worker thread behind. CLOSE_DURING_SYNC=1 closes while the first sync runs. Prints what the
 * sync came to. Run from the sources: `node -r test/support/register-ts.js test/support/serve-then-close.ts`.
 */
async function main(): Promise<void> {
  const app = await createServer(false);
  await app.listen(0, '127.0.0.1');
  const syncs = app.get(SyncService);
  const outcome = syncs.sync().then(
    (report) => `committed ${report.notes} notes`,
    (err: Error) => `stopped: ${err.message}`,
  );
  if (process.env.CLOSE_DURING_SYNC === '1') {
    while (!syncs.progress?.done) {
      await new Promise((r) => setTimeout(r, 10));
    }
  } else {
    await outcome;
  }
  await app.close();
  process.stdout.write(`${await outcome}\n`);
}

void main();
