import type MarkdownIt from 'markdown-it';
import type { ParsedSection } from '../note-doc';
import type { DendronLinkMeta } from './dendron-syntax';
import { MAX_ACRONYM, isConceptName, isShoutedWord, phrasesIn } from './candidate-phrases';
import {
  COMMON_ZIPF,
  REPEATED_WORD_ZIPF,
  SPECIFIC_WORD_ZIPF,
  englishShare,
  isFunctionWord,
  isMostlyVerb,
  isStopWord,
  isTimeZoneAbbreviation,
  lemmaZipfOf,
  zipfOf,
} from './english';
import { InlineSource } from './inline-source';
import { SCHEME } from './links';
import { childrenText, sectionAt } from './sections';

/**
 * Concept discovery for one note's markdown-it tokens: candidate concept names the note introduces, and mentions of
 * already-known concepts. Pure; works on tokens so code spans, code blocks, math, HTML blocks and tags never count
 * as prose (text between inline HTML tags is rendered, so it does).
 */

/** `heading`: a phrase of several words that a heading offers; given besides its `phrase`, for salience to count. */
export type ConceptCandidateKind = 'defined' | 'link-label' | 'emphasis' | 'token' | 'phrase' | 'heading';

export interface ConceptCandidate {
  name: string;
  kind: ConceptCandidateKind;
  /** Absolute URL of a link label's target; null otherwise. */
  url: string | null;
  /** 1-based file line. */
  line: number;
  /** Index into the note's sections of the innermost section holding the line, or null before any heading. */
  section: number | null;
}

export interface ConceptMention {
  key: string;
  line: number;
  section: number | null;
}

/**
 * A note's visible prose as the mention matcher reads it, kept from the parse so mentions can be matched once the
 * concept set is final, without tokenizing the body again.
 */
export interface MentionText {
  /** What a reader sees of each inline block, the blocks joined by SEP (no name matches across it). */
  text: string;
  /** `[offset, line, offset, line, …]`: the file line of the text from each offset on, offsets ascending. */
  lines: number[];
}

export interface ConceptNames {
  key: string;
  /** Canonical name and aliases. */
  names: string[];
}

/** One word of a known name, reached by its lower-cased text (and the gap before it, for later words). */
export interface ConceptTrieNode {
  readonly next: Map<string, ConceptTrieNode>;
  /** Names that end here: their concept, and punctuation that must follow (`++` of `C++`), longest first. */
  readonly ends: { key: string; suffix: string }[];
}

/** Built once per vault scan from every concept's names; `findMentions` only reads it. */
export interface ConceptMatcher {
  readonly root: ConceptTrieNode;
}

// Bare URLs that linkify leaves as text (`spiffe://…`, `file:///…`) are addresses, not prose.
const BARE_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>()]*/gi;
// Template variables (`{{fm.desc}}`, `{{ title }}`) are code the note's renderer fills in, not prose.
const TEMPLATE_VARIABLE = /\{\{[^{}\n]*\}\}/g;
const WORD_RUN = /[\p{L}\p{N}_]+/gu;
// A dotted path (`meshConfig.outboundTrafficPolicy.mode`) is scanned as one word so only its head is kept.
const DOTTED_WORD = /[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*/gu;
const NON_ASCII = /[\u0080-\uffff]/;
const HAS_LETTER = /\p{L}/u;
const TASK_BOX = /^\[[ xX]\]\s+/;
// `term: …` or `term(qualifier): …`; the colon must be followed by a space, which rules out `https://…` and `a:b`.
const DEFINED = /^(\p{L}[\p{L}\p{N}_-]*(?:[ \t]+[\p{L}\p{N}_-]+){0,3})[ \t]?(?:\([^()\n]{0,80}\))?:(?=\s|$)/u;
// A conventional commit's type and scope: `feat(api):`, `feature(pods):`.
const COMMIT_TYPE = /^\p{Ll}+\([^()\n]*\):$/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}]*\p{Lu}[\p{Lu}\p{N}]*s?$/u;
// Roman numerals made of I, V and X only (1–39): `CI`, `CD`, `CLI`, `MD` stay acronyms.
const ROMAN = /^X{0,3}(?:IX|IV|V?I{0,3})$/;
const SCREAMING_SNAKE = /^\p{Lu}[\p{Lu}\p{N}]+(?:_[\p{Lu}\p{N}]+)+$/u;

/**
 * Tokens too common to name a topic. JSON, YAML, HTTP and friends are kept on purpose: they are specific
 * technologies a reader may want to follow; API, CLI, URL are generic in any technical note.
 */
const TOKEN_STOP = new Set(
  (
    'api i ok todo fixme faq pr url uri ui id am pm us uk eu tbd nb fyi cli eta asap aka wip tl dr imo iirc ps ' +
    'and or not the kb mb gb tb kib mib gib tib hz khz mhz ghz'
  ).split(' '),
);

/** Structural labels (`Note: …`, `**Warning**`), not concepts; shared by defined terms, emphasis and link labels. */
const LABEL_STOP = new Set(
  (
    'note notes nb tip tips todo example examples eg ie see also update edit warning caution important ps q a ' +
    'question answer summary tldr source sources ref refs reference references done result output input why how ' +
    'what when where who which this that these those here there it yes no not only must never always all'
  ).split(' '),
);

