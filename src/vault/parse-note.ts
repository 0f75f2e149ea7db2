import type { Diagnostic, NoteDoc } from './note-doc';
import { scanConcepts } from './parse/concepts';
import { createMarkdown } from './parse/dendron-syntax';
import { parseFrontmatter } from './parse/frontmatter';
import { extractLinks } from './parse/links';
import { parseMilestones, type TaskConfig } from './parse/milestones';
import { extractSections } from './parse/sections';
import { titleFromFname } from './parse/title';

const md = createMarkdown();

/** Frontmatter keys Dendron owns; every other key is kept in `custom`. */
const OWN_KEYS = new Set(['id', 'title', 'desc', 'created', 'updated', 'tags']);

export interface NoteInput {
  /** Path relative to the vault root, for diagnostics. */
  file: string;
  fname: string;
  text: string;
}

export interface ParseOptions {
  /** Zone for dates without a year (taken from `created`) and task-note `due` times. */
  timeZone: string;
  taskConfig?: TaskConfig;
}

const DEFAULT_OPTIONS: ParseOptions = { timeZone: 'UTC' };

/** Text in, NoteDoc out. Pure and total: bad input becomes diagnostics, never an exception. */
export function parseNote({ file, fname, text: raw }: NoteInput, options: ParseOptions = DEFAULT_OPTIONS): NoteDoc {
  // A lone CR is a line break to markdown-it (CommonMark): make it one for every line count here too.
  const text = raw.includes('\r') ? raw.replace(/\r(?!\n)/g, '\n') : raw;
  const fm = parseFrontmatter(file, text);
  const diagnostics: Diagnostic[] = [...fm.diagnostics];
  const data = fm.data;
  const field = (key: string) => ({ key, value: data[key], line: fm.keyLines.get(key) ?? 1 });

  if (!fm.present) {
    diagnostics.push({
      file,
      line: 1,
      code: 'NO_FRONTMATTER',
      severity: 'warning',
      message: 'no frontmatter; the note gets an id derived from its vault and file name',
    });
  } else if (fm.diagnostics.length === 0 && (typeof data.id !== 'string' || data.id.trim() === '')) {
    diagnostics.push({
      file,
      line: 2,
      code: 'MISSING_ID',
      severity: 'warning',
      message: 'frontmatter has no string `id`; the note gets an id derived from its vault and file name',
    });
  }

  const fileLines = text.split(/\r?\n/);
  const tokens = md.parse(fm.body, {});
  const lineOffset = fm.bodyLine;
  const sections = extractSections(tokens, lineOffset, fileLines.length);
  const links = extractLinks(tokens, lineOffset, fileLines, sections, fname);
  const { candidates: concepts, mentionText } = scanConcepts(tokens, lineOffset, fileLines.length, sections);

  const tags = readTags(field('tags'), file, diagnostics);
  const tagLine = fm.keyLines.get('tags') ?? 1;
  for (const tag of tags) {
    links.push({
      kind: 'fmtag',
      targetFname: `tags.${tag}`,
      targetVault: null,
      anchor: null,
      alias: null,
      url: null,
      line: tagLine,
      column: 1,
      section: null,
    });
  }

  const created = readEpoch(field('created'), file, diagnostics);
  const plan = parseMilestones({
    file,
    lines: fileLines,
    bodyLine: fm.bodyLine,
    createdMs: created,
    timeZone: options.timeZone,
    frontmatter: data,
    taskConfig: options.taskConfig,
  });
  diagnostics.push(...plan.diagnostics);

  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!OWN_KEYS.has(key)) {
      custom[key] = value;
    }
  }

  return {
    fname,
    id: typeof data.id === 'string' && data.id.trim() !== '' ? data.id.trim() : null,
    title: readString(field('title'), file, diagnostics) ?? titleFromFname(fname),
    desc: readString(field('desc'), file, diagnostics) ?? '',
    created,
    updated: readEpoch(field('updated'), file, diagnostics),
    tags,
    custom,
    body: fm.body,
    bodyLine: fm.bodyLine,
    sections,
    links,
    concepts,
    mentionText,
    milestones: plan.milestones,
    diagnostics,
  };
}

interface Field {
  key: string;
  value: unknown;
  line: number;
}

function badField(f: Field, file: string, diagnostics: Diagnostic[], expected: string): null {
  diagnostics.push({
    file,
    line: f.line,
    code: 'BAD_FIELD',
    severity: 'warning',
    message: `frontmatter \`${f.key}\` should be ${expected}; ignored`,
  });
  return null;
}

function readString(f: Field, file: string, diagnostics: Diagnostic[]): string | null {
  if (f.value === undefined || f.value === null) {
    return null;
  }
  if (typeof f.value === 'string' || typeof f.value === 'number' || typeof f.value === 'boolean') {
    return String(f.value);
  }
  return badField(f, file, diagnostics, 'a string');
}

/** Epoch milliseconds; Dendron writes numbers, people sometimes write ISO dates. */
function readEpoch(f: Field, file: string, diagnostics: Diagnostic[]): number | null {
  if (f.value === undefined || f.value === null) {
    return null;
  }
  if (typeof f.value === 'number' && Number.isFinite(f.value)) {
    return f.value;
  }
  if (f.value instanceof Date && !Number.isNaN(f.value.getTime())) {
    return f.value.getTime();
  }
  if (typeof f.value === 'string') {
    const n = /^\d+$/.test(f.value.trim()) ? Number(f.value) : Date.parse(f.value);
    if (Number.isFinite(n)) {
      return n;
    }
  }
  return badField(f, file, diagnostics, 'epoch milliseconds');
}

function readTags(f: Field, file: string, diagnostics: Diagnostic[]): string[] {
  if (f.value === undefined || f.value === null) {
    return [];
  }
  const list = Array.isArray(f.value) ? f.value : [f.value];
  if (!list.every((t) => typeof t === 'string' || typeof t === 'number')) {
    badField(f, file, diagnostics, 'a string or a list of strings');
    return [];
  }
  return list.map((t) => String(t).trim()).filter((t) => t !== '');
}
