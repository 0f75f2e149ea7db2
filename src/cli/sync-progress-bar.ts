import { SingleBar } from 'cli-progress';
import type { SyncProgress } from '../sync/vault-sync';

/** A progress bar on stderr while a sync runs (TTY only): files examined, and how many were re-parsed. */
export function syncProgressBar(): { onProgress: SyncProgress; stop: () => void } {
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'syncing [{bar}] {value}/{total} files, {parsed} parsed',
    hideCursor: true,
    clearOnComplete: true,
    fps: 10,
  });
  let started = false;
  return {
    onProgress: ({ done, total, parsed }) => {
      if (!started) {
        bar.start(total, done, { parsed });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { parsed });
    },
    stop: () => {
      if (started) {
        bar.stop();
      }
    },
  };
}