/** Words that make `the reason is simple: …` a sentence rather than a term (`Separation of concerns:` is one). */
const CLAUSE_WORDS = new Set('the is are was were be been this that these those it we i you he she they my our your'.split(' '));

/** Link labels that say "a link" rather than naming anything. */
const GENERIC_LABELS = new Set([
  ...'doc docs documentation link links here this that source ref reference more see'.split(' '),
  ...'website site page article blog post video official details'.split(' '),
  ...['read more', 'click here', 'this link', 'see here'],
]);

/** Look like plurals but are not (or fold into a different word). */
const NOT_PLURAL = new Set('kubernetes postgres https alias canvas atlas jenkins series species news lens chaos kudos ethos'.split(' '));
/** `-ches` plurals whose singular keeps the `e`. */
const E_PLURALS = new Set('caches niches headaches'.split(' '));

/**
 * Follows one inline token's children through its source so each child gets the file line it starts on. Text
 * tokens carry no offset, so they are found by searching forward from the previous child; the search is bounded
 * to the current source line, so a miss (an entity, an escape) only costs the column, never the line.
 */
class InlineLines {
  private readonly source: InlineSource;
  private cursor = 0;

  constructor(
    content: string,
    /** 1-based file line of the inline source's first line. */
    private readonly firstLine: number,
    private readonly lastLine: number,
  ) {
    this.source = new InlineSource(content);
  }

  /** Moves past `child` and returns the file line where it starts. Call once per child, in order. */
  advance(child: MarkdownIt.Token): number {
    const meta = child.meta as { offset?: unknown; raw?: unknown } | null;
    // Offsets on text tokens are stale after markdown-it merges emphasis delimiters into neighbouring text.
    if (child.type !== 'text' && typeof meta?.offset === 'number' && meta.offset > this.cursor) {
      this.cursor = meta.offset;
    }
    let start = this.cursor;
    const src = this.source.content;
    if (child.type === 'text' && child.content !== '') {
      const at = src.indexOf(child.content, this.cursor);
      const eol = src.indexOf('\n', this.cursor);
      if (at >= 0 && (eol < 0 || at <= eol)) {
        start = at;
        this.cursor = at + child.content.length;
      }
    } else if (child.type === 'softbreak' || child.type === 'hardbreak') {
      const eol = src.indexOf('\n', this.cursor);
      if (eol >= 0) {
        this.cursor = eol + 1;
      }
    } else if (child.type === 'code_inline' && child.markup !== '') {
      // The content has its newlines turned into spaces, so skip from fence to fence instead.
      const open = src.indexOf(child.markup, this.cursor);
      if (open >= 0) {
        start = open;
        const close = src.indexOf(child.markup, open + child.markup.length);
        this.cursor = close >= 0 ? close + child.markup.length : open + child.markup.length;
      }
    } else if (child.type === 'html_inline') {
      const at = src.indexOf(child.content, this.cursor);
      if (at >= 0) {
        start = at;
        this.cursor = at + child.content.length;
      }
    } else if (child.type === 'math_inline') {
      const fence = src[start + 1] === '$' ? 2 : 1;
      this.cursor = start + 2 * fence + child.content.length;
    } else if (child.type === 'dendron_link' && typeof meta?.raw === 'string') {
      this.cursor = start + meta.raw.length;
    }
    return Math.min(this.firstLine + this.source.lineOf(start), this.lastLine);
  }
}

interface InlineBlock {
  children: MarkdownIt.Token[];
  /** Line of each child, same indexes. */
  lines: number[];
  /** Type of the block token that opened this inline (`paragraph_open`, `heading_open`, `td_open`, …). */
  container: string;
  /** A table body row's first cell: the row's name (`| istiod | ✔ |`). */
  rowHead: boolean;
  /** lineLabel's answers by child index, worked out once (the candidates, the mention text and the count all ask). */
  labels?: (LineLabel | null)[];
}

/** Every inline token with a file line per child. Table cells have no map, so they take their row's line. */
function inlineBlocks(tokens: MarkdownIt.Token[], lineOffset: number, fileLineCount: number): InlineBlock[] {
  const blocks: InlineBlock[] = [];
  const lastLine = Math.max(fileLineCount, 1);
  let blockLine = lineOffset;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) {
      blockLine = token.map[0] + lineOffset;
    }
    if (token.type !== 'inline' || !token.children) {
      continue;
    }
    const places = new InlineLines(token.content, blockLine, lastLine);
    const lines = token.children.map((child) => places.advance(child));
    const container = i > 0 ? tokens[i - 1].type : '';
    blocks.push({ children: token.children, lines, container, rowHead: container === 'td_open' && tokens[i - 2]?.type === 'tr_open' });
  }
  return blocks;
}

const isAutoLink = (token: MarkdownIt.Token) => token.markup === 'linkify' || token.markup === 'autolink';

/** Text a reader sees between an opening token at `from` and its matching close; also returns the close's index. */
function textUntilClose(children: MarkdownIt.Token[], from: number): { text: string; end: number } {
  const open = children[from].type;
  const close = open.replace(/_open$/, '_close');
  let depth = 0;
  let text = '';
  let j = from;
  for (; j < children.length; j++) {
    const child = children[j];
    if (child.type === open) {
      depth++;
    } else if (child.type === close && --depth === 0) {
      break;
    } else if (child.type === 'text' || child.type === 'code_inline') {
      text += child.content;
    } else if (child.type === 'softbreak' || child.type === 'hardbreak') {
      text += ' ';
    }
  }
  return { text, end: j };
}

