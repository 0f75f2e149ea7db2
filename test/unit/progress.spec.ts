import {
  asOfOutsideWindow,
  computeBurndown,
  computeProgress,
  MAX_BURNDOWN_POINTS,
  todayIn,
  type ProgressMilestone,
} from '../../src/milestones/progress';

function ms(date: string, done = false, doneAt: string | null = null, target: string | null = null): ProgressMilestone {
  return { id: `${date}#${target ?? ''}`, date, done, doneAt, target, label: target };
}

/** The lfs144 plan: chapters 2 and 3 done on 1/4, then one chapter a day to 1/11. */
function lfs144(): ProgressMilestone[] {
  return [
    ms('2025-01-04', true, null, '2'),
    ms('2025-01-04', true, null, '3'),
    ...['05', '06', '07', '08', '09', '10', '11'].map((d, i) => ms(`2025-01-${d}`, false, null, String(i + 4))),
  ];
}

describe('computeProgress: lfs144 at 2025-01-06', () => {
  const p = computeProgress(lfs144(), '2025-01-06', 'UTC');

  it('counts and lists', () => {
    expect(p).toMatchObject({ asOf: '2025-01-06', total: 9, done: 2, remaining: 7, percent: 22.2 });
    expect(p.overdue.map((m) => m.target)).toEqual(['4']);
    expect(p.dueToday.map((m) => m.target)).toEqual(['5']);
    expect(p.nextDue?.target).toBe('5');
    expect(p.startDate).toBe('2025-01-04');
    expect(p.endDate).toBe('2025-01-11');
  });

  it('derives pace, projection, lag and streak', () => {
    // 2 done over 3 days (1/4..1/6 inclusive).
    expect(p.pace).toBe(0.667);
    // 7 remaining at 2/3 a day -> ceil(10.5) = 11 days.
    expect(p.projectedFinish).toBe('2025-01-17');
    // 4 planned by 1/6, 2 done: the 3rd milestone (1/5) is 1 day late.
    expect(p.daysBehind).toBe(1);
    // 1/6 is open (today, not counted), 1/5 was missed.
    expect(p.streak).toBe(0);
  });

  it('draws the burndown', () => {
    expect(computeBurndown(lfs144(), '2025-01-06', 'UTC')).toEqual([
      { date: '2025-01-04', planned: 7, actual: 7 },
      { date: '2025-01-05', planned: 6, actual: 7 },
      { date: '2025-01-06', planned: 5, actual: 7 },
      { date: '2025-01-07', planned: 4, actual: null },
      { date: '2025-01-08', planned: 3, actual: null },
      { date: '2025-01-09', planned: 2, actual: null },
      { date: '2025-01-10', planned: 1, actual: null },
      { date: '2025-01-11', planned: 0, actual: null },
    ]);
  });
});

describe('computeProgress: edge cases', () => {
  it('handles an empty plan', () => {
    expect(computeProgress([], '2025-01-06', 'UTC')).toEqual({
      asOf: '2025-01-06',
      total: 0,
      done: 0,
      remaining: 0,
      percent: 0,
      overdue: [],
      dueToday: [],
      nextDue: null,
      startDate: null,
      endDate: null,
      pace: 0,
      projectedFinish: null,
      daysBehind: 0,
      streak: 0,
    });
    expect(computeBurndown([], '2025-01-06', 'UTC')).toEqual([]);
  });

  it('has zero pace and no projection before the plan starts', () => {
    const p = computeProgress(lfs144(), '2025-01-01', 'UTC');
    expect(p).toMatchObject({ pace: 0, projectedFinish: null, daysBehind: 0, streak: 0, overdue: [], dueToday: [] });
    expect(p.nextDue?.date).toBe('2025-01-05');
    // The burndown still starts at the plan's first day, and has no actuals yet.
    const burndown = computeBurndown(lfs144(), '2025-01-01', 'UTC');
    expect(burndown[0]).toEqual({ date: '2025-01-04', planned: 7, actual: null });
    expect(burndown).toHaveLength(8);
  });

  it('extends the burndown to asOf past the end', () => {
    const p = computeProgress([ms('2025-01-04')], '2025-01-07', 'UTC');
    expect(computeBurndown([ms('2025-01-04')], '2025-01-07', 'UTC').map((b) => [b.date, b.planned, b.actual])).toEqual([
      ['2025-01-04', 0, 1],
      ['2025-01-05', 0, 1],
      ['2025-01-06', 0, 1],
      ['2025-01-07', 0, 1],
    ]);
    expect(p.daysBehind).toBe(3);
    expect(p.nextDue).toBeNull();
    expect(p.overdue).toHaveLength(1);
  });

  it('sorts overdue by date whatever the input order, keeping input order on ties', () => {
    const a = ms('2025-01-03', false, null, 'a');
    const b = ms('2025-01-01', false, null, 'b');
    const c = ms('2025-01-03', false, null, 'c');
    expect(computeProgress([a, b, c], '2025-01-05', 'UTC').overdue.map((m) => m.target)).toEqual(['b', 'a', 'c']);
  });

  it('leaves done milestones out of overdue, dueToday and nextDue', () => {
    const p = computeProgress([ms('2025-01-04', true), ms('2025-01-05', true), ms('2025-01-06')], '2025-01-05', 'UTC');
    expect(p.overdue).toEqual([]);
    expect(p.dueToday).toEqual([]);
    expect(p.nextDue?.date).toBe('2025-01-06');
  });

  it('rounds percent to one decimal', () => {
    const p = computeProgress([ms('2025-01-01', true), ms('2025-01-02'), ms('2025-01-03')], '2025-01-01', 'UTC');
    expect(p.percent).toBe(33.3);
  });

  it('rejects malformed input', () => {
    expect(() => computeProgress([], '2025-1-6', 'UTC')).toThrow(RangeError);
    expect(() => computeProgress([], '2025-02-30', 'UTC')).toThrow(RangeError);
    expect(() => computeProgress([], '2025-01-06', 'Not/AZone')).toThrow(RangeError);
    expect(() => computeProgress([ms('2025-13-01')], '2025-01-06', 'UTC')).toThrow(RangeError);
  });
});

