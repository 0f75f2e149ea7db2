import { flipCheckbox } from '../../src/milestones/checkbox-write';

describe('flipCheckbox', () => {
  const file = '\uFEFF---\r\nid: x\r\n---\r\n\r\n- [ ] 1/4(sat): 2 café\r\n- [x] 1/5(sun): 3\r\n';
  const bytes = Buffer.from(file, 'utf8');

  it('changes exactly one byte, keeping BOM and CRLF', () => {
    const out = flipCheckbox(bytes, 5, 4, true);
    expect(out.length).toBe(bytes.length);
    expect([...out].filter((b, i) => b !== bytes[i])).toEqual(['x'.charCodeAt(0)]);
    expect(out.toString('utf8')).toBe(file.replace('- [ ] 1/4', '- [x] 1/4'));
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
