/**
 * User text -> an FTS5 query: every whitespace-separated term becomes a quoted string (so `a-b`, `"`, `NOT`,
 * `col:x` or `*` are plain text, never syntax), joined by spaces, which FTS5 reads as AND. A term the tokenizer
 * would drop entirely (punctuation only) is left out. Null when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const terms = text
    .split(/\s+/)
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .map((t) => `"${t.replace(/"/g, '""')}"`);
  return terms.length > 0 ? terms.join(' ') : null;
}

/** Markers the snippet() call puts around hits: control characters, which note text does not contain. */
export const MARK_OPEN = '\u0001';
export const MARK_CLOSE = '\u0002';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The snippet as safe HTML: the note's text escaped, hits wrapped in `<mark>…</mark>`. */
export function snippetHtml(raw: string): string {
  return raw
    .replace(/[&<>"']/g, (c) => ESCAPES[c])
    .replaceAll(MARK_OPEN, '<mark>')
    .replaceAll(MARK_CLOSE, '</mark>');
}
