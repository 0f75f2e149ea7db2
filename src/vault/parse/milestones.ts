import { DateTime } from 'luxon';
import type { Diagnostic } from '../note-doc';

/** One dated checklist item (or a Dendron task note) read from a note. */
export interface ParsedMilestone {
  /** 1-based file line. */
  line: number;
  done: boolean;
  /** YYYY-MM-DD. */
  date: string;
  /** Weekday as written, e.g. 'sat'; null when none was written. */
  weekday: string | null;
  target: string | null;
  chapter: number | null;
  label: string | null;
  /** From `✅ YYYY-MM-DD`. */
  doneDate: string | null;
  format: 'plan' | 'iso' | 'emoji' | 'tasknote';
  /** 1-based column of the char inside `[ ]`, so a writer can flip exactly that byte; 0 for tasknote. */
  checkboxColumn: number;
  /** True when the written weekday is unknown or disagrees with `date`. */
  weekdayMismatch: boolean;
  /** Diagnostics about this milestone (also present in the result's list). */
  diagnostics: Diagnostic[];
}

export interface TaskConfig {
  statusSymbols?: Record<string, string>;
  taskCompleteStatus?: string[];
}

export interface ParseMilestonesInput {
  file: string;
  /** All lines of the file; index 0 is line 1. */
  lines: readonly string[];
  /** 1-based line where the body starts. */
  bodyLine: number;
  createdMs: number | null;
  timeZone: string;
  frontmatter: Record<string, unknown>;
  taskConfig?: TaskConfig;
  /** Clock for yearless dates in notes without `created`; injectable so tests are deterministic. */
  now?: Date;
}

export interface ParseMilestonesResult {
  milestones: ParsedMilestone[];
  diagnostics: Diagnostic[];
}

// [ \t] rather than \s so the prefix is ASCII and its char count equals its byte count.
const CHECKBOX = /^([ \t]*[-*+][ \t]+\[)( |x|X)\][ \t]+(.*)$/;
const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const WEEKDAY = String.raw`(?:[ \t]*\([ \t]*([A-Za-z]+)\.?[ \t]*\))?`;
// The lookahead keeps `1/4/2025` and `2025-01-04T10:00` from matching a shorter date.
const PLAN_DATE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})(?![\d/])` + WEEKDAY + '(.*)$');
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?![\dT])` + WEEKDAY + '(.*)$');
// Obsidian Tasks fields; created/start/cancelled dates are stripped from the label but otherwise unused.
const EMOJI_DATE = /(📅|📆|🗓|⏳|⌛|✅|➕|🛫|❌)\uFE0F?[ \t]*(\d{4}-\d{2}-\d{2})/gu;
const CHAPTER = /^(?:ch(?:apter)?\.?[ \t]*)?(\d{1,4})$/i;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DEFAULT_COMPLETE = ['done', 'x'];
// A yearless date this far before the previous one means the plan crossed New Year (12/30 -> 1/2).
const WRAP_DAYS = 182;

const WEEKDAYS: Record<string, number> = {};
for (const [n, names] of [
  [1, ['mo', 'mon', 'monday']],
  [2, ['tu', 'tue', 'tues', 'tuesday']],
  [3, ['we', 'wed', 'weds', 'wednesday']],
  [4, ['th', 'thu', 'thur', 'thurs', 'thursday']],
  [5, ['fr', 'fri', 'friday']],
  [6, ['sa', 'sat', 'saturday']],
  [7, ['su', 'sun', 'sunday']],
] as const) {
  for (const name of names) {
    WEEKDAYS[name] = n;
  }
}
const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Identity of a milestone that survives edits to its date (when it has a target) or its checkbox. */
export function milestoneKey(noteId: string, m: Pick<ParsedMilestone, 'target' | 'date' | 'label'>): string {
  return m.target !== null ? `${noteId}#t:${m.target.toLowerCase()}` : `${noteId}#d:${m.date}:${m.label ?? ''}`;
}

/** `2`, `02`, `chapter 2`, `ch. 2` -> 2; anything else -> null. */
export function chapterOfTarget(text: string | null): number | null {
  const m = text === null ? null : CHAPTER.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** Dated checklist items and the task-note milestone of one note. Never throws: problems become diagnostics. */
export function parseMilestones(input: ParseMilestonesInput): ParseMilestonesResult {
  const { file, lines } = input;
  const diagnostics: Diagnostic[] = [];
  const milestones: ParsedMilestone[] = [];
  const yearless = new YearTracker(baseYear(input));

  const task = taskNoteMilestone(input);
  diagnostics.push(...task.diagnostics);
  if (task.milestone) {
    milestones.push(task.milestone);
  }

  let fence: { char: string; length: number } | null = null;
  for (let i = Math.max(0, input.bodyLine - 1); i < lines.length; i++) {
    const text = lines[i].replace(/\r$/, '');
    const f = FENCE.exec(text);
    if (fence) {
      // A fence closes only with the same char, at least as long, and nothing but spaces after it.
      if (f && f[1][0] === fence.char && f[1].length >= fence.length && f[2].trim() === '') {
        fence = null;
      }
      continue;
    }
    if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
      fence = { char: f[1][0], length: f[1].length };
      continue;
    }
    const item = CHECKBOX.exec(text);
    if (!item) {
      continue;
    }
    const result = parseItem({ file, line: i + 1, done: item[2] !== ' ', column: item[1].length + 1, text: item[3] }, yearless);
    diagnostics.push(...result.diagnostics);
    if (result.milestone) {
      milestones.push(result.milestone);
    }
  }
  return { milestones, diagnostics };
}

