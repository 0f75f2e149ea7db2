import type { MentionCandidateRecord } from './graph.records';

export interface UnlinkedMentionRecord {
  noteId: string;
  /** 1-based file line and column of the name. */
  line: number;
  column: number;
  snippet: string;
}

const FENCE = /^ {0,3}(```|~~~)/;
// Spans whose text is not prose naming the note: links (their label names the target), inline code, URLs.
const NOT_PROSE = /!?\[\[[^\]]*\]\]|\[[^\]]*\]\([^)]*\)|`[^`]*`|<?[a-z][a-z0-9+.-]*:\/\/[^\s>]*>?/gi;
const SNIPPET = 160;

/** A whole-word, case-insensitive matcher for any of the names (whitespace inside a name matches any run of it). */
export function nameMatcher(names: readonly string[]): RegExp | null {
  const parts = names
    .map((n) => n.trim())
    .filter((n) => /[\p{L}\p{N}]/u.test(n))
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return parts.length ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${parts.join('|')})(?![\\p{L}\\p{N}_])`, 'iu') : null;
}

function snippetOf(line: string, at: number, length: number): string {
  if (line.length <= SNIPPET) {
    return line.trim();
  }
  const start = Math.max(0, Math.min(at - Math.floor((SNIPPET - length) / 2), line.length - SNIPPET));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + SNIPPET).trim()}${start + SNIPPET < line.length ? '…' : ''}`;
}

/**
 * Lines of a candidate note that name the note in prose (outside code blocks, inline code, URLs and link labels)
 * and hold no link to it; one hit per line.
 */
export function findUnlinkedMentions(candidate: MentionCandidateRecord, matcher: RegExp): UnlinkedMentionRecord[] {
  const linked = new Set(candidate.linkedLines);
  const hits: UnlinkedMentionRecord[] = [];
  let fence: string | null = null;
  candidate.body.split(/\r?\n/).forEach((text, i) => {
    const open = FENCE.exec(text);
    if (open) {
      fence = fence === null ? open[1] : fence === open[1] ? null : fence;
      return;
    }
    const line = candidate.bodyLine + i;
    if (fence !== null || linked.has(line)) {
      return;
    }
    const prose = text.replace(NOT_PROSE, (span) => ' '.repeat(span.length));
    const m = matcher.exec(prose);
    if (m) {
      hits.push({ noteId: candidate.noteId, line, column: m.index + 1, snippet: snippetOf(text, m.index, m[0].length) });
    }
  });
  return hits;
}
