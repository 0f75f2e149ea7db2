import { DateTime } from 'luxon';
import { isIsoDay } from '../common/iso-day';

export interface ProgressMilestone {
  id: string;
  /** YYYY-MM-DD. */
  date: string;
  done: boolean;
  /** ISO datetime, or null when unknown. */
  doneAt: string | null;
  target: string | null;
  label: string | null;
}

export interface BurndownPoint {
  date: string;
  /** Remaining per plan: total - count(date <= d). */
  planned: number;
  /** Remaining in fact on day d; null for days after asOf. */
  actual: number | null;
}

export interface Progress {
  asOf: string;
  total: number;
  done: number;
  remaining: number;
  /** 0..100, one decimal. */
  percent: number;
  /** Not done, date < asOf, by date. */
  overdue: ProgressMilestone[];
  /** Not done, date == asOf. */
  dueToday: ProgressMilestone[];
  /** Earliest not-done milestone with date >= asOf. */
  nextDue: ProgressMilestone | null;
  startDate: string | null;
  endDate: string | null;
  /** Milestones done per day since the plan started, 3 decimals. */
  pace: number;
  projectedFinish: string | null;
  /** Whole days the done count lags the plan. */
  daysBehind: number;
  /** Consecutive due-days, back from asOf, on which everything due was done. */
  streak: number;
}

/** A burndown has at most this many points: a plan longer than that many days is drawn every few days. */
export const MAX_BURNDOWN_POINTS = 1000;
/** `asOf` may lie this many years before the plan's first day or after its last, no further. */
export const AS_OF_WINDOW_YEARS = 10;

/** Today's calendar date in `timeZone`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) {
    throw new RangeError(`invalid time zone ${JSON.stringify(timeZone)}`);
  }
  return local.toISODate();
}

/**
 * Progress of one plan as of a calendar day. Dates are plain calendar days: they are compared as strings
 * (YYYY-MM-DD sorts correctly) and stepped with luxon in UTC, where every day has 24 hours.
 * Throws RangeError on a malformed date or zone: the parser only produces valid ones, so that is a bug upstream.
 */
export function computeProgress(milestones: ProgressMilestone[], asOf: string, timeZone: string): Progress {
  assertDay(asOf, 'asOf');
  if (!DateTime.now().setZone(timeZone).isValid) {
    throw new RangeError(`invalid time zone ${JSON.stringify(timeZone)}`);
  }
  for (const m of milestones) {
    assertDay(m.date, `date of ${m.id}`);
  }
  // Stable sort keeps document order among milestones due the same day.
  const byDate = [...milestones].sort((a, b) => compare(a.date, b.date));
  const total = byDate.length;
  const done = byDate.filter((m) => m.done).length;
  const remaining = total - done;
  const startDate = total > 0 ? byDate[0].date : null;
  const endDate = total > 0 ? byDate[total - 1].date : null;
  const open = byDate.filter((m) => !m.done);

  const elapsed = startDate !== null && asOf >= startDate ? daysBetween(startDate, asOf) + 1 : 0;
  const rate = elapsed > 0 ? done / elapsed : 0;

  return {
    asOf,
    total,
    done,
    remaining,
    percent: total > 0 ? round((done / total) * 100, 1) : 0,
    overdue: open.filter((m) => m.date < asOf),
    dueToday: open.filter((m) => m.date === asOf),
    nextDue: open.find((m) => m.date >= asOf) ?? null,
    startDate,
    endDate,
    pace: round(rate, 3),
    projectedFinish: projectFinish(byDate, asOf, timeZone, rate),
    daysBehind: daysBehind(byDate, done, asOf),
    streak: streak(byDate, asOf),
  };
}

/**
 * Why `asOf` is too far from the plan to ask about (more than AS_OF_WINDOW_YEARS before its first day or after its
 * last), or null when it is fine. Nothing about a plan changes out there, and a burndown to 9999-12-31 is only work.
 */
export function asOfOutsideWindow(milestones: readonly ProgressMilestone[], asOf: string): string | null {
  if (milestones.length === 0) {
    return null;
  }
  const dates = milestones.map((m) => m.date).sort(compare);
  const from = plainDay(dates[0]).minus({ years: AS_OF_WINDOW_YEARS }).toISODate() as string;
  const to = plainDay(dates[dates.length - 1])
    .plus({ years: AS_OF_WINDOW_YEARS })
    .toISODate() as string;
  return asOf < from || asOf > to ? `asOf must be within ${AS_OF_WINDOW_YEARS} years of the plan (${from} to ${to})` : null;
}