describe('computeProgress: projected finish', () => {
  it('uses the latest done day when everything is done', () => {
    const all = [ms('2025-01-04', true, '2025-01-04T20:00:00Z'), ms('2025-01-05', true, '2025-01-06T03:00:00Z')];
    expect(computeProgress(all, '2025-01-09', 'UTC').projectedFinish).toBe('2025-01-06');
    // 03:00Z on the 6th is still the 5th in Los Angeles.
    expect(computeProgress(all, '2025-01-09', 'America/Los_Angeles').projectedFinish).toBe('2025-01-05');
  });

  it('uses asOf when everything is done without timestamps', () => {
    expect(computeProgress([ms('2025-01-04', true)], '2025-01-09', 'UTC').projectedFinish).toBe('2025-01-09');
  });

  it('projects from the unrounded pace', () => {
    // 1 done over 3 days = 0.333.../day; 2 remaining -> exactly 6 days (the rounded 0.333 would give 7).
    const p = computeProgress([ms('2025-01-01', true), ms('2025-01-02'), ms('2025-01-03')], '2025-01-03', 'UTC');
    expect(p.pace).toBe(0.333);
    expect(p.projectedFinish).toBe('2025-01-09');
  });

  it('is null with work left and nothing done', () => {
    expect(computeProgress([ms('2025-01-01'), ms('2025-01-02')], '2025-01-05', 'UTC').projectedFinish).toBeNull();
  });
});

describe('computeProgress: streak', () => {
  it('counts consecutive fully-done due days, skipping days with nothing due', () => {
    const list = [
      ms('2025-01-01'), // missed: stops the count
      ms('2025-01-02', true),
      ms('2025-01-04', true),
      ms('2025-01-04', true),
      ms('2025-01-06', true),
    ];
    expect(computeProgress(list, '2025-01-07', 'UTC').streak).toBe(3);
  });

  it('does not count today while it is still open, nor let it break the streak', () => {
    const list = [ms('2025-01-04', true), ms('2025-01-05', true), ms('2025-01-06', true), ms('2025-01-06')];
    expect(computeProgress(list, '2025-01-06', 'UTC').streak).toBe(2);
  });

  it('counts today when everything due today is done', () => {
    const list = [ms('2025-01-04', true), ms('2025-01-05', true), ms('2025-01-06', true)];
    expect(computeProgress(list, '2025-01-06', 'UTC').streak).toBe(3);
  });

  it('ignores milestones after asOf', () => {
    const list = [ms('2025-01-04', true), ms('2025-01-08')];
    expect(computeProgress(list, '2025-01-05', 'UTC').streak).toBe(1);
  });

  it('stops at a partly done day', () => {
    const list = [ms('2025-01-04', true), ms('2025-01-05', true), ms('2025-01-05'), ms('2025-01-06', true)];
    expect(computeProgress(list, '2025-01-07', 'UTC').streak).toBe(1);
  });
});

