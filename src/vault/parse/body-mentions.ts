import type { ParsedSection } from '../note-doc';
import { findMentions, type ConceptMatcher, type ConceptMention } from './concepts';
import { createMarkdown } from './dendron-syntax';

const md = createMarkdown();

/**
 * Mentions of known concepts in a note body as stored (`Note.body`, its stored sections), in file lines: the body is
 * tokenized again, so a change of dictionary can re-match every note without reading its file.
 */
export function mentionsInBody(matcher: ConceptMatcher, body: string, bodyLine: number, sections: ParsedSection[]): ConceptMention[] {
  const tokens = md.parse(body, {});
  const fileLineCount = bodyLine - 1 + body.split(/\r?\n/).length;
  return findMentions(matcher, tokens, bodyLine, fileLineCount, sections);
}
