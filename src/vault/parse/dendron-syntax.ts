import MarkdownIt from 'markdown-it';
import type { LinkKind } from '../note-doc';

/**
 * markdown-it rules for Dendron's own syntax. Each rule emits a `dendron_link` token whose meta is a
 * `DendronLinkMeta`, so the link walker never re-scans text. Code spans, code blocks, HTML and math are
 * consumed by their own rules first, so nothing inside them becomes a link.
 */
export interface DendronLinkMeta {
  kind: LinkKind;
  targetFname: string | null;
  targetVault: string | null;
  anchor: string | null;
  alias: string | null;
  /** Offset of the link's first character in the inline source. */
  offset: number;
  raw: string;
}

/** Offset recorded on markdown-it's own link tokens (link_open of links, autolinks, linkify). */
export interface OffsetMeta {
  offset: number;
}

// Punctuation that ends a tag (Dendron's list); `.` may sit inside a tag but never at its ends.
const PUNCT = ',;:\'"<>()?!`~«‹»›„“‟”’❝❞❮❯⹂〝〞〟＂‚‘‛❛❜❟［］【】…‥「」『』·؟،।॥‽⸘¡¿⁈⁉';
const esc = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
const NOT_TAG = `#@|\\[\\]\\s${esc(PUNCT)}`;
const HASHTAG = new RegExp(`#([^0-9.${NOT_TAG}](?:[^${NOT_TAG}]*[^.${NOT_TAG}])?)`, 'uy');
// A user tag may start with `.` or a digit (Dendron's userTags.ts has no first-character rule); no final `.` (D1).
const USERTAG = new RegExp(`@([^${NOT_TAG}]*[^.${NOT_TAG}])`, 'uy');
const CROSS_VAULT = /^dendron:\/\/([^/]+)\/(.*)$/;

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

type Delimiter = MarkdownIt.StateInline['delimiters'][number];

/** Tags let in only because an emphasis opener precedes them, checked again once pairs are balanced. */
const afterOpener = new WeakMap<MarkdownIt.Token, Delimiter>();

/**
 * A tag must start a word: after whitespace (true), or first thing inside emphasis or strikethrough
 * (`**@name**`, `_#tag_`), where Dendron's remark parser also sees it at the start of a text run:
 * then the opener it follows, which must turn out to be paired. Otherwise false.
 */
function wordStart(state: MarkdownIt.StateInline, pos: number): Delimiter | boolean {
  const prev = state.src[pos - 1];
  if (isSpace(prev)) {
    return true;
  }
  if (!'*_~'.includes(prev) || state.pending !== '') {
    return false;
  }
  const opener = state.delimiters[state.delimiters.length - 1];
  return opener !== undefined && opener.open && opener.token === state.tokens.length - 1 ? opener : false;
}

/** After pairing: a tag let in by an opener that never closed (`with.*#x`) is plain text after all. */
function dropUnpairedTags(state: MarkdownIt.StateInline): boolean {
  for (const token of state.tokens) {
    const opener = afterOpener.get(token);
    if (opener && opener.end < 0) {
      token.type = 'text';
      token.content = (token.meta as DendronLinkMeta).raw;
      token.meta = null;
    }
  }
  return false;
}

function wikiRule(state: MarkdownIt.StateInline, silent: boolean): boolean {
  const src = state.src;
  let start = state.pos;
  const isRef = src.charCodeAt(start) === 0x21; /* ! */
  if (isRef) {
    start++;
  }
  if (src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5b) {
    return false;
  }
  const close = src.indexOf(']]', start + 2);
  if (close < 0 || close > state.posMax) {
    return false;
  }
  const inner = src.slice(start + 2, close);
  if (inner.includes('\n') || inner.trim() === '') {
    return false;
  }
  if (!silent) {
    const token = state.push('dendron_link', '', 0);
    token.meta = {
      ...parseWikiTarget(inner),
      kind: isRef ? 'ref' : 'wiki',
      offset: state.pos,
      raw: src.slice(state.pos, close + 2),
    } satisfies DendronLinkMeta;
  }
  state.pos = close + 2;
  return true;
}

