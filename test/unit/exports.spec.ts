import { sync as ical, type VEvent } from 'node-ical';

import { burndownSvg, escapeXml } from '../../src/milestones/export/burndown-svg';
import { milestonesToIcs, milestoneUid } from '../../src/milestones/export/calendar';
import { computeBurndown, computeProgress, type ProgressMilestone } from '../../src/milestones/progress';

/** Local calendar day of a node-ical date: date-only values are parsed as local midnight. */
function day(date: Date | undefined): string {
  if (date === undefined) {
    return 'missing';
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('milestonesToIcs', () => {
  const milestones = [
    { id: 'courses.lfs144#2', date: '2025-01-04', done: true, title: 'Chapter 2: Intro, basics; more' },
    {
      id: 'courses.lfs144#3',
      date: '2025-01-31',
      done: false,
      title: 'Chapter 3 \\ "quotes"',
      description: 'Read it.\nThen do the lab.',
      url: 'https://example.com/notes/courses.lfs144',
    },
    { id: 'a/b c@d', date: '2024-12-31', done: false, title: 'Year end' },
  ];

  it('produces three all-day events that an independent parser reads back', () => {
    const text = milestonesToIcs({ calendarName: 'LFS 144, plan', milestones });
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);

    const events = Object.values(ical.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(3);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual(milestones.map((m) => milestoneUid(m.id)).sort());

    const expected = [
      { id: 'courses.lfs144#2', start: '2025-01-04', end: '2025-01-05', category: 'done' },
      { id: 'courses.lfs144#3', start: '2025-01-31', end: '2025-02-01', category: 'todo' },
      { id: 'a/b c@d', start: '2024-12-31', end: '2025-01-01', category: 'todo' },
    ];
    for (const [i, want] of expected.entries()) {
      const event = byUid.get(milestoneUid(want.id));
      expect(event).toBeDefined();
      if (!event) {
        continue;
      }
      expect(event.summary).toBe(milestones[i].title);
      expect(event.datetype).toBe('date');
      expect(day(event.start)).toBe(want.start);
      expect(day(event.end)).toBe(want.end);
      expect(event.status).toBe('CONFIRMED');
      expect(event.categories).toEqual([want.category]);
    }
    const withDetails = byUid.get(milestoneUid('courses.lfs144#3'));
    expect(withDetails?.description).toBe('Read it.\nThen do the lab.');
    expect(String(withDetails?.url)).toBe('https://example.com/notes/courses.lfs144');
    expect(text).toContain('X-WR-CALNAME:LFS 144\\, plan\r\n');
  });

  it('keeps UIDs stable and distinct', () => {
    expect(milestoneUid('courses.lfs144#2')).toBe('courses.lfs144%232@vaultgraph');
    expect(milestoneUid('a/b')).not.toBe(milestoneUid('a-b'));
    const uids = (s: string) => s.split('\r\n').filter((l) => l.startsWith('UID:'));
    expect(uids(milestonesToIcs({ calendarName: 'x', milestones }))).toEqual(uids(milestonesToIcs({ calendarName: 'y', milestones })));
  });

  it('reports what ics rejects, and malformed dates', () => {
    const bad = { id: 'x', date: '2025-01-04', done: false, title: 'X', url: 'not a url' };
    expect(() => milestonesToIcs({ calendarName: 'c', milestones: [bad] })).toThrow(/url must match/);
    expect(() => milestonesToIcs({ calendarName: 'c', milestones: [{ ...bad, url: undefined, date: '2025-02-30' }] })).toThrow(RangeError);
  });

  it('writes an empty calendar for no milestones', () => {
    const text = milestonesToIcs({ calendarName: 'empty', milestones: [] });
    expect(Object.values(ical.parseICS(text)).filter((c) => c?.type === 'VEVENT')).toHaveLength(0);
  });
});

/**
 * A small XML 1.0 well-formedness check (no parser is installed): one root, balanced and properly nested tags,
 * quoted and unique attributes, and no raw '<' or stray '&' in text or attribute values.
 */
function assertWellFormedXml(xml: string): void {
  const name = '[A-Za-z_:][-A-Za-z0-9_:.]*';
  const attr = `\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*')`;
  const tag = new RegExp(`^<(/?)(${name})((?:${attr})*)\\s*(/?)>`);
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  const stack: string[] = [];
  let roots = 0;
  let rest = xml.trim();
  while (rest.length > 0) {
    if (rest.startsWith('<')) {
      const m = tag.exec(rest);
      if (!m) {
        throw new Error(`malformed tag at: ${rest.slice(0, 60)}`);
      }
      const [whole, closing, tagName, attrs, selfClosing] = m;
      if (closing) {
        const open = stack.pop();
        if (open !== tagName) {
          throw new Error(`</${tagName}> closes <${open}>`);
        }
      } else {
        if (stack.length === 0) {
          roots++;
        }
        const names = [...attrs.matchAll(new RegExp(`\\s+(${name})\\s*=`, 'g'))].map((a) => a[1]);
        if (new Set(names).size !== names.length) {
          throw new Error(`duplicate attribute in <${tagName}>`);
        }
        if (attrs.replace(entity, '').includes('&')) {
          throw new Error(`unescaped & in <${tagName}> attributes`);
        }
        if (!selfClosing) {
          stack.push(tagName);
        }
      }
      rest = rest.slice(whole.length);
    } else {
      const end = rest.indexOf('<');
      const chunk = end < 0 ? rest : rest.slice(0, end);
      if (stack.length === 0 && chunk.trim() !== '') {
        throw new Error('text outside the root element');
      }
      if (chunk.replace(entity, '').includes('&') || chunk.includes('>')) {
        throw new Error(`unescaped text: ${chunk.slice(0, 60)}`);
      }
      rest = end < 0 ? '' : rest.slice(end);
    }
  }
  if (stack.length > 0 || roots !== 1) {
    throw new Error(`unclosed ${stack.join(' > ')} or ${roots} roots`);
  }
}

function lfs144(): ProgressMilestone[] {
  const ms = (date: string, done: boolean, target: string): ProgressMilestone => ({
    id: `${date}#${target}`,
    date,
    done,
    doneAt: null,
    target,
    label: target,
  });
  return [
    ms('2025-01-04', true, '2'),
    ms('2025-01-04', true, '3'),
    ...['05', '06', '07', '08', '09', '10', '11'].map((d, i) => ms(`2025-01-${d}`, false, String(i + 4))),
  ];
}

describe('burndownSvg', () => {
  const progress = { ...computeProgress(lfs144(), '2025-01-06', 'UTC'), burndown: computeBurndown(lfs144(), '2025-01-06', 'UTC') };
  const title = 'LFS 144 <Intro> & "Linux" \'plan\'';
  const svg = burndownSvg(progress, { title });

  it('is a well-formed standalone SVG', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toMatch(/^<svg[^>]* viewBox="0 0 800 450"/);
    expect(() => assertWellFormedXml(svg)).not.toThrow();
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('draws a planned and an actual line, the actual one stopping at asOf', () => {
    const polylines = [...svg.matchAll(/<polyline ([^>]*)>/g)].map((m) => m[1]);
    expect(polylines).toHaveLength(2);
    const points = (kind: string) => {
      const line = polylines.find((p) => p.includes(`class="${kind}"`)) ?? '';
      return (/points="([^"]*)"/.exec(line)?.[1] ?? '').split(' ').map((xy) => xy.split(',').map(Number));
    };
    expect(points('planned')).toHaveLength(8); // 2025-01-04 .. 2025-01-11
    expect(points('actual')).toHaveLength(3); // 2025-01-04 .. 2025-01-06
    expect(polylines.find((p) => p.includes('class="planned"'))).toContain('stroke-dasharray');
    // Planned reaches 0 (the x axis) on the last day; actual is 7 remaining on all three days: a flat line.
    const planned = points('planned');
    const actual = points('actual');
    expect(planned[planned.length - 1][1]).toBeGreaterThan(actual[0][1]);
    expect(new Set(actual.map(([, y]) => y)).size).toBe(1);
    // The asOf marker sits on the last actual point.
    expect(svg).toContain('as of Jan 6');
    expect(svg).toContain(`x1="${actual[2][0]}" y1=`);
  });

  it('labels dates, integer ticks and the legend, and escapes the title', () => {
    for (const label of ['Jan 4', 'Jan 11', 'Planned', 'Actual', 'As of']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    for (let tick = 0; tick <= 9; tick++) {
      expect(svg).toContain(`>${tick}</text>`);
    }
    const escaped = 'LFS 144 &lt;Intro&gt; &amp; &quot;Linux&quot; &apos;plan&apos;';
    expect(svg).toContain(`<title>${escaped}</title>`);
    expect(svg).toContain(`>${escaped}</text>`);
    expect(svg).not.toContain('<Intro>');
  });

  it('handles no milestones, narrow sizes and bad options', () => {
    const empty = burndownSvg({ ...computeProgress([], '2025-01-06', 'UTC'), burndown: [] });
    expect(() => assertWellFormedXml(empty)).not.toThrow();
    expect(empty).not.toContain('<polyline');
    expect(empty).toContain('No milestones to chart');

    const narrow = burndownSvg(progress, { width: 360, height: 240, title: 'x'.repeat(200) });
    expect(() => assertWellFormedXml(narrow)).not.toThrow();
    expect(narrow).toContain('…</text>');

    expect(() => burndownSvg(progress, { width: 10 })).toThrow(RangeError);
    expect(() => burndownSvg(progress, { height: Number.NaN })).toThrow(RangeError);
  });

  it('escapes XML and drops characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"'\u0001\uFFFE\uD800z`)).toBe('a&lt;b&gt;&amp;&quot;&apos;z');
    expect(escapeXml('tab\tand 😀')).toBe('tab\tand 😀');
  });
});
