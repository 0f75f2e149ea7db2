import GithubSlugger from 'github-slugger';
import type MarkdownIt from 'markdown-it';
import type { ParsedSection } from '../note-doc';

const CHAPTER = /^(\d{1,3})(?:[.):]|\s)/;

/** `## 02. Overview` -> 2; `## Overview` -> null. */
function chapterOf(heading: string): number | null {
  const m = CHAPTER.exec(heading.trim());
  return m ? Number(m[1]) : null;
}

/** Plain text of an inline token: what a reader sees, and what github-slugger slugs. */
function inlineText(token: MarkdownIt.Token): string {
  return token.children ? childrenText(token.children) : token.content;
}

/** Plain text of an inline token's children; a heading's is its section's `heading` (trimmed). */
export function childrenText(children: MarkdownIt.Token[]): string {
  let out = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline' || child.type === 'math_inline') {
      out += child.content;
    } else if (child.type === 'softbreak' || child.type === 'hardbreak') {
      out += ' ';
    } else if (child.type === 'dendron_link') {
      const meta = child.meta as { alias: string | null; raw: string };
      out += meta.alias ?? meta.raw.replace(/^!?\[\[|\]\]$/g, '');
    }
  }
  return out;
}

/**
 * Sections from heading tokens. `lastLine` is the file's last line; `lineOffset` turns body lines into file lines.
 * A section runs to the line before the next heading of the same or a higher level, so `## 02. Overview`
 * contains its `###` subsections.
 */
export function extractSections(tokens: MarkdownIt.Token[], lineOffset: number, lastLine: number): ParsedSection[] {
  const slugger = new GithubSlugger();
  const sections: ParsedSection[] = [];
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'heading_open' || !token.map) {
      continue;
    }
    const depth = Number(token.tag.slice(1));
    const heading = inlineText(tokens[i + 1]).trim();
    const startLine = token.map[0] + lineOffset;
    while (open.length > 0 && sections[open[open.length - 1]].depth >= depth) {
      sections[open.pop() as number].endLine = startLine - 1;
    }
    sections.push({
      heading,
      depth,
      slug: slugger.slug(heading),
      chapter: chapterOf(heading),
      startLine,
      endLine: lastLine,
      parent: open.length > 0 ? open[open.length - 1] : null,
    });
    open.push(sections.length - 1);
  }
  return sections;
}

/** Index of the innermost section containing `line`, or null. Sections are in document order. */
export function sectionAt(sections: ParsedSection[], line: number): number | null {
  let found: number | null = null;
  for (let i = 0; i < sections.length && sections[i].startLine <= line; i++) {
    if (sections[i].endLine >= line) {
      found = i;
    }
  }
  return found;
}
