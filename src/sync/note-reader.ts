import fs from 'node:fs';
import path from 'node:path';
import { fileHash } from '../vault/file-hash';
import { fsErrorReason } from '../vault/fs-error';
import type { Diagnostic, NoteDoc } from '../vault/note-doc';
import { parseNote } from '../vault/parse-note';
import { decodeNoteBytes } from '../vault/parse/decode';
import type { TaskConfig } from '../vault/parse/milestones';

/** A note file to read: its vault folder, its path there and its fname; `knownHash`: the stored hash, if any. */
export interface NoteFileJob {
  root: string;
  path: string;
  fname: string;
  knownHash: string | null;
}

export interface ParseSettings {
  timeZone: string;
  taskConfig: TaskConfig;
}

/** What reading one note file came to. */
export type ReadNote =
  | { kind: 'unreadable'; reason: string }
  /** The bytes hash as `knownHash`: nothing to parse. */
  | { kind: 'same'; hash: string }
  | { kind: 'undecodable'; hash: string; diagnostic: Diagnostic }
  | { kind: 'parsed'; hash: string; doc: NoteDoc; diagnostics: Diagnostic[] };

/**
 * Read, hash, decode and parse one note file: the per-file work of a sync, with no database. Runs on the sync's thread
 * or, for a large batch, ahead of it on parse workers (parse-ahead.ts).
 */
export function readNote(job: NoteFileJob, settings: ParseSettings): ReadNote {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(job.root, job.path));
  } catch (err) {
    return { kind: 'unreadable', reason: fsErrorReason(err) };
  }
  const hash = fileHash(bytes);
  if (hash === job.knownHash) {
    return { kind: 'same', hash };
  }
  const decoded = decodeNoteBytes(job.path, bytes);
  if (!decoded.ok) {
    return { kind: 'undecodable', hash, diagnostic: decoded.diagnostic };
  }
  const doc = parseNote({ file: job.path, fname: job.fname, text: decoded.text }, settings);
  return { kind: 'parsed', hash, doc, diagnostics: [...decoded.diagnostics, ...doc.diagnostics] };
}
