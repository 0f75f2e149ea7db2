import type { Diagnostic } from '../note-doc';

export type DecodeResult = { ok: true; text: string; diagnostics: Diagnostic[] } | { ok: false; diagnostic: Diagnostic };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Bytes to text. A NUL byte in the first 8 KB means a binary file (skipped); invalid UTF-8 is
 * decoded with U+FFFD in place of the bad bytes, reported at the first bad line, and kept.
 */
export function decodeNoteBytes(file: string, bytes: Uint8Array): DecodeResult {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    return {
      ok: false,
      diagnostic: {
        file,
        line: null,
        code: 'BINARY_FILE',
        severity: 'error',
        message: 'binary content (NUL bytes) in a .md file; skipped',
      },
    };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: strictUtf8.decode(body), diagnostics: [] };
  } catch {
    const text = lenientUtf8.decode(body);
    const bad = text.indexOf('\uFFFD');
    const line = bad < 0 ? null : countLines(text, bad);
    return {
      ok: true,
      text,
      diagnostics: [
        {
          file,
          line,
          code: 'INVALID_UTF8',
          severity: 'error',
          message: 'not valid UTF-8; invalid bytes were replaced with U+FFFD in the index (the file is untouched)',
        },
      ],
    };
  }
}

/** 1-based line number of a character offset. */
function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
  }
  return line;
}
