import type MarkdownIt from 'markdown-it';
import type { ParsedLink, ParsedSection } from '../note-doc';
import type { DendronLinkMeta, OffsetMeta } from './dendron-syntax';
import { InlineSource } from './inline-source';
import { sectionAt } from './sections';

/** A URL scheme (`https:`, `mailto:`): an external link. */
export const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

interface Place {
  line: number;
  column: number;
}

/** Maps an offset in an inline token's source to a file line and column. */
class InlinePlaces {
  private readonly source: InlineSource;

  constructor(
    content: string,
    /** 1-based file line of the inline source's first line. */
    private readonly firstLine: number,
    private readonly fileLines: readonly string[],
  ) {
    this.source = new InlineSource(content);
  }

  /** markdown-it strips indentation and container markers, so find the raw text on the file line. */
  at(offset: number, raw: string): Place {
    const k = this.source.lineOf(offset);
    const line = this.firstLine + k;
    const inContent = offset - this.source.lineStart(k);
    const fileLine = this.fileLines[line - 1] ?? '';
    const found = fileLine.indexOf(raw.split('\n')[0], inContent);
    return { line, column: (found >= 0 ? found : inContent) + 1 };
  }
}

/** Every link in the body's tokens, in document order, with file positions. */
export function extractLinks(
  tokens: MarkdownIt.Token[],
  lineOffset: number,
  fileLines: readonly string[],
  sections: ParsedSection[],
  selfFname: string,
): ParsedLink[] {
  const links: ParsedLink[] = [];
  let blockLine = 0; // table cells have no map of their own: they sit on their row's line
  for (const token of tokens) {
    if (token.map) {
      blockLine = token.map[0];
    }
    if (token.type !== 'inline' || !token.children) {
      continue;
    }
    const places = new InlinePlaces(token.content, blockLine + lineOffset, fileLines);
    const children = token.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.type === 'dendron_link') {
        const meta = child.meta as DendronLinkMeta;
        const place = places.at(meta.offset, meta.raw);
        links.push({
          kind: meta.kind,
          targetFname: meta.targetFname ?? selfFname,
          targetVault: meta.targetVault,
          anchor: meta.anchor,
          alias: meta.alias,
          url: null,
          ...place,
          section: sectionAt(sections, place.line),
        });
      } else if (child.type === 'link_open') {
        const href = child.attrGet('href') ?? '';
        let label = '';
        let j = i + 1;
        for (; j < children.length && children[j].type !== 'link_close'; j++) {
          label += children[j].content;
        }
        const meta = child.meta as OffsetMeta | null;
        const start = meta?.offset ?? 0;
        const place = places.at(start, token.content.slice(start, start + 24));
        const link = classifyHref(href, child.markup === 'linkify' || child.markup === 'autolink' ? null : label.trim() || null);
        if (link) {
          links.push({ ...link, ...place, section: sectionAt(sections, place.line) });
        }
        i = j;
      }
    }
  }
  return links;
}

/** `https://…` -> url; `other.note.md#x` -> md link to `other.note`; anything else (assets, site paths) -> null. */
export function classifyHref(href: string, label: string | null): Omit<ParsedLink, 'line' | 'column' | 'section'> | null {
  if (href === '') {
    return null;
  }
  if (SCHEME.test(href)) {
    return { kind: 'url', targetFname: null, targetVault: null, anchor: null, alias: label, url: href };
  }
  const hash = href.indexOf('#');
  const path = (hash >= 0 ? href.slice(0, hash) : href).split('?')[0];
  if (!/\.md$/i.test(path)) {
    return null;
  }
  let base = path.slice(path.lastIndexOf('/') + 1, -3);
  try {
    base = decodeURIComponent(base);
  } catch {
    // keep it as written
  }
  return {
    kind: 'md',
    targetFname: base,
    targetVault: null,
    anchor: hash >= 0 ? href.slice(hash + 1) || null : null,
    alias: label,
    url: null,
  };
}
