import { parentPort, type MessagePort } from 'node:worker_threads';
import { readNote, type NoteFileJob, type ParseSettings, type ReadNote } from './note-reader';

/**
 * A parse worker's entry (started by ParseAhead). First message: the port to answer on and a shared counter; then
 * batches of note files, read and parsed in order, each answered on the port, after which the counter is bumped so
 * a sync blocked in Atomics.wait wakes up.
 */
export type ParseWorkerMessage =
  | { kind: 'init'; port: MessagePort; signal: Int32Array }
  | { kind: 'batch'; jobs: NoteFileJob[]; settings: ParseSettings };

let out: { port: MessagePort; signal: Int32Array } | null = null;

parentPort?.on('message', (message: ParseWorkerMessage) => {
  if (message.kind === 'init') {
    out = { port: message.port, signal: message.signal };
    return;
  }
  for (const job of message.jobs) {
    let result: ReadNote;
    try {
      result = readNote(job, message.settings);
    } catch (err) {
      // parseNote never throws on content; anything else is reported like an unreadable file, not lost.
      result = { kind: 'unreadable', reason: `parse failed: ${(err as Error).message}` };
    }
    out?.port.postMessage(result);
    if (out) {
      Atomics.add(out.signal, 0, 1);
      Atomics.notify(out.signal, 0);
    }
  }
});