/** Trims surrounding punctuation (`**Envoy:**`, `"mesh"`, `#pods`) and collapses whitespace. */
function cleanName(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s"'“‘([#]+|[\s"'”’)\].,;:!?]+$/gu, ''); // `[#pods](…)`: a channel or tag sign is no part of the name
}

const wordCount = (name: string) => (name === '' ? 0 : name.split(' ').length);

/** Bare URLs and template variables, masked (same length, so offsets hold): neither is prose. */
function maskCode(text: string): string {
  const mask = (code: string) => '\u0000'.repeat(code.length);
  const urlsMasked = text.includes('://') ? text.replace(BARE_URL, mask) : text;
  return urlsMasked.includes('{{') ? urlsMasked.replace(TEMPLATE_VARIABLE, mask) : urlsMasked;
}

/** `SPIFFE`, `CSRs`, `xDS`, `ServiceEntry`, `mTLS` are technical tokens; `Envoy`, `istioctl`, `REGISTRY_ONLY` are not. */
function technicalToken(word: string): string | null {
  if (SCREAMING_SNAKE.test(word)) {
    return word; // `REGISTRY_ONLY`, `NODE_ENV`: a constant named in the prose is a code identifier
  }
  if (word.includes('_') || !/^\p{L}/u.test(word)) {
    return null; // constants and snake_case are values; `10GB` is a quantity
  }
  const allCaps = ACRONYM.test(word);
  const isAcronym = allCaps && word.replace(/s$/, '').length <= MAX_ACRONYM;
  // An upper-case letter after the first one: `xDS`, `meshConfig`; a capitalised word (`Envoy`) is just prose.
  const isMixed = !allCaps && /\p{Ll}/u.test(word) && /^.+\p{Lu}/u.test(word);
  if (!isAcronym && !isMixed) {
    return null;
  }
  // `COmmand` is a slip of the shift key over an everyday word, not an identifier.
  const slip = isMixed && (zipfOf(word.toLowerCase()) ?? 0) >= COMMON_ZIPF;
  if (
    ROMAN.test(word) ||
    TOKEN_STOP.has(normalizeConceptName(word)) ||
    (isAcronym && (isShoutedWord(word) || isTimeZoneAbbreviation(word))) ||
    slip
  ) {
    return null;
  }
  return word;
}

const isAsciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * Calls `fn` with the head (`meshConfig` of `meshConfig.outbound.mode`) of every DOTTED_WORD in `text` that may be a
 * technical token. On ASCII text, a scan by char code that skips words without an upper-case letter (never a token)
 * without allocating: the regex iterator cost a tenth of the whole sync's parse.
 */
function forEachWordHead(text: string, fn: (head: string) => void): void {
  if (NON_ASCII.test(text)) {
    for (const [word] of text.matchAll(DOTTED_WORD)) {
      fn(word.split('.')[0]);
    }
    return;
  }
  const n = text.length;
  for (let i = 0; i < n; ) {
    let c = text.charCodeAt(i);
    if (!isAsciiWordChar(c)) {
      i++;
      continue;
    }
    const start = i;
    let upper = false;
    for (; i < n && isAsciiWordChar((c = text.charCodeAt(i))); i++) {
      upper ||= c >= 65 && c <= 90;
    }
    const headEnd = i;
    while (i + 1 < n && text.charCodeAt(i) === 46 && isAsciiWordChar(text.charCodeAt(i + 1))) {
      for (i++; i < n && isAsciiWordChar(text.charCodeAt(i)); i++) {
        // the rest of the dotted path
      }
    }
    if (upper) {
      fn(text.slice(start, headEnd));
    }
  }
}

/** Whether the line from `start` holds only code spans and punctuation (`` `line`, `block` ``): a setting's values. */
function isValueList(children: MarkdownIt.Token[], start: number): boolean {
  for (let j = start; j < children.length && children[j].type !== 'softbreak' && children[j].type !== 'hardbreak'; j++) {
    const c = children[j];
    if (c.type !== 'code_inline' && !(c.type === 'text' && !HAS_LETTER.test(c.content))) {
      return false;
    }
  }
  return true;
}