interface ItemInput {
  file: string;
  line: number;
  done: boolean;
  column: number;
  text: string;
}

interface ItemResult {
  milestone: ParsedMilestone | null;
  diagnostics: Diagnostic[];
}

function parseItem(item: ItemInput, yearless: YearTracker): ItemResult {
  const bad = (message: string): ItemResult => ({
    milestone: null,
    diagnostics: [{ file: item.file, line: item.line, code: 'BAD_DATE', severity: 'error', message }],
  });

  // Emoji fields come off first so `1/4: 2 ✅ 2025-01-05` still reads as a plan line with a done date.
  const emoji: Record<string, string> = {};
  for (const m of item.text.matchAll(EMOJI_DATE)) {
    if (!isoDay(m[2])) {
      return bad(`${m[1]} ${m[2]} is not a valid date`);
    }
    emoji[m[1]] ??= m[2];
  }
  const text = item.text.replace(EMOJI_DATE, ' ').replace(/\s+/g, ' ').trim();
  const doneDate = emoji['✅'] ?? null;
  const base = { line: item.line, done: item.done, doneDate, checkboxColumn: item.column };

  const plan = PLAN_DATE.exec(text);
  if (plan) {
    const [, mm, dd, weekday, rest] = plan;
    const tail = splitTail(rest, weekday !== undefined);
    if (tail) {
      const month = Number(mm);
      const day = Number(dd);
      const written = `${month}/${day}`;
      if (month < 1 || month > 12 || day < 1 || day > 31) {
        return bad(`${written} is not a valid date`);
      }
      const year = yearless.yearFor(month, day);
      const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
      if (!date.isValid) {
        return bad(`${written} is not a valid date in ${year}`);
      }
      yearless.accept(month, day);
      return finish({ ...base, format: 'plan', ...tail }, date, weekday, `${written} is a %s in ${year}`, item);
    }
  }

  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, yyyy, mm, dd, weekday, rest] = iso;
    const tail = splitTail(rest, true);
    if (tail) {
      const written = `${yyyy}-${mm}-${dd}`;
      const date = isoDay(written);
      if (!date) {
        return bad(`${written} is not a valid date`);
      }
      return finish({ ...base, format: 'iso', ...tail }, date, weekday, `${written} is a %s`, item);
    }
  }

  // Due wins over scheduled; both were validated above.
  const due = isoDay(emoji['📅'] ?? emoji['📆'] ?? emoji['🗓'] ?? emoji['⏳'] ?? emoji['⌛'] ?? '');
  if (due) {
    return finish({ ...base, format: 'emoji', target: null, label: text === '' ? null : text }, due, undefined, '', item);
  }
  return { milestone: null, diagnostics: [] };
}

/**
 * What follows the date and weekday: `: target`, nothing, or (when `freeText`) a plain label.
 * Without a weekday a plan date needs the colon, so `3/4 of the book` is not taken for March 4.
 */
function splitTail(rest: string, freeText: boolean): { target: string | null; label: string | null } | null {
  const trimmed = rest.trim();
  if (trimmed === '') {
    return { target: null, label: null };
  }
  if (trimmed.startsWith(':')) {
    const target = trimmed.slice(1).trim();
    return target === '' ? { target: null, label: null } : { target, label: target };
  }
  // The date must end at a word boundary: `2025-01-04x` is not a date followed by a label.
  if (freeText && /^\s/.test(rest)) {
    return { target: null, label: trimmed };
  }
  return null;
}

type Draft = Pick<ParsedMilestone, 'line' | 'done' | 'doneDate' | 'checkboxColumn' | 'format' | 'target' | 'label'>;

/** Checks the written weekday against the date; `template` gets the real weekday name in place of `%s`. */
function finish(draft: Draft, date: DateTime, weekday: string | undefined, template: string, item: ItemInput): ItemResult {
  const diagnostics: Diagnostic[] = [];
  if (weekday !== undefined) {
    const actual = WEEKDAY_NAMES[date.weekday];
    const written = WEEKDAYS[weekday.toLowerCase()];
    const message =
      written === undefined
        ? `unknown weekday '${weekday}' (${template.replace('%s', actual)})`
        : written !== date.weekday
          ? `${template.replace('%s', actual)}, not ${WEEKDAY_NAMES[written]}`
          : null;
    if (message !== null) {
      diagnostics.push({ file: item.file, line: item.line, code: 'WEEKDAY_MISMATCH', severity: 'warning', message });
    }
  }
  const milestone: ParsedMilestone = {
    ...draft,
    date: date.toISODate() as string,
    weekday: weekday ?? null,
    chapter: chapterOfTarget(draft.target ?? draft.label),
    weekdayMismatch: diagnostics.length > 0,
    diagnostics,
  };
  return { milestone, diagnostics };
}