function projectFinish(byDate: ProgressMilestone[], asOf: string, timeZone: string, rate: number): string | null {
  const remaining = byDate.filter((m) => !m.done).length;
  if (byDate.length === 0) {
    return null;
  }
  if (remaining === 0) {
    const doneDays = byDate.map((m) => doneDay(m.doneAt, timeZone)).filter((d): d is string => d !== null);
    return doneDays.length > 0 ? doneDays.reduce((a, b) => (b > a ? b : a)) : asOf;
  }
  // The unrounded rate: rounding to 3 decimals first can push the ceiling a whole day later.
  return rate > 0 ? addDays(asOf, Math.ceil(remaining / rate)) : null;
}

function daysBehind(byDate: ProgressMilestone[], done: number, asOf: string): number {
  const planned = byDate.filter((m) => m.date <= asOf).length;
  if (done >= planned) {
    return 0;
  }
  return Math.max(0, daysBetween(byDate[done].date, asOf));
}

function streak(byDate: ProgressMilestone[], asOf: string): number {
  const days = new Map<string, boolean>();
  for (const m of byDate) {
    if (m.date <= asOf) {
      days.set(m.date, (days.get(m.date) ?? true) && m.done);
    }
  }
  // Today is not over: unfinished work due today does not break the streak, it just is not counted yet.
  if (days.get(asOf) === false) {
    days.delete(asOf);
  }
  let count = 0;
  for (const allDone of [...days.values()].reverse()) {
    if (!allDone) {
      break;
    }
    count++;
  }
  return count;
}

/**
 * The burndown of a plan as of a day: one point per day from its first day to max(last day, asOf), or every few days
 * when that is more than MAX_BURNDOWN_POINTS days (the last day is always drawn).
 */
export function computeBurndown(milestones: readonly ProgressMilestone[], asOf: string, timeZone: string): BurndownPoint[] {
  assertDay(asOf, 'asOf');
  if (milestones.length === 0) {
    return [];
  }
  const byDate = [...milestones].sort((a, b) => compare(a.date, b.date));
  const total = byDate.length;
  const planned = byDate.map((m) => m.date);
  // Done without a known time counts on its planned day, but never after asOf: it is already done by then.
  const finished = byDate
    .filter((m) => m.done)
    .map((m) => doneDay(m.doneAt, timeZone) ?? (m.date < asOf ? m.date : asOf))
    .sort(compare);
  const start = planned[0];
  const last = planned[total - 1] > asOf ? planned[total - 1] : asOf;
  const days = daysBetween(start, last);
  const step = Math.max(1, Math.ceil((days + 1) / MAX_BURNDOWN_POINTS));
  const points: BurndownPoint[] = [];
  for (let i = 0, p = 0, f = 0; i <= days + step - 1; i += step) {
    const day = i >= days ? last : addDays(start, i);
    while (p < total && planned[p] <= day) {
      p++;
    }
    while (f < finished.length && finished[f] <= day) {
      f++;
    }
    points.push({ date: day, planned: total - p, actual: day <= asOf ? total - f : null });
    if (day === last) {
      break;
    }
  }
  return points;
}

/** Calendar day of `doneAt` in `timeZone`; null when missing or unreadable. */
function doneDay(doneAt: string | null, timeZone: string): string | null {
  if (doneAt === null) {
    return null;
  }
  // With `zone`, luxon converts an offset-bearing timestamp into that zone and reads an offset-less one as local to it.
  const at = DateTime.fromISO(doneAt, { zone: timeZone });
  return at.isValid ? at.toISODate() : null;
}

function plainDay(day: string): DateTime {
  return DateTime.fromISO(day, { zone: 'UTC' });
}

function assertDay(day: string, what: string): void {
  if (!isIsoDay(day)) {
    throw new RangeError(`${what} is not a YYYY-MM-DD date: ${JSON.stringify(day)}`);
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round(plainDay(to).diff(plainDay(from), 'days').days);
}

function addDays(day: string, days: number): string {
  return plainDay(day).plus({ days }).toISODate() as string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