describe('computeProgress: daysBehind', () => {
  it('is zero when ahead or on plan', () => {
    const list = [ms('2025-01-04', true), ms('2025-01-05', true), ms('2025-01-06')];
    expect(computeProgress(list, '2025-01-05', 'UTC').daysBehind).toBe(0);
    expect(computeProgress(list, '2025-01-04', 'UTC').daysBehind).toBe(0);
  });

  it('counts from the first milestone the done count has not reached', () => {
    const list = [ms('2025-01-01', true), ms('2025-01-02'), ms('2025-01-03'), ms('2025-01-10')];
    expect(computeProgress(list, '2025-01-05', 'UTC').daysBehind).toBe(3);
  });

  it('counts across a DST change in whole days', () => {
    const list = [ms('2025-03-08'), ms('2025-03-12')];
    expect(computeProgress(list, '2025-03-10', 'America/Los_Angeles').daysBehind).toBe(2);
  });
});

describe('computeProgress: burndown actuals', () => {
  it('places doneAt on its calendar day in the zone', () => {
    // 2025-01-05T06:00Z is 2025-01-04 22:00 in Los Angeles.
    const list = [ms('2025-01-04', true, '2025-01-05T06:00:00Z'), ms('2025-01-05')];
    const actual = (zone: string) => computeBurndown(list, '2025-01-05', zone).map((b) => b.actual);
    expect(actual('UTC')).toEqual([2, 1]);
    expect(actual('America/Los_Angeles')).toEqual([1, 1]);
  });

  it('reads an offset-less doneAt as local to the zone', () => {
    const list = [ms('2025-01-04', true, '2025-01-04T23:30:00'), ms('2025-01-05')];
    expect(computeBurndown(list, '2025-01-05', 'Asia/Tokyo').map((b) => b.actual)).toEqual([1, 1]);
  });

  it('counts done without doneAt on its planned day, but not after asOf', () => {
    const list = [ms('2025-01-04'), ms('2025-01-05', true), ms('2025-01-08', true)];
    expect(computeBurndown(list, '2025-01-06', 'UTC').map((b) => b.actual)).toEqual([3, 2, 1, null, null]);
  });

  it('treats an unreadable doneAt like a missing one', () => {
    const list = [ms('2025-01-04', true, 'garbage'), ms('2025-01-05')];
    expect(computeBurndown(list, '2025-01-05', 'UTC').map((b) => b.actual)).toEqual([1, 1]);
  });
});

describe('bounds', () => {
  it('draws a plan longer than MAX_BURNDOWN_POINTS days every few days, ending on its last day', () => {
    const list = [ms('2025-01-01', true, '2025-01-02T10:00:00Z'), ms('2030-06-30')];
    const points = computeBurndown(list, '2026-01-01', 'UTC');
    expect(points.length).toBeLessThanOrEqual(MAX_BURNDOWN_POINTS + 1);
    expect(points.length).toBeGreaterThan(MAX_BURNDOWN_POINTS / 2);
    expect(points[0]).toEqual({ date: '2025-01-01', planned: 1, actual: 2 });
    expect(points.at(-1)).toEqual({ date: '2030-06-30', planned: 0, actual: null });
    // Every few days, in order, with the done milestone counted from its day on.
    expect(points[1].date > points[0].date).toBe(true);
    expect(points.filter((p) => p.actual === 1).length).toBeGreaterThan(0);
  });

  it('answers a far asOf at once, and says when it is outside the window around the plan', () => {
    const list = lfs144();
    expect(asOfOutsideWindow(list, '2030-01-01')).toBeNull();
    expect(asOfOutsideWindow(list, '2036-01-12')).toMatch(/within 10 years of the plan \(2015-01-04 to 2035-01-11\)/);
    expect(asOfOutsideWindow(list, '2015-01-03')).not.toBeNull();
    expect(asOfOutsideWindow([], '9999-12-31')).toBeNull();
    // Even unchecked, a burndown to the end of time stays small.
    expect(computeBurndown(list, '9999-12-31', 'UTC').length).toBeLessThanOrEqual(MAX_BURNDOWN_POINTS + 1);
  });
});

describe('todayIn', () => {
  const now = new Date('2025-01-05T06:00:00Z');

  it('gives the calendar day in the zone', () => {
    expect(todayIn('UTC', now)).toBe('2025-01-05');
    expect(todayIn('America/Los_Angeles', now)).toBe('2025-01-04');
    expect(todayIn('Asia/Tokyo', now)).toBe('2025-01-05');
  });

  it('defaults to the current time', () => {
    expect(todayIn('UTC')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('rejects an unknown zone', () => {
    expect(() => todayIn('Not/AZone', now)).toThrow(RangeError);
  });
});