/** The `term: …` label (lineLabel) that leads `text`, if it reads as a definition. */
function definedTerm(
  text: string,
  label: LineLabel | null,
  followedBy: 'nothing' | 'value' | 'more',
): { name: string; commitType: boolean } | null {
  if (label === null || label.speaker) {
    return null;
  }
  const rest = text.slice(label.end).trim();
  // `Steps:` over a list is a label; a definition says something on the same line.
  if (rest === '' && followedBy === 'nothing') {
    return null;
  }
  // `format: YYYY-MM-DD`, `options: ["sync", …]`, `values: \`a\`, \`b\``: a setting and its value; a definition is prose.
  const value = rest.replace(/`[^`]*`/g, '');
  if ((rest === '' && followedBy === 'value') || (rest !== '' && (!/\p{L}/u.test(value) || !/\s/.test(rest) || /^["'[{]/.test(rest)))) {
    return null;
  }
  const name = label.name.replace(/\s+/g, ' ').trim();
  const words = name.toLowerCase().split(' ');
  if (name.length < 2 || words.some((w) => /^\p{N}+$/u.test(w) || CLAUSE_WORDS.has(w)) || LABEL_STOP.has(words.join(' '))) {
    return null; // `Step 1:` is structure, `the reason is simple:` a sentence
  }
  // `configuring:` and `fix:` lead a line as labels: a definition names a thing, never a verb form or everyday word.
  if (!isConceptName(name, 'defined') || (words.length === 1 && (/(?:ing|ed)$/.test(words[0]) || isMostlyVerb(words[0])))) {
    return null;
  }
  return { name, commitType: COMMIT_TYPE.test(label.head) };
}

/**
 * Names this note may introduce as concepts, in document order, at most one per (kind, normalized name, line).
 * Five sources: `term: …` definitions at a paragraph or line start, link labels, emphasised phrases,
 * acronyms or mixed-case identifiers in plain text, and noun phrases of short lines (list items, headings, a table
 * row's name cell; see candidate-phrases.ts). Every name passes the same rules (`isConceptName`).
 */
export function extractConceptCandidates(
  tokens: MarkdownIt.Token[],
  lineOffset: number,
  fileLineCount: number,
  sections: ParsedSection[],
): ConceptCandidate[] {
  const blocks = inlineBlocks(tokens, lineOffset, fileLineCount);
  return candidatesOf(blocks, sections, repeatedLabels(blocks));
}

/** Concept candidates and the text mentions are matched in, from one walk of the tokens. */
export function scanConcepts(
  tokens: MarkdownIt.Token[],
  lineOffset: number,
  fileLineCount: number,
  sections: ParsedSection[],
): { candidates: ConceptCandidate[]; mentionText: MentionText } {
  const blocks = inlineBlocks(tokens, lineOffset, fileLineCount);
  const labels = repeatedLabels(blocks);
  return { candidates: candidatesOf(blocks, sections, labels), mentionText: mentionTextOf(blocks, labels) };
}

/**
 * A label that leads this many lines of one note is structure, not vocabulary: a changelog's `fix: …`, a chat log's
 * `Kevin Lin: …`, a transcript's `Unknown Speaker  0:13`. It defines nothing, the chunker does not read it, and the
 * names in it are no mentions. A speaker line counts as a label only so repeated (`Keynote 10:30` alone is prose).
 */
const LABEL_REPEATS = 3;
// A transcript's speaker line: a short name and a timestamp, the whole line (`Unknown Speaker  0:13`, `Ana (01:02:03)`).
const SPEAKER_LINE =
  /^(\p{L}[\p{L}\p{N}_'’.-]*(?:[ \t]+[\p{L}\p{N}_'’.-]+){0,3})[ \t]+(?:\d{1,2}:\d{2}(?::\d{2})?|\(\d{1,2}:\d{2}(?::\d{2})?\))[ \t]*$/u;

const isLineBreak = (token: MarkdownIt.Token | undefined) => token?.type === 'softbreak' || token?.type === 'hardbreak';

const isParagraphLineStart = ({ children, container }: InlineBlock, i: number) =>
  container === 'paragraph_open' && (i === 0 || isLineBreak(children[i - 1]));

interface LineLabel {
  /** The label's name as written (`Kevin Lin`, `feat`) and the whole label (`feat(api):`). */
  name: string;
  head: string;
  /** normalizeConceptName of the name. */
  key: string;
  /** Where the label ends in the text child, its task box included. */
  end: number;
  speaker: boolean;
}

/** The label that leads line `i` of a paragraph: `term:`, `feat(api):`, or a speaker line (a whole line, no `at 10:30`). */
function lineLabel(block: InlineBlock, i: number): LineLabel | null {
  if (block.children[i].type !== 'text' || !isParagraphLineStart(block, i)) {
    return null;
  }
  const held = block.labels?.[i];
  if (held !== undefined) {
    return held;
  }
  const label = readLineLabel(block, i);
  (block.labels ??= [])[i] = label;
  return label;
}

function readLineLabel(block: InlineBlock, i: number): LineLabel | null {
  const text = block.children[i].content;
  const box = TASK_BOX.exec(text)?.[0].length ?? 0;
  const body = box > 0 ? text.slice(box) : text;
  const term = DEFINED.exec(body);
  const next = block.children[i + 1];
  const speaker = !term && body.includes(':') && (next === undefined || isLineBreak(next)) ? SPEAKER_LINE.exec(body) : null;
  const m = term ?? speaker;
  if (m === null || (speaker && speaker[1].toLowerCase().split(/\s+/).some(isFunctionWord))) {
    return null;
  }
  return { name: m[1], head: m[0], key: normalizeConceptName(m[1]), end: box + m[0].length, speaker: speaker !== null };
}

/** The keys of the labels that lead LABEL_REPEATS or more lines of the note's paragraphs. */
function repeatedLabels(blocks: InlineBlock[]): Set<string> {
  const counts = new Map<string, number>();
  const out = new Set<string>();
  for (const block of blocks) {
    if (block.container !== 'paragraph_open') {
      continue;
    }
    for (let i = 0; i < block.children.length; i++) {
      const label = lineLabel(block, i);
      if (label) {
        const n = (counts.get(label.key) ?? 0) + 1;
        counts.set(label.key, n);
        if (n >= LABEL_REPEATS) {
          out.add(label.key);
        }
      }
    }
  }
  return out;
}
/** Text runs longer than this are running prose: the phrase chunker reads short lines (list items, cells, headings). */
const MAX_PHRASE_LINE = 200;
/** A sentence ends in the line: a full stop (not of `...` nor `02.`), `!` or `?` at its end or before a capital. */
const SENTENCE_END = /(?<![.\d])[.!?](?:\s+\p{Lu}|\s*$)/u;

/**
 * Per child, whether its line of the block reads as sentences (`Sidecars proxy traffic. They …`) rather than a note's
 * fragment (`sidecar injection, automated by mutating admission webhook`): the chunker leaves running prose alone.
 */
function sentenceLines(children: MarkdownIt.Token[]): boolean[] {
  const out = new Array<boolean>(children.length);
  for (let start = 0; start < children.length; ) {
    let end = start;
    let text = '';
    for (; end < children.length && children[end].type !== 'softbreak' && children[end].type !== 'hardbreak'; end++) {
      if (children[end].type === 'text' || children[end].type === 'code_inline') {
        text += children[end].content;
      }
    }
    out.fill(SENTENCE_END.test(text), start, end + 1);
    start = end + 1;
  }
  return out;
}

/**
 * The chunker reads only notes written in English: at least this share of their words known to English (the seed
 * 0.83, dendron-site's median 0.95; lorem ipsum 0.45-0.63). In another language every word looks like a rare name.
 */
const ENGLISH_NOTE_SHARE = 0.7;
/** Prose enough to judge a note's language (englishShare reads at most its first 300 words). */
const LANGUAGE_SAMPLE_CHARS = 2500;

function isEnglishNote(blocks: InlineBlock[]): boolean {
  const parts: string[] = [];
  let length = 0;
  for (const { children } of blocks) {
    for (const child of children) {
      if (child.type === 'text' && length < LANGUAGE_SAMPLE_CHARS) {
        parts.push(child.content);
        length += child.content.length + 1;
      }
    }
  }
  return englishShare(parts.join(' ')) >= ENGLISH_NOTE_SHARE;
}

/** Where the phrase chunker reads: paragraphs (list items are paragraphs too), headings and row-name cells. */
function phraseContainer(block: InlineBlock): boolean {
  return block.container === 'paragraph_open' || block.container === 'heading_open' || block.rowHead;
}

/** `labels`: the note's repeated line labels (repeatedLabels). */
function candidatesOf(blocks: InlineBlock[], sections: ParsedSection[], labels: ReadonlySet<string>): ConceptCandidate[] {
  const out: ConceptCandidate[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: ConceptCandidateKind, url: string | null, line: number) => {
    const id = `${kind}\u0000${normalizeConceptName(name)}\u0000${line}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push({ name, kind, url, line, section: sectionAt(sections, line) });
    }
  };
  // A heading that recurs in the note (`Learning Objectives` per chapter) is a template label.
  const headingCount = new Map<string, number>();
  for (const s of sections) {
    headingCount.set(s.heading.toLowerCase(), (headingCount.get(s.heading.toLowerCase()) ?? 0) + 1);
  }

  const english = isEnglishNote(blocks);
  // `feat` of `feat(api): …`: in this note, that word leads commit messages (`feat: …` too), it defines nothing.
  const commitTypes = new Set<string>();
  for (const block of blocks) {
    const { children, lines, container } = block;
    const phrases =
      english &&
      phraseContainer(block) &&
      !(container === 'heading_open' && (headingCount.get(childrenText(children).trim().toLowerCase()) ?? 0) > 1);
    const sentences = phrases ? sentenceLines(children) : [];
    let inUrlLink = false;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      const line = lines[i];
      if (child.type === 'text') {
        let text = child.content;
        // Where the phrases of this text start: after a repeated label (`Kevin Lin:` of a chat log), whose tokens are
        // still read; a definition (`mesh configuration(meshConfig): …`) is read whole.
        let phraseFrom = 0;
        if (isParagraphLineStart(block, i)) {
          const label = lineLabel(block, i);
          const repeated = label !== null && labels.has(label.key);
          const next = children[i + 1];
          // `handson: https://…`: a label over a bare URL defines nothing.
          const more = next !== undefined && !isLineBreak(next) && !isAutoLink(next);
          const value = next?.type === 'code_inline' && isValueList(children, i + 1);
          const term = definedTerm(child.content, label, value ? 'value' : more ? 'more' : 'nothing');
          if (term) {
            if (term.commitType) {
              commitTypes.add(normalizeConceptName(term.name));
            }
            if (repeated) {
              phraseFrom = label.end;
            } else {
              add(term.name, 'defined', null, line);
            }
          } else if (label && (!label.speaker || repeated)) {
            text = text.slice(label.end); // a line label (`handson:`) or a transcript's speaker: no token, no phrase
          } else {
            text = text.replace(TASK_BOX, '');
          }
        }
        if (!inUrlLink) {
          text = maskCode(text);
          forEachWordHead(text, (head) => {
            const token = technicalToken(head);
            if (token) {
              add(token, 'token', null, line);
            }
          });
          if (phrases && text.length <= MAX_PHRASE_LINE && !sentences[i]) {
            for (const phrase of phrasesIn(phraseFrom > 0 ? text.slice(phraseFrom) : text)) {
              // A one-word heading is a label (`Overview`) unless the word is unknown to English (`Ztunnel`).
              if (container !== 'heading_open' || phrase.includes(' ') || zipfOf(phrase.toLowerCase()) === null) {
                add(phrase, 'phrase', null, line);
              }
              if (container === 'heading_open' && phrase.includes(' ')) {
                add(phrase, 'heading', null, line); // a template's section heading recurs in many notes (isSalient)
              }
            }
          }
        }
      } else if (child.type === 'link_open') {
        if (isAutoLink(child)) {
          inUrlLink = true; // the label is the URL itself
          continue;
        }
        const label = cleanName(textUntilClose(children, i).text);
        const href = child.attrGet('href') ?? '';
        const words = wordCount(label);
        if (
          words > 0 &&
          words <= 5 &&
          HAS_LETTER.test(label) &&
          !GENERIC_LABELS.has(label.toLowerCase()) &&
          !SCHEME.test(label) &&
          !/^www\./i.test(label) &&
          isConceptName(label, 'marked')
        ) {
          add(label, 'link-label', SCHEME.test(href) ? href : null, line);
        }
      } else if (child.type === 'link_close') {
        inUrlLink = false;
      } else if (child.type === 'em_open' || child.type === 'strong_open') {
        const { text, end } = textUntilClose(children, i);
        const name = cleanName(text);
        const words = wordCount(name);
        if (words > 0 && words <= 4 && HAS_LETTER.test(name) && !LABEL_STOP.has(name.toLowerCase()) && isConceptName(name, 'marked')) {
          add(name, 'emphasis', null, lines[Math.min(i + 1, end)] ?? line);
        }
      }
    }
  }
  const heads = sharedHeads(out);
  const wordLines = repeatedWordLines(out);
  const kept = out.filter(
    (c) =>
      (c.kind !== 'defined' || !commitTypes.has(normalizeConceptName(c.name))) &&
      (c.kind !== 'phrase' || isRepeatedEnough(c.name, wordLines, heads)),
  );
  out.splice(0, out.length, ...kept);
  for (const head of heads.values()) {
    add(head.name, 'phrase', null, head.line);
  }
  return out;
}

