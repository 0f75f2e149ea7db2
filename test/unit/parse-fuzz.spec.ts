import fc from 'fast-check';
import type { Diagnostic, NoteDoc } from '../../src/vault/note-doc';
import { decodeNoteBytes } from '../../src/vault/parse/decode';
import { parseNote } from '../../src/vault/parse-note';

/**
 * Property tests of the pure parser: whatever bytes or text a vault holds, `decodeNoteBytes` and `parseNote` return a
 * result (never throw) whose diagnostics point at the file and at a line inside it. Seeded (FUZZ_SEED) so a failure
 * replays; fast-check prints the seed and the shrunk counter-example.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20250104);
const RUNS = 200;
const FILE = 'fuzz/note.md';

/** Pieces of Dendron Markdown that exercise each parser plugin, glued in random order by `markdownish`. */
const FRAGMENTS = [
  '---',
  '---\nid: x\ntitle: T\n---',
  'id: a',
  'title: [oops',
  'tags: [a, b]',
  'tags: {x: 1}',
  'created: 1735981566923',
  'created: not a date',
  'updated: -1e309',
  'due: 2025-01-04',
  'status: x',
  'key: &a [*a]',
  ': :',
  '? complex key',
  '[[',
  ']]',
  '[[a.b]]',
  '[[label|a.b#heading]]',
  '[[dendron://v/a.b#^block]]',
  '![[',
  '![[a.b#x:#y]]',
  '![[]]',
  '#',
  '# Heading',
  '## 02. Overview',
  '###### 99999999999999999999. Big',
  '#tag',
  '#a.b.c',
  '@user',
  '- [ ] 1/4(sat): 2',
  '- [x] 2/30(mon): 3',
  '- [ ] 13/45: x',
  '- [ ] 2025-01-04 read',
  '- [x] 📅 2025-02-29 ✅ 2025-13-01 ⏳',
  '* [X] 1/1(xyz):',
  '```',
  '```js',
  '~~~',
  '$$',
  '    indented code [[x]]',
  '> quote [[y]]',
  '| a | b |\n| - | - |\n| [[c]] | d |',
  '[md](other.md)',
  '[url](https://example.com/x)',
  'term: definition',
  '*emphasis* **strong** _x_',
  'mTLS xDS VirtualService',
  '<!-- comment [[z]] -->',
  '\u0000',
  '\uD800',
  '\uDC00',
  '\uFEFF',
  '\u2028',
  '\r\n',
  '\r',
  '\t',
  '\\',
  '',
];

const markdownish = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom('x', '[[', '#', '-', ' ', 'a'.repeat(3)).map((s) => s.repeat(10_000)) },
    ),
    { maxLength: 40 },
  )
  .chain((parts) =>
    fc
      .array(fc.constantFrom('\n', '\r\n', '\r', ' ', '', '\n\n'), { minLength: parts.length, maxLength: parts.length })
      .map((seps) => parts.map((p, i) => p + seps[i]).join('')),
  );

const anyText = fc.oneof(
  markdownish,
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 500 }),
  markdownish.map((body) => `---\nid: fz\ntitle: Fuzz\n---\n${body}`),
);

const fname = fc.oneof(fc.constantFrom('root', 'a.b.c', 'lfs144', ''), fc.string({ maxLength: 30 }));

/** Lines as CommonMark counts them: a lone CR is a line break too (the parser's rule, and the write-back's). */
function lineCount(text: string): number {
  return text.split(/\r\n?|\n/).length;
}

function checkDiagnostics(diagnostics: Diagnostic[], lines: number): void {
  for (const d of diagnostics) {
    expect(d.file).toBe(FILE);
    expect(typeof d.code).toBe('string');
    expect(d.code.length).toBeGreaterThan(0);
    expect(['error', 'warning']).toContain(d.severity);
    expect(typeof d.message).toBe('string');
    if (d.line !== null) {
      expect(Number.isInteger(d.line)).toBe(true);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines);
    }
  }
}

function checkDoc(doc: NoteDoc, text: string): void {
  const lines = lineCount(text);
  expect(typeof doc.title).toBe('string');
  expect(Array.isArray(doc.sections)).toBe(true);
  expect(doc.bodyLine).toBeGreaterThanOrEqual(1);
  expect(doc.bodyLine).toBeLessThanOrEqual(lines + 1);
  checkDiagnostics(doc.diagnostics, lines);
  for (const s of doc.sections) {
    expect(s.startLine).toBeGreaterThanOrEqual(1);
    expect(s.endLine).toBeGreaterThanOrEqual(s.startLine);
    expect(s.endLine).toBeLessThanOrEqual(lines);
  }
  for (const l of doc.links) {
    expect(l.line).toBeGreaterThanOrEqual(1);
    expect(l.line).toBeLessThanOrEqual(lines);
    expect(l.column).toBeGreaterThanOrEqual(1);
    if (l.section !== null) {
      expect(doc.sections[l.section]).toBeDefined();
    }
  }
  for (const m of doc.milestones) {
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.line).toBeLessThanOrEqual(lines);
  }
}

describe('parser properties (fast-check, FUZZ_SEED)', () => {
  it('parseNote never throws and keeps every line it reports inside the file', () => {
    fc.assert(
      fc.property(anyText, fname, (text, name) => {
        const doc = parseNote({ file: FILE, fname: name, text });
        expect(doc.fname).toBe(name);
        checkDoc(doc, text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('decodeNoteBytes never throws; what it decodes parses, with diagnostics inside the file', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      anyText.map((t) => new TextEncoder().encode(t)),
      fc.tuple(anyText, fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat()).map(([t, junk, at]) => {
        const b = new TextEncoder().encode(t);
        const cut = b.length === 0 ? 0 : at % b.length;
        return Uint8Array.from([...b.subarray(0, cut), ...junk, ...b.subarray(cut)]);
      }),
      fc.uint8Array({ maxLength: 64 }).map((b) => Uint8Array.from([0xef, 0xbb, 0xbf, ...b])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const decoded = decodeNoteBytes(FILE, b);
        if (!decoded.ok) {
          expect(decoded.diagnostic.file).toBe(FILE);
          expect(decoded.diagnostic.code).toBe('BINARY_FILE');
          expect(b.subarray(0, 8192).includes(0)).toBe(true);
          return;
        }
        expect(typeof decoded.text).toBe('string');
        checkDiagnostics(decoded.diagnostics, lineCount(decoded.text));
        checkDoc(parseNote({ file: FILE, fname: 'fuzz', text: decoded.text }), decoded.text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
