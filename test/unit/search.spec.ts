import { MARK_CLOSE, MARK_OPEN, snippetHtml, toFtsQuery } from '../../src/search/fts-query';
import { parseNote } from '../../src/vault/parse-note';
import { searchChunks } from '../../src/vault/parse/search-chunks';

describe('toFtsQuery', () => {
  it('quotes every term, so FTS5 syntax in user text is plain text, and ANDs them', () => {
    expect(toFtsQuery('mutating admission webhook')).toBe('"mutating" "admission" "webhook"');
    expect(toFtsQuery('a-b')).toBe('"a-b"');
    expect(toFtsQuery('say "hi" NOT col:x*')).toBe('"say" """hi""" "NOT" "col:x*"');
  });

  it('drops terms with nothing to search', () => {
    expect(toFtsQuery('" - * ()')).toBeNull();
    expect(toFtsQuery('   ')).toBeNull();
    expect(toFtsQuery('- istio')).toBe('"istio"');
  });
});

describe('snippetHtml', () => {
  it('escapes the text and turns the markers into <mark>', () => {
    expect(snippetHtml(`a <b> & ${MARK_OPEN}x${MARK_CLOSE} "q"`)).toBe('a &lt;b&gt; &amp; <mark>x</mark> &quot;q&quot;');
  });
});

describe('searchChunks', () => {
  it('gives each section its own text up to the next heading of any depth, plus the text before the first heading', () => {
    const text = '---\nid: x\n---\n\nintro\n\n## A\n\na text\n\n### A.1\n\nsub text\n\n## B\n';
    const doc = parseNote({ file: 'x.md', fname: 'x', text });
    expect(searchChunks(doc.body, doc.bodyLine, doc.sections)).toEqual([
      { section: null, heading: null, text: 'intro' },
      { section: 0, heading: 'A', text: '## A\n\na text' },
      { section: 1, heading: 'A.1', text: '### A.1\n\nsub text' },
      { section: 2, heading: 'B', text: '## B' },
    ]);
  });

  it('makes no chunk of blank text before the first heading', () => {
    const doc = parseNote({ file: 'x.md', fname: 'x', text: '\n\n# Only\n' });
    expect(searchChunks(doc.body, doc.bodyLine, doc.sections)).toEqual([{ section: 0, heading: 'Only', text: '# Only' }]);
  });
});
