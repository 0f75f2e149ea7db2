import { parseNote } from '../../src/vault/parse-note';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flipCheckbox, writeCheckbox } from '../../src/milestones/checkbox-write';
import { fileHash } from '../../src/vault/file-hash';

describe('flipCheckbox', () => {
  const file = '\uFEFF---\r\nid: x\r\n---\r\n\r\n- [ ] 1/4(sat): 2 café\r\n- [x] 1/5(sun): 3\r\n';
  const bytes = Buffer.from(file, 'utf8');

  it('changes exactly one byte, keeping BOM and CRLF', () => {
    const out = flipCheckbox(bytes, 5, 4, true);
    expect(out.length).toBe(bytes.length);
    expect([...out].filter((b, i) => b !== bytes[i])).toEqual(['x'.charCodeAt(0)]);
    expect(out.toString('utf8')).toBe(file.replace('- [ ] 1/4', '- [x] 1/4'));
  });

  it('counts a lone CR as a line break, as the parser does', () => {
    const text = '# Plan\r- [ ] 1/4: 2\r\n- [ ] 1/5: 3\r- [ ] 1/6: 4';
    const doc = parseNote({ file: 'cr.md', fname: 'cr', text });
    const third = doc.milestones.find((m) => m.target === '4');
    expect(third?.line).toBe(4);
    const out = flipCheckbox(Buffer.from(text), third?.line ?? 0, third?.checkboxColumn ?? 0, true, '2025-01-06');
    expect(out.toString('utf8')).toBe('# Plan\r- [ ] 1/4: 2\r\n- [ ] 1/5: 3\r- [x] 1/6: 4 ✅ 2025-01-06');
  });

  it('unticks', () => {
    expect(flipCheckbox(bytes, 6, 4, false).toString('utf8')).toBe(file.replace('- [x] 1/5', '- [ ] 1/5'));
  });

  it('refuses a line without a checkbox at that column', () => {
    expect(() => flipCheckbox(bytes, 2, 4, true)).toThrow(/no checkbox/);
    expect(() => flipCheckbox(bytes, 99, 4, true)).toThrow(/past the end/);
  });

  it('adds and removes the done date of an Obsidian Tasks line, touching nothing else', () => {
    const tasks = Buffer.from('a\r\n- [ ] read ch 2 📅 2025-01-04\r\nb\r\n');
    const ticked = flipCheckbox(tasks, 2, 4, true, '2025-01-05');
    expect(ticked.toString()).toBe('a\r\n- [x] read ch 2 📅 2025-01-04 ✅ 2025-01-05\r\nb\r\n');
    expect(flipCheckbox(ticked, 2, 4, false, '2025-01-06').toString()).toBe(tasks.toString());
  });
});

describe('writeCheckbox', () => {
  let dir: string;
  const text = '---\nid: x\n---\n\n- [ ] 1/4(sat): 2\n';

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-write-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes through a symlinked note to its target, keeping the link and the mode', () => {
    const target = path.join(dir, 'elsewhere.md');
    fs.writeFileSync(target, text, { mode: 0o640 });
    fs.chmodSync(target, 0o640);
    const link = path.join(dir, 'note.md');
    fs.symlinkSync('elsewhere.md', link);
    expect(writeCheckbox(link, { name: 'note.md', expectedHash: fileHash(Buffer.from(text)), line: 5, column: 4, done: true })).toBe(true);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe('elsewhere.md');
    expect(fs.readFileSync(target, 'utf8')).toBe(text.replace('[ ]', '[x]'));
    expect(fs.statSync(target).mode & 0o7777).toBe(0o640);
    expect(fs.readdirSync(dir).sort()).toEqual(['elsewhere.md', 'note.md']);
  });

  it('refuses a changed, vanished or looping file with a CONFLICT that names only the vault-relative file', () => {
    const file = path.join(dir, 'note.md');
    fs.writeFileSync(file, `${text}edited\n`);
    const edit = { name: 'note.md', expectedHash: fileHash(Buffer.from(text)), line: 5, column: 4, done: true };
    const message = 'note.md changed on disk since the last sync; sync again, then retry';
    expect(() => writeCheckbox(file, edit)).toThrow(message);
    fs.rmSync(file);
    fs.symlinkSync('note.md', file);
    expect(() => writeCheckbox(file, edit)).toThrow(message);
    fs.rmSync(file);
    expect(() => writeCheckbox(file, edit)).toThrow(message);
  });
});
