import type { ParsedSection } from '../note-doc';

/** One row of the full-text index: a section's own text, or the text before the first heading. */
export interface SearchChunk {
  /** Index into the note's sections; null for the text before the first heading. */
  section: number | null;
  heading: string | null;
  text: string;
}

/**
 * A note's text cut at every heading, whatever its depth: each section gets its heading line and the lines up to
 * the next heading (so `## 02. Overview` does not repeat its `###` subsections), which keeps a hit pointing at the
 * most specific section. Whitespace-only text before the first heading makes no chunk.
 */
export function searchChunks(body: string, bodyLine: number, sections: ParsedSection[]): SearchChunk[] {
  const lines = body.split(/\r?\n/);
  const lastLine = bodyLine + lines.length - 1;
  const text = (from: number, to: number) =>
    lines
      .slice(from - bodyLine, to - bodyLine + 1)
      .join('\n')
      .trim();
  const chunks: SearchChunk[] = [];
  const before = text(bodyLine, (sections[0]?.startLine ?? lastLine + 1) - 1);
  if (before !== '') {
    chunks.push({ section: null, heading: null, text: before });
  }
  sections.forEach((s, i) => {
    const end = i + 1 < sections.length ? sections[i + 1].startLine - 1 : lastLine;
    chunks.push({ section: i, heading: s.heading, text: text(s.startLine, end) });
  });
  return chunks;
}