/** Strict `YYYY-MM-DD` as a plain calendar date (UTC is only the carrier here, no instant is meant). */
function isoDay(text: string): DateTime | null {
  const m = ISO_DAY.exec(text);
  if (!m) {
    return null;
  }
  const date = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: 'UTC' });
  return date.isValid ? date : null;
}

/** Year of `created` in the note's zone; the current year when the note has no `created`. */
function baseYear(input: ParseMilestonesInput): number {
  const created = input.createdMs;
  const at = created !== null && Number.isFinite(created) ? DateTime.fromMillis(created) : DateTime.fromJSDate(input.now ?? new Date());
  const local = at.setZone(input.timeZone);
  // An unknown zone is a config problem reported elsewhere; UTC keeps parsing going.
  return (local.isValid ? local : at.toUTC()).year;
}

/** Assigns years to yearless dates in document order, rolling over once per New Year crossed. */
class YearTracker {
  private previous: number | null = null;

  constructor(private year: number) {}

  yearFor(month: number, day: number): number {
    const ordinal = dayOfYear(month, day);
    return this.previous !== null && this.previous - ordinal > WRAP_DAYS ? this.year + 1 : this.year;
  }

  /** Called only for valid dates, so a typo like `2/30` cannot trigger a rollover. */
  accept(month: number, day: number): void {
    this.year = this.yearFor(month, day);
    this.previous = dayOfYear(month, day);
  }
}

function dayOfYear(month: number, day: number): number {
  // A leap year so 2/29 has an ordinal; a day of drift does not matter against a half-year threshold.
  return DateTime.fromObject({ year: 2000, month, day: 1 }, { zone: 'UTC' }).ordinal + day - 1;
}

/** A Dendron task note (frontmatter `due`) is itself one milestone. */
function taskNoteMilestone(input: ParseMilestonesInput): ItemResult {
  const { frontmatter, file } = input;
  if (!('due' in frontmatter) || frontmatter.due === null || frontmatter.due === undefined) {
    return { milestone: null, diagnostics: [] };
  }
  const line = keyLine(input.lines, input.bodyLine, 'due');
  const date = dueDate(frontmatter.due, input.timeZone);
  if (!date) {
    const due = frontmatter.due;
    // Only scalars are echoed: JSON.stringify can throw on a bigint or a cycle, and the parser must not throw.
    const shown = typeof due === 'string' || typeof due === 'number' ? JSON.stringify(due) : `(${typeof due})`;
    const message = `frontmatter due ${shown} is not a date (epoch ms or YYYY-MM-DD)`;
    return { milestone: null, diagnostics: [{ file, line, code: 'BAD_DATE', severity: 'error', message }] };
  }
  const complete = input.taskConfig?.taskCompleteStatus ?? DEFAULT_COMPLETE;
  const status = typeof frontmatter.status === 'string' ? frontmatter.status.trim() : null;
  // Dendron lets `status` be a name (`done`) or its symbol (`x`); either counts when it is a complete status.
  const symbol = status !== null ? input.taskConfig?.statusSymbols?.[status] : undefined;
  const done = status !== null && (complete.includes(status) || (symbol !== undefined && complete.includes(symbol)));
  const milestone: ParsedMilestone = {
    line,
    done,
    date,
    weekday: null,
    target: null,
    chapter: null,
    label: null,
    doneDate: null,
    format: 'tasknote',
    checkboxColumn: 0,
    weekdayMismatch: false,
    diagnostics: [],
  };
  return { milestone, diagnostics: [] };
}

function dueDate(due: unknown, timeZone: string): string | null {
  if (typeof due === 'number' && Number.isFinite(due)) {
    const at = DateTime.fromMillis(due).setZone(timeZone);
    return at.isValid ? at.toISODate() : null;
  }
  if (typeof due === 'string') {
    return isoDay(due.trim())?.toISODate() ?? null;
  }
  // A YAML 1.1 timestamp arrives as a Date at UTC midnight: its UTC calendar day is the one written.
  if (due instanceof Date && !Number.isNaN(due.getTime())) {
    return DateTime.fromJSDate(due, { zone: 'UTC' }).toISODate();
  }
  return null;
}

/** 1-based line of a top-level frontmatter key, or 1 when it cannot be found. */
function keyLine(lines: readonly string[], bodyLine: number, key: string): number {
  const pattern = new RegExp(`^${key}\\s*:`);
  for (let i = 0; i < Math.min(lines.length, bodyLine - 1); i++) {
    if (pattern.test(lines[i])) {
      return i + 1;
    }
  }
  return 1;
}