/** `alias|dendron://vault/fname#anchor` -> parts. An empty fname is a same-note link (`[[#h]]`). */
function parseWikiTarget(inner: string): Pick<DendronLinkMeta, 'targetFname' | 'targetVault' | 'anchor' | 'alias'> {
  let alias: string | null = null;
  let target = inner;
  const pipe = inner.indexOf('|');
  if (pipe >= 0) {
    alias = inner.slice(0, pipe).trim();
    target = inner.slice(pipe + 1);
  }
  target = target.trim();
  let targetVault: string | null = null;
  const cross = CROSS_VAULT.exec(target);
  if (cross) {
    targetVault = cross[1];
    target = cross[2];
  }
  const hash = target.indexOf('#');
  const anchor = hash >= 0 ? target.slice(hash + 1).trim() || null : null;
  // Dendron drops a `.md` extension written in the link (`[[a.b.md]]` -> `a.b`).
  const fname = (hash >= 0 ? target.slice(0, hash) : target).trim().replace(/\.md$/i, '');
  return { alias: alias || null, targetFname: fname === '' ? null : fname, targetVault, anchor };
}

/**
 * How many of the tag's last characters are `*` or `_` that may close an emphasis opened before it:
 * `**see #tag**` is the tag `tag` (Dendron reads the emphasis text on its own), while `#a_b` keeps its `_`.
 */
function trailingClosers(state: MarkdownIt.StateInline, raw: string): number {
  const open = new Set(state.delimiters.filter((d) => d.open).map((d) => String.fromCharCode(d.marker)));
  let n = 0;
  while (n < raw.length - 1 && open.has(raw[raw.length - 1 - n])) {
    n++;
  }
  return n;
}

/** Characters where one of remark's inline locators (emphasis, code, escape, HTML, links, math, breaks…) may stop a text run. */
const RUN_BREAK = new Set(['\n', '*', '_', '~', '`', '\\', '<', '[', '$', '^']);
const URL_START = /(?:https?:\/\/|www\.)$/;
const EMAIL_REST = /^@[\w-]+(?:\.[\w-]+)+/;

/**
 * Dendron finds a tag through a locator that looks only at the first `#` (or `@`) of a text run and, when that one
 * follows a non-space (`Task#1`), finds no tag up to the end of the run: the next place where another of remark's
 * locators stops it. So `"Task#{id}: #{name}"` has no hashtag in Dendron. True when an earlier symbol hides this one.
 */
function hiddenByEarlierSymbol(src: string, pos: number, symbol: '#' | '@'): boolean {
  for (let i = pos - 1; i >= 0; i--) {
    const ch = src[i];
    if (RUN_BREAK.has(ch) || (ch === '{' && src[i + 1] === '{') || URL_START.test(src.slice(Math.max(0, i - 7), i + 1))) {
      return false;
    }
    const afterWord = /[\w+.-]/.test(src[i - 1] ?? ' ');
    // remark's e-mail locator stops the run at an `@` after a word; for user tags the run goes on unless an
    // e-mail address is really there to be taken (`foo@example.com @alice`, but `x@y @z` hides `@z`).
    if (ch === '@' && afterWord && (symbol === '#' || EMAIL_REST.test(src.slice(i, i + 256)))) {
      return false;
    }
    if (ch === symbol) {
      return !isSpace(src[i - 1]);
    }
    // The other tag's locator stops the run at its symbol after a space.
    if ((ch === '#' || ch === '@') && isSpace(src[i - 1])) {
      return false;
    }
  }
  return false;
}

function tagRule(symbol: '#' | '@', pattern: RegExp, kind: LinkKind, hierarchy: string) {
  return (state: MarkdownIt.StateInline, silent: boolean): boolean => {
    const pos = state.pos;
    const start = state.src[pos] === symbol && wordStart(state, pos);
    if (start === false || hiddenByEarlierSymbol(state.src, pos, symbol)) {
      return false;
    }
    pattern.lastIndex = pos;
    let match = pattern.exec(state.src);
    const closers = match ? trailingClosers(state, match[0]) : 0;
    if (match && closers > 0) {
      pattern.lastIndex = pos;
      match = pattern.exec(state.src.slice(0, pos + match[0].length - closers));
    }
    if (!match || pos + match[0].length > state.posMax) {
      return false;
    }
    if (!silent) {
      const token = state.push('dendron_link', '', 0);
      token.meta = {
        kind,
        targetFname: hierarchy + match[1],
        targetVault: null,
        anchor: null,
        alias: null,
        offset: pos,
        raw: match[0],
      } satisfies DendronLinkMeta;
      if (start !== true) {
        afterOpener.set(token, start);
      }
    }
    state.pos = pos + match[0].length;
    return true;
  };
}

