import { readFileSync } from 'fs';
import path from 'path';
import { milestoneKey, parseMilestones, type ParseMilestonesInput } from '../../src/vault/parse/milestones';

const CREATED_2025 = 1735981566923; // 2025-01-04T09:06:06.923Z
const CREATED_2024_12_15 = Date.UTC(2024, 11, 15, 12);

/** A note whose body starts at line 1, unless frontmatter lines are given. */
function parse(body: string[], over: Partial<ParseMilestonesInput> = {}) {
  return parseMilestones({
    file: 'notes/x.md',
    lines: body,
    bodyLine: 1,
    createdMs: CREATED_2025,
    timeZone: 'UTC',
    frontmatter: {},
    ...over,
  });
}

const LFS144_PLAN = [
  '## Milestone',
  '',
  '- [x] 1/4(sat): 2',
  '- [x] 1/4(sat): 3',
  '- [ ] 1/5(sun): 4',
  '- [ ] 1/6(mon): 5',
  '- [ ] 1/7(tue): 6',
  '- [ ] 1/8(wed): 7',
  '- [ ] 1/9(thu): 8',
  '- [ ] 1/10(fri): 9',
  '- [ ] 1/11(sat): 10',
  '',
  '## 02. Overview',
];

describe('parseMilestones: lfs144 plan', () => {
  it.each(['UTC', 'America/Los_Angeles'])('reads the 9 milestones in %s', (timeZone) => {
    const { milestones, diagnostics } = parse(LFS144_PLAN, { timeZone });
    expect(diagnostics).toEqual([]);
    expect(milestones.map((m) => m.date)).toEqual([
      '2025-01-04',
      '2025-01-04',
      '2025-01-05',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-01-09',
      '2025-01-10',
      '2025-01-11',
    ]);
    expect(milestones.map((m) => m.chapter)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(milestones.map((m) => m.done)).toEqual([true, true, false, false, false, false, false, false, false]);
    expect(milestones[0]).toEqual({
      line: 3,
      done: true,
      date: '2025-01-04',
      weekday: 'sat',
      target: '2',
      chapter: 2,
      label: '2',
      doneDate: null,
      format: 'plan',
      checkboxColumn: 4,
      weekdayMismatch: false,
      diagnostics: [],
    });
  });

  it('reads the real seeds/lfs144.md', () => {
    const text = readFileSync(path.join(__dirname, '../../seeds/lfs144.md'), 'utf8');
    const lines = text.split('\n');
    const { milestones, diagnostics } = parseMilestones({
      file: 'seeds/lfs144.md',
      lines,
      bodyLine: 8,
      createdMs: CREATED_2025,
      timeZone: 'UTC',
      frontmatter: { id: '23h17up1bhg323nhuc4m7sx', created: CREATED_2025 },
    });
    expect(diagnostics).toEqual([]);
    expect(milestones).toHaveLength(9);
    expect(milestones[0].date).toBe('2025-01-04');
    expect(milestones[8].date).toBe('2025-01-11');
    expect(milestones.map((m) => m.target)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10']);
    for (const m of milestones) {
      // The column points at the checkbox char, so a writer can flip exactly that byte.
      expect(lines[m.line - 1][m.checkboxColumn - 1]).toBe(m.done ? 'x' : ' ');
      expect(lines[m.line - 1][m.checkboxColumn - 2]).toBe('[');
    }
  });
});

describe('parseMilestones: plan grammar', () => {
  it.each([
    ['1/4(sat): 2', 'sat', '2', 2],
    ['1/4(Sat): 02', 'Sat', '02', 2],
    ['1/4(SAT): chapter 2', 'SAT', 'chapter 2', 2],
    ['1/4(saturday): ch 2', 'saturday', 'ch 2', 2],
    ['1/4 (sat): ch. 2', 'sat', 'ch. 2', 2],
    ['1/4(sa): Ch.7', 'sa', 'Ch.7', 7],
    ['1/4: chapter 2', null, 'chapter 2', 2],
    ['1/4:review', null, 'review', null],
    ['1/4(sat): read the intro', 'sat', 'read the intro', null],
  ])('%s', (text, weekday, target, chapter) => {
    const { milestones, diagnostics } = parse([`- [ ] ${text}`]);
    expect(diagnostics).toEqual([]);
    expect(milestones).toHaveLength(1);
    expect(milestones[0]).toMatchObject({ date: '2025-01-04', weekday, target, label: target, chapter, format: 'plan' });
  });

  it.each([
    ['1/7(tues): 6', '2025-01-07'],
    ['1/7(Tue): 6', '2025-01-07'],
    ['1/8(weds): 7', '2025-01-08'],
    ['1/9(thur): 8', '2025-01-09'],
    ['1/9(Thurs.): 8', '2025-01-09'],
    ['1/10(FRI): 9', '2025-01-10'],
    ['1/5(sunday): 9', '2025-01-05'],
    ['1/6(Monday): 9', '2025-01-06'],
  ])('accepts weekday spelling %s', (text, date) => {
    const { milestones, diagnostics } = parse([`- [ ] ${text}`]);
    expect(diagnostics).toEqual([]);
    expect(milestones[0].date).toBe(date);
  });

  it('takes a bare date with no target', () => {
    const { milestones } = parse(['- [ ] 1/4']);
    expect(milestones[0]).toMatchObject({ date: '2025-01-04', target: null, label: null, chapter: null, weekday: null });
  });

  it('takes free text after a weekday as the label', () => {
    const { milestones } = parse(['- [ ] 1/4(sat) chapter 3']);
    expect(milestones[0]).toMatchObject({ target: null, label: 'chapter 3', chapter: 3 });
  });

  it('ignores a fraction that is not a date: no weekday, no colon', () => {
    expect(parse(['- [ ] 3/4 of the book']).milestones).toEqual([]);
    expect(parse(['- [ ] 1/4/2025: x']).milestones).toEqual([]);
  });

  it('ignores checklist items without a date and non-checklist lines', () => {
    const { milestones, diagnostics } = parse(['- [ ] read chapter 2', '- 1/4(sat): 2', '1/4(sat): 2', '- [] 1/4: 2', '- [ ]1/4: 2']);
    expect(milestones).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('reads nested items, every bullet and X, with the right checkbox column', () => {
    const { milestones } = parse(['- [ ] 1/4: 2', '  * [X] 1/5: 3', '\t+ [x] 1/6: 4']);
    expect(milestones.map((m) => [m.line, m.done, m.checkboxColumn])).toEqual([
      [1, false, 4],
      [2, true, 6],
      [3, true, 5],
    ]);
  });

  it('strips a trailing CR', () => {
    expect(parse(['- [ ] 1/4(sat): 2\r']).milestones[0]).toMatchObject({ target: '2', chapter: 2 });
  });
});

describe('parseMilestones: body and fences', () => {
  it('skips lines before bodyLine', () => {
    const { milestones } = parse(['---', 'title: x', '- [ ] 1/1: 1', '---', '- [ ] 1/4: 2'], { bodyLine: 5 });
    expect(milestones.map((m) => m.line)).toEqual([5]);
  });

  it('skips fenced code blocks of both kinds', () => {
    const lines = [
      '```md',
      '- [ ] 1/4: 1',
      '~~~',
      '- [ ] 1/4: 2',
      '```',
      '- [ ] 1/5: 3',
      '~~~~',
      '- [ ] 1/6: 4',
      '~~~',
      '- [ ] 1/6: 5',
      '~~~~',
      '  ```',
      '  - [ ] 1/7: 6',
      '  ```',
      '- [ ] 1/8: 7',
    ];
    expect(parse(lines).milestones.map((m) => m.target)).toEqual(['3', '7']);
  });

  it('does not treat inline code as a fence', () => {
    expect(parse(['```foo``` text', '- [ ] 1/4: 2']).milestones).toHaveLength(1);
  });

  it('leaves an unclosed fence open to the end', () => {
    expect(parse(['```', '- [ ] 1/4: 2']).milestones).toEqual([]);
  });
});

describe('parseMilestones: ISO dates', () => {
  it('reads a date with free text as the label', () => {
    const { milestones } = parse(['- [ ] 2025-01-04 read chapter 2']);
    expect(milestones[0]).toMatchObject({ date: '2025-01-04', format: 'iso', target: null, label: 'read chapter 2', weekday: null });
  });

  it('reads a date with a weekday and target', () => {
    const { milestones, diagnostics } = parse(['- [x] 2025-01-04(sat): 2']);
    expect(diagnostics).toEqual([]);
    expect(milestones[0]).toMatchObject({
      date: '2025-01-04',
      format: 'iso',
      weekday: 'sat',
      target: '2',
      label: '2',
      chapter: 2,
      done: true,
    });
  });

  it('keeps its own year, whatever the note was created in', () => {
    expect(parse(['- [ ] 2023-06-01: x'], { createdMs: CREATED_2024_12_15 }).milestones[0].date).toBe('2023-06-01');
  });

  it('flags a wrong weekday', () => {
    const { milestones, diagnostics } = parse(['- [ ] 2025-01-04 (fri): 2']);
    expect(milestones[0].weekdayMismatch).toBe(true);
    expect(diagnostics).toEqual([
      { file: 'notes/x.md', line: 1, code: 'WEEKDAY_MISMATCH', severity: 'warning', message: '2025-01-04 is a Saturday, not Friday' },
    ]);
  });

  it('does not read a datetime or a glued word as a date', () => {
    expect(parse(['- [ ] 2025-01-04T10:00 call']).milestones).toEqual([]);
    expect(parse(['- [ ] 2025-01-04x']).milestones).toEqual([]);
  });
});

describe('parseMilestones: Obsidian Tasks emoji', () => {
  it('reads due, done and strips them from the label', () => {
    const { milestones, diagnostics } = parse(['- [x] Read chapter 2 📅 2025-01-04 ✅ 2025-01-05']);
    expect(diagnostics).toEqual([]);
    expect(milestones[0]).toEqual({
      line: 1,
      done: true,
      date: '2025-01-04',
      weekday: null,
      target: null,
      chapter: null,
      label: 'Read chapter 2',
      doneDate: '2025-01-05',
      format: 'emoji',
      checkboxColumn: 4,
      weekdayMismatch: false,
      diagnostics: [],
    });
  });

  it('uses scheduled when there is no due date, and due when there is', () => {
    expect(parse(['- [ ] ⏳ 2025-01-03 prep']).milestones[0]).toMatchObject({ date: '2025-01-03', label: 'prep' });
    expect(parse(['- [ ] prep ⏳ 2025-01-03 📅 2025-01-04']).milestones[0]).toMatchObject({ date: '2025-01-04', label: 'prep' });
  });

  it('takes a chapter from a label that is only a chapter', () => {
    expect(parse(['- [ ] ch 3 📅 2025-01-04']).milestones[0]).toMatchObject({ label: 'ch 3', chapter: 3, target: null });
  });

  it('is not a milestone with only a done date', () => {
    expect(parse(['- [x] something ✅ 2025-01-05']).milestones).toEqual([]);
  });

  it('gives a plan line its done date', () => {
    expect(parse(['- [x] 1/4(sat): 2 ✅ 2025-01-05']).milestones[0]).toMatchObject({
      format: 'plan',
      target: '2',
      doneDate: '2025-01-05',
    });
  });

  it('reports a bad emoji date and drops the line', () => {
    const { milestones, diagnostics } = parse(['- [ ] x 📅 2025-02-30', '- [ ] y 📅 2025-02-28']);
    expect(milestones.map((m) => m.label)).toEqual(['y']);
    expect(diagnostics).toMatchObject([{ line: 1, code: 'BAD_DATE', severity: 'error' }]);
  });
});

describe('parseMilestones: years', () => {
  it('rolls over New Year within a plan and keeps rolling', () => {
    const { milestones, diagnostics } = parse(['- [ ] 12/30(mon): review', '- [ ] 1/2(thu): 5', '- [ ] 1/3(fri): 6'], {
      createdMs: CREATED_2024_12_15,
    });
    expect(diagnostics).toEqual([]);
    expect(milestones.map((m) => m.date)).toEqual(['2024-12-30', '2025-01-02', '2025-01-03']);
    expect(milestones[0]).toMatchObject({ target: 'review', chapter: null });
  });

  it('does not roll over on a small step back', () => {
    const { milestones } = parse(['- [ ] 3/10: a', '- [ ] 1/20: b'], { createdMs: CREATED_2024_12_15 });
    expect(milestones.map((m) => m.date)).toEqual(['2024-03-10', '2024-01-20']);
  });

  it('takes the year of created in the note zone', () => {
    // 2025-01-01T03:00Z is still 2024-12-31 in Los Angeles.
    const createdMs = Date.UTC(2025, 0, 1, 3);
    expect(parse(['- [ ] 6/1: a'], { createdMs, timeZone: 'UTC' }).milestones[0].date).toBe('2025-06-01');
    expect(parse(['- [ ] 6/1: a'], { createdMs, timeZone: 'America/Los_Angeles' }).milestones[0].date).toBe('2024-06-01');
  });

  it('uses the current year when created is missing, without a diagnostic', () => {
    const { milestones, diagnostics } = parse(['- [ ] 6/1: a'], { createdMs: null, now: new Date('2031-03-01T00:00:00Z') });
    expect(diagnostics).toEqual([]);
    expect(milestones[0].date).toBe('2031-06-01');
    expect(parse(['- [ ] 6/1: a'], { createdMs: null }).milestones[0].date).toMatch(/^\d{4}-06-01$/);
  });

  it('checks 2/29 against the computed year', () => {
    expect(parse(['- [ ] 2/29: a'], { createdMs: Date.UTC(2024, 0, 1) }).milestones[0].date).toBe('2024-02-29');
    const { milestones, diagnostics } = parse(['- [ ] 2/29: a']);
    expect(milestones).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: 'BAD_DATE', message: '2/29 is not a valid date in 2025' });
  });

  it('falls back to UTC for an unknown zone rather than throwing', () => {
    expect(parse(['- [ ] 6/1: a'], { timeZone: 'Not/AZone' }).milestones[0].date).toBe('2025-06-01');
  });
});

describe('parseMilestones: diagnostics', () => {
  it('flags a weekday that disagrees with the date and keeps the milestone', () => {
    const { milestones, diagnostics } = parse(['- [ ] 1/4(sun): 2']);
    const expected = {
      file: 'notes/x.md',
      line: 1,
      code: 'WEEKDAY_MISMATCH',
      severity: 'warning',
      message: '1/4 is a Saturday in 2025, not Sunday',
    };
    expect(diagnostics).toEqual([expected]);
    expect(milestones[0]).toMatchObject({ date: '2025-01-04', weekday: 'sun', weekdayMismatch: true, diagnostics: [expected] });
  });

  it('flags an unknown weekday word', () => {
    const { milestones, diagnostics } = parse(['- [ ] 1/4(someday): 2']);
    expect(milestones[0]).toMatchObject({ date: '2025-01-04', weekdayMismatch: true });
    expect(diagnostics).toMatchObject([{ code: 'WEEKDAY_MISMATCH', message: "unknown weekday 'someday' (1/4 is a Saturday in 2025)" }]);
  });

  it.each([
    ['2/30', '2/30 is not a valid date in 2025'],
    ['13/1', '13/1 is not a valid date'],
    ['0/5', '0/5 is not a valid date'],
    ['2025-02-30', '2025-02-30 is not a valid date'],
    ['2025-13-01', '2025-13-01 is not a valid date'],
  ])('reports %s as BAD_DATE, drops it and keeps parsing', (date, message) => {
    const { milestones, diagnostics } = parse(['- [ ] 1/4: 1', `- [ ] ${date}: 2`, '- [ ] 1/5: 3']);
    expect(milestones.map((m) => m.target)).toEqual(['1', '3']);
    expect(diagnostics).toEqual([{ file: 'notes/x.md', line: 2, code: 'BAD_DATE', severity: 'error', message }]);
  });

  it('does not let a bad date trigger a year rollover', () => {
    const { milestones } = parse(['- [ ] 12/30: a', '- [ ] 2/30: b', '- [ ] 12/31: c'], { createdMs: CREATED_2024_12_15 });
    expect(milestones.map((m) => m.date)).toEqual(['2024-12-30', '2024-12-31']);
  });
});

describe('parseMilestones: Dendron task notes', () => {
  const fmLines = ['---', 'id: t1', 'due: 2025-01-10', 'status: done', '---', 'body'];

  it('makes the note one milestone at the line of due', () => {
    const { milestones, diagnostics } = parse(fmLines, { bodyLine: 6, frontmatter: { id: 't1', due: '2025-01-10', status: 'done' } });
    expect(diagnostics).toEqual([]);
    expect(milestones).toEqual([
      {
        line: 3,
        done: true,
        date: '2025-01-10',
        weekday: null,
        target: null,
        chapter: null,
        label: null,
        doneDate: null,
        format: 'tasknote',
        checkboxColumn: 0,
        weekdayMismatch: false,
        diagnostics: [],
      },
    ]);
  });

  it('reads due as epoch ms in the note zone, and uses line 1 when the key is not found', () => {
    const due = Date.UTC(2025, 0, 10, 3); // 2025-01-09 19:00 in Los Angeles
    expect(parse([], { frontmatter: { due }, timeZone: 'UTC' }).milestones[0]).toMatchObject({ date: '2025-01-10', line: 1, done: false });
    expect(parse([], { frontmatter: { due }, timeZone: 'America/Los_Angeles' }).milestones[0].date).toBe('2025-01-09');
  });

  it('reads a Date from a YAML 1.1 timestamp', () => {
    expect(parse([], { frontmatter: { due: new Date('2025-01-10T00:00:00Z') } }).milestones[0].date).toBe('2025-01-10');
  });

  it.each([
    ['x', undefined, true],
    ['done', undefined, true],
    ['wip', undefined, false],
    ['', undefined, false],
    ['finished', { taskCompleteStatus: ['finished'] }, true],
    ['done', { taskCompleteStatus: ['finished'] }, false],
    ['complete', { statusSymbols: { complete: 'x' } }, true],
  ])('status %j with config %j -> done %s', (status, taskConfig, done) => {
    expect(parse([], { frontmatter: { due: '2025-01-10', status }, taskConfig }).milestones[0].done).toBe(done);
  });

  it('needs due: status alone is not a milestone', () => {
    expect(parse([], { frontmatter: { status: 'done' } }).milestones).toEqual([]);
  });

  it('reports an unreadable due', () => {
    const { milestones, diagnostics } = parse(['---', 'due: tomorrow', '---'], { bodyLine: 4, frontmatter: { due: 'tomorrow' } });
    expect(milestones).toEqual([]);
    expect(diagnostics).toMatchObject([{ line: 2, code: 'BAD_DATE', severity: 'error' }]);
  });

  it('comes before the checklist milestones', () => {
    const { milestones } = parse(['- [ ] 1/4: 2'], { frontmatter: { due: '2025-01-10' } });
    expect(milestones.map((m) => m.format)).toEqual(['tasknote', 'plan']);
  });
});

describe('milestoneKey', () => {
  it('uses the target, case-insensitively, when there is one', () => {
    expect(milestoneKey('n1', { target: 'Chapter 2', date: '2025-01-04', label: 'Chapter 2' })).toBe('n1#t:chapter 2');
  });

  it('falls back to date and label', () => {
    expect(milestoneKey('n1', { target: null, date: '2025-01-04', label: 'read' })).toBe('n1#d:2025-01-04:read');
    expect(milestoneKey('n1', { target: null, date: '2025-01-04', label: null })).toBe('n1#d:2025-01-04:');
  });
});