/** Lines of the note on which the chunker offered each one-word phrase, by key. */
function repeatedWordLines(candidates: ConceptCandidate[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const c of candidates) {
    if (c.kind === 'phrase' && !c.name.includes(' ')) {
      const key = normalizeConceptName(c.name);
      lines.set(key, (lines.get(key) ?? 0) + 1); // `add` keeps one per (kind, key, line)
    }
  }
  return lines;
}

/**
 * One English word the chunker found is a concept when it is specific (Zipf < SPECIFIC_WORD_ZIPF, or unknown), or
 * nearly so and the note uses it again: on two lines, or as the head of two phrases (`Envoy`, `gateway`).
 */
function isRepeatedEnough(name: string, wordLines: Map<string, number>, heads: Map<string, unknown>): boolean {
  if (name.includes(' ')) {
    return true;
  }
  const zipf = lemmaZipfOf(name.toLowerCase());
  const key = normalizeConceptName(name);
  return zipf === null || zipf < SPECIFIC_WORD_ZIPF || (wordLines.get(key) ?? 0) >= 2 || heads.has(key);
}

/**
 * The last word of two or more different phrases of the note is a concept of its own when it is specific enough
 * (`edge gateway`, `egress gateway` -> `gateway`; `validating webhook`, `mutating webhook` -> `webhook`).
 */
