import { parse } from 'yaml';
import { parseFrontmatter } from '../../src/vault/parse/frontmatter';

/** The flat fast path must read exactly what the `yaml` parser reads, and leave everything else to it. */
describe('parseFrontmatter', () => {
  const cases = [
    "id: abc123\ntitle: Proident\ndesc: 'consequat the and by'\nupdated: 1661167459043\ncreated: 1644066579363\n",
    "id: x\ntitle: '0.84'\ndesc: ''\n",
    'title: "double quoted"\nnav_order: 0\n',
    'title: Node.js (runtime), v20/x - notes\n',
    'title: yes\n',
    'title: null\n',
    'title: True\n',
    'title: 1e3\n',
    'title: 0123\n',
    "title: 'it''s'\n",
    'title: a # comment\n',
    'title: trailing \n',
    'desc:\n',
    'tags: [a, b]\n',
    'id: a\nid: b\n',
    'created: 2021-01-04\n',
    'title: "esc\\"aped"\n',
    'a: 12345678901234567890\n',
  ];

  it.each(cases)('reads %j as yaml does', (yamlText) => {
    const fm = parseFrontmatter('n.md', `---\n${yamlText}---\nbody\n`);
    expect(fm.diagnostics).toEqual([]);
    expect(fm.data).toEqual(parse(yamlText, { uniqueKeys: false }) ?? {});
    expect(fm.body).toBe('body\n');
  });

  it('gives each key its file line', () => {
    const fm = parseFrontmatter('n.md', '---\nid: x\ntitle: T\ntags: [a]\n---\n');
    expect([...fm.keyLines]).toEqual([
      ['id', 2],
      ['title', 3],
      ['tags', 4],
    ]);
    const flat = parseFrontmatter('n.md', '---\nid: x\ntitle: T\n---\n');
    expect([...flat.keyLines]).toEqual([
      ['id', 2],
      ['title', 3],
    ]);
  });
});