/** `$…$` and `$$…$$` inline math (remark-math rules): opaque, so nothing inside is a link or tag. */
function mathInlineRule(state: MarkdownIt.StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== '$') {
    return false;
  }
  const fence = src[start + 1] === '$' ? '$$' : '$';
  const from = start + fence.length;
  if (fence === '$' && (isSpace(src[from]) || src[from] === '$')) {
    return false;
  }
  const end = src.indexOf(fence, from);
  if (end < 0 || end > state.posMax || end === from || (fence === '$' && isSpace(src[end - 1])) || src.slice(from, end).includes('\n\n')) {
    return false;
  }
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(from, end);
    token.meta = { offset: start } satisfies OffsetMeta;
  }
  state.pos = end + fence.length;
  return true;
}

/** `$$` fenced math block: skipped like a code block. */
function mathBlockRule(state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const first = state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]);
  if (!first.startsWith('$$') || state.sCount[startLine] - state.blkIndent >= 4) {
    return false;
  }
  if (silent) {
    return true;
  }
  let line = startLine;
  const closedOnFirst = first.length > 2 && first.trimEnd().endsWith('$$');
  while (!closedOnFirst && ++line < endLine) {
    const text = state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
    if (text.trimEnd().endsWith('$$')) {
      break;
    }
  }
  const last = Math.min(line, endLine - 1);
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}

/**
 * Wrap one of markdown-it's own inline rules so the token it opens remembers where it started.
 * linkify is special: it finds `https:` by taking the scheme back out of the pending text.
 */
function recordOffset(md: MarkdownIt, name: string): void {
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: MarkdownIt.ParserInline.RuleInline }[] }).__rules__;
  const rule = rules.find((r) => r.name === name);
  if (!rule) {
    return;
  }
  const original = rule.fn;
  const isLinkify = name === 'linkify';
  md.inline.ruler.at(name, (state, silent) => {
    const start = state.pos;
    if (!silent && !isLinkify && state.pending !== '') {
      state.pushPending(); // flush text first so the rule's own token is the next one pushed
    }
    const pendingBefore = state.pending.length;
    const first = state.tokens.length;
    const ok = original(state, silent);
    if (!ok || silent || state.tokens.length <= first) {
      return ok;
    }
    let opened = first;
    let offset = start;
    if (isLinkify) {
      const flushed = state.tokens[first].type === 'text' ? state.tokens[first].content.length : 0;
      opened = flushed > 0 || state.tokens[first].type === 'text' ? first + 1 : first;
      offset = start - (pendingBefore - flushed);
    }
    if (opened < state.tokens.length) {
      state.tokens[opened].meta = { offset } satisfies OffsetMeta;
    }
    return ok;
  });
}

export function dendronSyntax(md: MarkdownIt): void {
  md.inline.ruler.before('link', 'dendron_wikilink', wikiRule);
  md.inline.ruler.before('link', 'dendron_hashtag', tagRule('#', HASHTAG, 'hashtag', 'tags.'));
  md.inline.ruler.before('link', 'dendron_usertag', tagRule('@', USERTAG, 'usertag', 'user.'));
  md.inline.ruler2.after('balance_pairs', 'dendron_unpaired_tags', dropUnpairedTags);
  md.inline.ruler.before('escape', 'math_inline', mathInlineRule);
  md.block.ruler.before('fence', 'math_block', mathBlockRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  for (const name of ['link', 'autolink', 'linkify', 'emphasis']) {
    recordOffset(md, name);
  }
}

export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true }).use(dendronSyntax);
  // Only links with a scheme: fuzzy `example.com` and e-mail addresses are prose, not links.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  // The inline linkify rule already turns `https://…` into links as it tokenizes; the core rule would scan every
  // text token again with linkify-it's large regex (measured: the costliest regex of a sync).
  md.core.ruler.disable('linkify');
  return md;
}