function sharedHeads(candidates: ConceptCandidate[]): Map<string, { name: string; line: number }> {
  const heads = new Map<string, { name: string; line: number; phrases: Set<string> }>();
  for (const c of candidates) {
    if ((c.kind === 'phrase' || c.kind === 'defined') && c.name.includes(' ')) {
      const last = c.name.slice(c.name.lastIndexOf(' ') + 1);
      const key = normalizeConceptName(last);
      const held = heads.get(key) ?? { name: singular(last), line: c.line, phrases: new Set<string>() };
      held.phrases.add(normalizeConceptName(c.name));
      heads.set(key, held);
    }
  }
  const out = new Map<string, { name: string; line: number }>();
  for (const [key, h] of heads) {
    const zipf = lemmaZipfOf(h.name.toLowerCase());
    if (
      h.phrases.size >= 2 &&
      isConceptName(h.name, 'marked') &&
      !isMostlyVerb(h.name.toLowerCase()) &&
      (zipf === null || zipf < REPEATED_WORD_ZIPF)
    ) {
      out.set(key, { name: h.name, line: h.line });
    }
  }
  return out;
}

/**
 * A singular form of `word`, case kept. Folds `gateways`, `proxies`, `classes`, `patches`, `CSRs`; leaves `xDS`,
 * `status`, `analysis`, `class` and short words alone. Deliberately simple: a wrong fold only merges two keys,
 * and the matcher also keeps the name as written.
 */
function singular(word: string): string {
  if (/^[\p{Lu}\p{N}]*\p{Lu}[\p{Lu}\p{N}]*\p{Lu}s$/u.test(word)) {
    return word.slice(0, -1); // `CSRs`, `IDs`
  }
  const lower = word.toLowerCase();
  if (word.length < 4 || !word.endsWith('s') || /(?:ss|us|is)$/.test(word) || NOT_PLURAL.has(lower)) {
    return word;
  }
  if (/ies$/.test(word) && word.length >= 5) {
    return `${word.slice(0, -3)}y`;
  }
  if (/(?:sses|xes|zzes|ches|shes)$/.test(word) && !E_PLURALS.has(lower)) {
    return word.slice(0, -2);
  }
  return word.slice(0, -1);
}

