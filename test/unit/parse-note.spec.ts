import fs from 'node:fs';
import path from 'node:path';
import { parseNote } from '../../src/vault/parse-note';

/**
 * Golden fixtures: test/fixtures/parse/<case>/input.md -> expected.json.
 * Regenerate with `UPDATE=1 npx jest test/unit/parse-note.spec.ts` and review the diff.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'parse');
const cases = fs.readdirSync(FIXTURES).filter((c) => fs.existsSync(path.join(FIXTURES, c, 'input.md')));

describe('parseNote golden fixtures', () => {
  it.each(cases)('%s', (name) => {
    const dir = path.join(FIXTURES, name);
    const text = fs.readFileSync(path.join(dir, 'input.md'), 'utf8');
    const fname = name === 'seed-lfs144' ? 'lfs144' : name;
    const doc = parseNote({ file: `${fname}.md`, fname, text });
    const { body: _body, mentionText: _mentionText, ...actual } = doc;
    const expectedFile = path.join(dir, 'expected.json');
    if (process.env.UPDATE === '1' || !fs.existsSync(expectedFile)) {
      fs.writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(fs.readFileSync(expectedFile, 'utf8')));
  });
});

describe('parseNote on the seed note', () => {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'lfs144.md'), 'utf8');
  const doc = parseNote({ file: 'lfs144.md', fname: 'lfs144', text });

  it('reads the frontmatter as Dendron does', () => {
    expect(doc.id).toBe('23h17up1bhg323nhuc4m7sx');
    expect(doc.title).toBe('Lfs144');
    expect(new Date(doc.created ?? 0).toISOString()).toBe('2025-01-04T09:06:06.923Z');
    expect(doc.diagnostics).toEqual([]);
  });

  it('numbers the chapters from their headings', () => {
    const chapters = doc.sections.filter((s) => s.chapter !== null).map((s) => [s.heading, s.chapter]);
    expect(chapters).toEqual([
      ['02. Overview', 2],
      ['03. Installing Istio', 3],
    ]);
  });

  it('nests subsections inside their chapter', () => {
    const overview = doc.sections.findIndex((s) => s.heading === '02. Overview');
    const sub = doc.sections.find((s) => s.heading === 'New problems for microservices');
    expect(sub?.parent).toBe(overview);
    expect(doc.sections[overview].endLine).toBeGreaterThanOrEqual(sub?.endLine ?? Infinity);
  });
});

describe('parseNote on bad input', () => {
  it('reports broken YAML with the line and keeps the body', () => {
    const doc = parseNote({ file: 'bad.md', fname: 'bad', text: '---\nid: x\ntitle: [oops\n---\n\n[[lfs144]]\n' });
    expect(doc.diagnostics[0]).toMatchObject({ file: 'bad.md', code: 'YAML_ERROR' });
    expect(doc.diagnostics[0].line).toBeGreaterThanOrEqual(3);
    expect(doc.links.map((l) => l.targetFname)).toEqual(['lfs144']);
  });

  it('parses CRLF files with the same lines as LF', () => {
    const lf = '---\nid: a\n---\n\n# H\n\n[[x]] #t\n';
    const a = parseNote({ file: 'a.md', fname: 'a', text: lf });
    const b = parseNote({ file: 'a.md', fname: 'a', text: lf.replace(/\n/g, '\r\n') });
    expect(b.id).toBe('a');
    expect(b.links).toEqual(a.links);
    expect(b.sections).toEqual(a.sections);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '---', '---\n---', '---\n: :\n---', '[[', '![[]]', '# ', '$$', '```', '\u0000\u0001']) {
      expect(() => parseNote({ file: 'x.md', fname: 'x', text })).not.toThrow();
    }
  });
});
