import { slug } from 'github-slugger';
import type MarkdownIt from 'markdown-it';
import { createMarkdown, type DendronLinkMeta } from '../../vault/parse/dendron-syntax';
import { classifyHref } from '../../vault/parse/links';
import { extractSections } from '../../vault/parse/sections';

/**
 * A note's Markdown body as HTML for the web app. The body is tokenized by the parser's own markdown-it setup
 * (createMarkdown: Dendron wikilinks, refs, tags, math), so what the page shows as a heading or a link is what the
 * sync indexed as one; headings get the section slugs (extractSections on the same tokens). Raw HTML in a note is
 * shown as text, never run: the page is on the same origin as the API.
 */
export function renderNoteHtml(body: string): string {
  const tokens = md.parse(body, {});
  const sections = extractSections(tokens, 1, body.split('\n').length);
  let heading = 0;
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open' && token.map) {
      token.attrSet('id', sections[heading++]?.slug ?? '');
    } else if (token.type === 'inline' && tokens[i - 2]?.type === 'list_item_open') {
      markCheckbox(token);
    }
  });
  return md.renderer.render(tokens, md.options, {});
}

/** A task item's `[ ]` / `[x]` shown as a ballot box: the page ticks milestones on the dashboard, not here. */
function markCheckbox(inline: MarkdownIt.Token): void {
  const first = inline.children?.[0];
  const m = first?.type === 'text' ? /^\[([ xX])\]\s/.exec(first.content) : null;
  if (first && m) {
    first.content = `${m[1] === ' ' ? '☐' : '☑'} ${first.content.slice(m[0].length)}`;
  }
}

/** `/notes/<fname>[#anchor]` for a Dendron link; a cross-vault link names its vault (`?vault=`). */
export function noteHref(meta: Pick<DendronLinkMeta, 'targetFname' | 'targetVault' | 'anchor'>): string | null {
  if (!meta.targetFname) {
    return null;
  }
  const vault = meta.targetVault ? `?vault=${encodeURIComponent(meta.targetVault)}` : '';
  const anchor = meta.anchor && !meta.anchor.startsWith('^') ? `#${encodeURIComponent(slug(meta.anchor))}` : '';
  return `/notes/${encodeURIComponent(meta.targetFname)}${vault}${anchor}`;
}

const md: MarkdownIt = createRenderer();

function createRenderer(): MarkdownIt {
  const it = createMarkdown();
  const escape = (text: string) => it.utils.escapeHtml(text);
  const rules = it.renderer.rules;
  rules.html_block = (tokens, i) => `<pre class="raw-html">${escape(tokens[i].content)}</pre>\n`;
  rules.html_inline = (tokens, i) => escape(tokens[i].content);
  rules.math_inline = (tokens, i) => `<code class="math">${escape(tokens[i].content)}</code>`;
  rules.math_block = (tokens, i) => `<pre class="math">${escape(tokens[i].content)}</pre>\n`;
  // An image from elsewhere would leave the machine (and the content security policy refuses it): a link instead.
  rules.image = (tokens, i) => {
    const token = tokens[i];
    const alt = token.children ? it.renderer.renderInlineAsText(token.children, it.options, {}) : token.content;
    const src = token.attrGet('src') ?? '';
    return `<a class="image-link" href="${escape(src)}" rel="noopener noreferrer">image: ${escape(alt || src)}</a>`;
  };
  rules.dendron_link = (tokens, i) => {
    const meta = tokens[i].meta as DendronLinkMeta;
    const href = noteHref(meta);
    const text = meta.alias ?? meta.raw.replace(/^!?\[\[|\]\]$/g, '');
    if (!href) {
      return escape(text);
    }
    return `<a class="wikilink ${meta.kind}" href="${escape(href)}">${escape(text)}</a>`;
  };
  // Ordinary links to notes (`[x](other.md)`) open the note page; external ones a new tab.
  const linkOpen = rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  rules.link_open = (tokens, i, options, env, self) => {
    const token = tokens[i];
    const href = token.attrGet('href') ?? '';
    // The sync's rule for which hrefs are note links (classifyHref), so the page links what the index holds.
    const link = classifyHref(href, null);
    if (link?.kind === 'md' && link.targetFname !== null) {
      token.attrSet('href', `/notes/${encodeURIComponent(link.targetFname)}${link.anchor === null ? '' : `#${link.anchor}`}`);
    } else if (/^https?:/i.test(href)) {
      token.attrSet('rel', 'noopener noreferrer');
    }
    return linkOpen(tokens, i, options, env, self);
  };
  return it;
}