// A hyphen between two words is a space for matching (`init-container` ~ `init container`).
const INNER_HYPHEN = /(?<=[\p{L}\p{N}])-+(?=[\p{L}\p{N}])/gu;

/**
 * Matching key: lower-case, whitespace collapsed, a hyphen between words read as a space, the last word's simple
 * plural folded (`Ingress Gateways` -> `ingress gateway`, `init-containers` -> `init container`).
 */
export function normalizeConceptName(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    const words = name.trim().replace(INNER_HYPHEN, ' ').split(/\s+/);
    words[words.length - 1] = singular(words[words.length - 1]);
    key = words.join(' ').toLowerCase();
    if (keyCache.size >= KEY_CACHE_SIZE) {
      keyCache.clear();
    }
    keyCache.set(name, key);
  }
  return key;
}

/**
 * Keys already worked out: the parse asks for a candidate's key several times (dedup, heads, repeats), and a vault
 * repeats its names from note to note. Cleared when full, so a thread's memory stays bounded.
 */
const keyCache = new Map<string, string>();
const KEY_CACHE_SIZE = 50_000;

/** The written forms of a singular last word: `proxy` -> proxy, proxies; `class` -> class, classes; `CSR` -> CSR, CSRs. */
function pluralForms(word: string): string[] {
  const last = word.slice(-1);
  if (/\p{Ll}/u.test(last)) {
    if (/[^aeiou]y$/i.test(word)) {
      return [word, `${word.slice(0, -1)}ies`];
    }
    return /(?:s|x|z|ch|sh)$/i.test(word) ? [word, `${word}es`] : [word, `${word}s`];
  }
  if (/\p{Lu}/u.test(last)) {
    return last === 'S' ? [word] : [word, `${word}s`]; // `xDS` has no plural of its own
  }
  return [word];
}

/**
 * Between two words of a name, any run of whitespace and a hyphen are the same gap (as in `normalizeConceptName`);
 * other gaps (`.` of `Node.js`) must match exactly.
 */
const gapKey = (gap: string) => (/^(?:\s+|-+)$/.test(gap) ? ' ' : gap);

const isHyphenAt = (text: string, i: number) => i >= 0 && text.charCodeAt(i) === 45;

function isWordCharAt(text: string, i: number): boolean {
  const cp = text.codePointAt(i);
  return cp !== undefined && /^[\p{L}\p{N}_]$/u.test(String.fromCodePoint(cp));
}

/**
 * A word trie over every concept name: text is split into words once, and at each word the trie is walked as far
 * as the following words allow, so the cost is one map lookup per word of text however many concepts there are
 * (an Aho-Corasick without failure links; names are a few words long). One alternation regex over thousands of
 * names would instead try every alternative at every word in V8. Plural forms are inserted for a name's last word.
 */
export function buildConceptMatcher(concepts: ConceptNames[]): ConceptMatcher {
  const root: ConceptTrieNode = { next: new Map(), ends: [] };
  const step = (node: ConceptTrieNode, edge: string) => {
    let child = node.next.get(edge);
    if (!child) {
      child = { next: new Map(), ends: [] };
      node.next.set(edge, child);
    }
    return child;
  };
  for (const { key, names } of concepts) {
    for (const raw of names) {
      const { name, words } = matchedWords(raw);
      if (words.length === 0) {
        continue;
      }
      const gapBefore = (k: number) => (k === 0 ? '' : gapKey(name.slice(words[k - 1].index + words[k - 1][0].length, words[k].index)));
      let node = root;
      for (let k = 0; k < words.length - 1; k++) {
        node = step(node, gapBefore(k) + words[k][0].toLowerCase());
      }
      const last = words.length - 1;
      const suffix = name.slice(words[last].index + words[last][0].length);
      for (const form of lastWordForms(words[last][0], suffix)) {
        const end = step(node, gapBefore(last) + form);
        if (!end.ends.some((e) => e.key === key && e.suffix === suffix)) {
          end.ends.push({ key, suffix });
          end.ends.sort((x, y) => y.suffix.length - x.suffix.length);
        }
      }
    }
  }
  return { root };
}

/** A name's words as the matcher reads them: matching starts at a word, so the leading `.` of `.NET` cannot take part. */
function matchedWords(raw: string): { name: string; words: RegExpExecArray[] } {
  const name = raw.trim().replace(/^[^\p{L}\p{N}_]+/u, '');
  return { name, words: [...name.matchAll(WORD_RUN)] };
}

/**
 * The lower-cased forms a name's last word matches in: its plural and singular too, unless punctuation follows (`C++`).
 * A form that is a stop word is left out: matching ignores case, and `WAs` would match every `was`.
 */
function lastWordForms(word: string, suffix: string): string[] {
  const derived = suffix === '' ? pluralForms(singular(word)).filter((f) => f === word || !isStopWord(f.toLowerCase())) : [];
  return [...new Set([word, ...derived].map((f) => f.toLowerCase()))];
}

/**
 * The words of a name as `buildConceptMatcher` inserts them, each with the written forms it accepts there: one form
 * for every word but the last, which also takes its plural and singular (`control planes` -> control, [planes,
 * plane]). Lets a caller find candidate texts for a name (e.g. in a full-text index) without missing a form.
 */
