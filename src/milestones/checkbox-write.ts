import fs from 'node:fs';
import path from 'node:path';
import { fileHash } from '../vault/file-hash';

/** Why a write-back was refused; the service maps it to a domain error. */
export class WriteBackError extends Error {
  constructor(
    readonly kind: 'conflict' | 'unexpected',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Flip the one checkbox byte at (line, column) — both 1-based, column in characters of the decoded line — and
 * leave every other byte (BOM, CRLF, frontmatter, the rest of the line) as it was. With `doneDate` (Obsidian
 * Tasks lines) ticking also appends ` ✅ <doneDate>` and unticking removes the `✅ date`, on that line only.
 */
export function flipCheckbox(bytes: Buffer, line: number, column: number, done: boolean, doneDate?: string): Buffer {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let start = bom;
  for (let l = 1; l < line; l++) {
    const nl = lineBreakAt(bytes, start);
    if (nl < 0) {
      throw new WriteBackError('unexpected', `line ${line} is past the end of the file`);
    }
    start = nl + (bytes[nl] === 0x0d && bytes[nl + 1] === 0x0a ? 2 : 1);
  }
  const end = lineBreakAt(bytes, start);
  const lineText = bytes.subarray(start, end < 0 ? bytes.length : end).toString('utf8');
  const at = start + Buffer.byteLength(lineText.slice(0, column - 1), 'utf8');
  const current = String.fromCharCode(bytes[at]);
  if (bytes[at - 1] !== 0x5b /* [ */ || bytes[at + 1] !== 0x5d /* ] */ || !' xX'.includes(current)) {
    throw new WriteBackError('unexpected', `line ${line} has no checkbox at column ${column}`);
  }
  const out = Buffer.from(bytes);
  out[at] = (done ? 'x' : ' ').charCodeAt(0);
  if (doneDate === undefined) {
    return out;
  }
  const lineEnd = end < 0 ? bytes.length : end;
  const text = out.subarray(start, lineEnd).toString('utf8');
  const withoutDone = text.replace(/\s*✅\s*\d{4}-\d{2}-\d{2}/u, '');
  const next = done ? `${withoutDone} ✅ ${doneDate}` : withoutDone;
  return Buffer.concat([out.subarray(0, start), Buffer.from(next, 'utf8'), out.subarray(lineEnd)]);
}

/**
 * Where the line starting at `from` ends: the offset of its `\n`, `\r\n` or lone `\r` (a line break to CommonMark, and
 * so to the parser's line numbers), or -1 on the last line.
 */
function lineBreakAt(bytes: Buffer, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || bytes[i] === 0x0d) {
      return i;
    }
  }
  return -1;
}

export interface CheckboxEdit {
  /** The file as the user knows it (vault-relative): the only name error messages use. */
  name: string;
  /** The hash the last sync recorded: the file must still have it. */
  expectedHash: string;
  line: number;
  column: number;
  done: boolean;
  doneDate?: string;
}

/**
 * Refuse when the file changed since the last sync; else write through a temporary file and a rename. The rename
 * lands on the real file (a symlinked note stays a symlink, its target gets the change) and keeps its mode.
 */
export function writeCheckbox(file: string, edit: CheckboxEdit): boolean {
  const changed = () => new WriteBackError('conflict', `${edit.name} changed on disk since the last sync; sync again, then retry`);
  let real: string;
  let bytes: Buffer;
  try {
    real = fs.realpathSync(file);
    bytes = fs.readFileSync(real);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === undefined) {
      throw err;
    }
    throw changed(); // gone, or now a dangling link or a loop
  }
  if (fileHash(bytes) !== edit.expectedHash) {
    throw changed();
  }
  const next = flipCheckbox(bytes, edit.line, edit.column, edit.done, edit.doneDate);
  if (next.equals(bytes)) {
    return false;
  }
  const mode = fs.statSync(real).mode & 0o7777;
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, next, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, real);
  return true;
}