export function nameWordForms(raw: string): string[][] {
  const { name, words } = matchedWords(raw);
  if (words.length === 0) {
    return [];
  }
  const last = words[words.length - 1];
  const suffix = name.slice(last.index + last[0].length);
  return [...words.slice(0, -1).map((w) => [w[0]]), lastWordForms(last[0], suffix)];
}

// Opaque children (code, math, HTML, images, tags, URL text) and block boundaries become a separator that is neither
// a word character nor whitespace, so no name matches inside them or across them.
const SEP = '\u0000';

/** What a reader sees of every inline block, as one string with a file line per stretch. */
function mentionTextOf(blocks: InlineBlock[], labels: ReadonlySet<string>): MentionText {
  // Parts joined once at the end: a flat string, where `+=` would keep a rope of slices of the note's source alive
  // while every note of a sync waits for the final concept set.
  const parts: string[] = [];
  let length = 0;
  const lines: number[] = [];
  const push = (s: string, line: number) => {
    if (lines.length === 0 || lines[lines.length - 1] !== line) {
      lines.push(length, line);
    }
    parts.push(s);
    length += s.length;
  };
  for (const block of blocks) {
    const { children, lines: childLines } = block;
    if (length > 0) {
      parts.push(SEP);
      length += SEP.length;
    }
    let inUrlLink = false;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      switch (child.type) {
        case 'text': {
          const label = labels.size > 0 ? lineLabel(block, i) : null;
          const text = inUrlLink ? SEP : maskCode(child.content);
          // A repeated line label (`Kevin Lin:` in a chat log) is structure: the names in it are no mentions.
          push(label && labels.has(label.key) ? SEP + text.slice(label.end) : text, childLines[i]);
          break;
        }
        case 'softbreak':
        case 'hardbreak':
          push('\n', childLines[i]);
          break;
        case 'link_open':
          inUrlLink = isAutoLink(child);
          break;
        case 'link_close':
          inUrlLink = false;
          break;
        case 'dendron_link': {
          const meta = child.meta as DendronLinkMeta;
          push((meta.kind === 'wiki' || meta.kind === 'ref') && meta.alias ? `${SEP}${meta.alias}${SEP}` : SEP, childLines[i]);
          break;
        }
        default:
          // Emphasis and link markers are invisible; everything else is opaque.
          if (!/_(?:open|close)$/.test(child.type)) {
            push(SEP, childLines[i]);
          }
      }
    }
  }
  return { text: parts.join(''), lines };
}

/**
 * Mentions of known concepts in the note's prose, headings and table cells included, at most one per (key, line),
 * in document order. Case-insensitive, whole words, simple plurals; a name inside a longer one counts too
 * (`sidecar injection` mentions `sidecar`, `istio control plane` mentions `control plane`).
 */
export function findMentions(
  matcher: ConceptMatcher,
  tokens: MarkdownIt.Token[],
  lineOffset: number,
  fileLineCount: number,
  sections: ParsedSection[],
): ConceptMention[] {
  const blocks = inlineBlocks(tokens, lineOffset, fileLineCount);
  return findMentionsIn(matcher, mentionTextOf(blocks, repeatedLabels(blocks)), sections);
}

/** `findMentions` over the text kept by `scanConcepts`. */
export function findMentionsIn(matcher: ConceptMatcher, { text, lines }: MentionText, sections: ParsedSection[]): ConceptMention[] {
  const out: ConceptMention[] = [];
  const seen = new Set<string>();
  if (matcher.root.next.size === 0) {
    return out;
  }
  // Words are read one at a time (a name is walked on from where its first word ends, then the scan resumes after
  // that first word): holding every word of a long text as a match object cost more in garbage than the look-ups.
  const scan = new RegExp(WORD_RUN.source, 'gu');
  let part = 0;
  for (let word = scan.exec(text); word !== null; word = scan.exec(text)) {
    let node = matcher.root.next.get(word[0].toLowerCase());
    if (!node) {
      continue;
    }
    const at = word.index;
    if (isHyphenAt(text, at - 1) && isWordCharAt(text, at - 2)) {
      continue; // `contained vault` is no mention inside `self-contained vault`: a hyphenated compound is one word
    }
    const resume = scan.lastIndex;
    while (part + 2 < lines.length && lines[part + 2] <= at) {
      part += 2;
    }
    const line = lines[part + 1];
    // Walk as far as the trie goes; every name that ends at a word boundary on the way is a mention.
    let end = resume;
    while (node) {
      const hit = node.ends.find(
        (e) =>
          text.startsWith(e.suffix, end) &&
          !isWordCharAt(text, end + e.suffix.length) &&
          !(isHyphenAt(text, end + e.suffix.length) && isWordCharAt(text, end + e.suffix.length + 1)),
      );
      const id = hit ? `${hit.key}\u0000${line}` : '';
      if (hit && !seen.has(id)) {
        seen.add(id);
        out.push({ key: hit.key, line, section: sectionAt(sections, line) });
      }
      const following = node.next.size > 0 ? scan.exec(text) : null;
      if (following === null) {
        break;
      }
      node = node.next.get(gapKey(text.slice(end, following.index)) + following[0].toLowerCase());
      end = scan.lastIndex;
    }
    scan.lastIndex = resume;
  }
  return out;
}
