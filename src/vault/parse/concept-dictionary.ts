import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../note-doc';
import { normalizeConceptName } from './concepts';

/**
 * The user's concept dictionary, `concepts.yml`: a mapping of names to aliases, or a list of names (items may
 * themselves be one-key mappings). Every form below means the same kind of entry:
 *
 *   gateway: [gateways, ingress gateway, egress gateway]
 *   sidecar: []
 *   Envoy:            # no aliases
 *   mTLS: mutual TLS  # one alias
 *
 *   - SPIFFE
 *   - xDS: [discovery service]
 *
 * The key `ignore` is reserved: names (or aliases) the notes may suggest but that are not concepts of this vault.
 *
 *   ignore: [framework, service mesh solve]
 */
export interface DictionaryEntry {
  /** Canonical name as written. */
  name: string;
  /** Other names of the same concept, as written; never the name itself. */
  aliases: string[];
}

export const DICTIONARY_FILE = 'concepts.yml';

/** The reserved key of `concepts.yml` whose names are dropped from the extracted concepts. */
export const IGNORE_KEY = 'ignore';

/**
 * Where a concept comes from, strongest first: a concept takes the kind of its strongest source. `title` (a note's
 * title or last hierarchy segment is the word) is evidence only: a name that only titles give is never a concept (see
 * isSalient), so it is never a concept's kind either. Nor is
 * `heading`: a phrase a heading offers is a `phrase` source of its note too, and `heading` only counts the notes.
 * `user` (a user tag, `@kevin`) says the name is a person's, which keeps it from being a concept.
 */
export const CONCEPT_KINDS = [
  'dictionary',
  'defined',
  'tag',
  'link-label',
  'emphasis',
  'token',
  'phrase',
  'title',
  'heading',
  'user',
] as const;
export type ConceptKindName = (typeof CONCEPT_KINDS)[number];

/** Parse one dictionary file. Never throws: problems become CONFIG_ERROR diagnostics and the good entries are kept. */
export function parseConceptDictionary(
  file: string,
  text: string,
): { entries: DictionaryEntry[]; ignored: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ignored: string[] = [];
  const fail = (line: number | null, message: string) =>
    diagnostics.push({ file, line, code: 'CONFIG_ERROR', severity: 'error', message: `${file}: ${message}` });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    fail(lineCounter.linePos(doc.errors[0].pos[0]).line, `not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
    return { entries: [], ignored, diagnostics };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const entries: DictionaryEntry[] = [];
  const add = (name: unknown, aliases: unknown) => {
    const list = aliases === null || aliases === undefined ? [] : Array.isArray(aliases) ? (aliases as unknown[]) : [aliases];
    if (name === IGNORE_KEY) {
      if (!list.every(isName)) {
        fail(null, `${IGNORE_KEY} should be a list of names`);
        return;
      }
      ignored.push(...list.map((n) => cleanDictionaryName(String(n))));
      return;
    }
    if (!isName(name) || !list.every(isName)) {
      fail(null, `entry ${JSON.stringify(name)} should be a name with a list of alias names`);
      return;
    }
    entries.push(entry(String(name), list.map(String)));
  };
  if (value === null || value === undefined) {
    return { entries, ignored, diagnostics };
  }
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        for (const [name, aliases] of Object.entries(item)) {
          add(name, aliases);
        }
      } else {
        add(item, []);
      }
    }
  } else if (typeof value === 'object') {
    for (const [name, aliases] of Object.entries(value)) {
      add(name, aliases);
    }
  } else {
    fail(1, 'should be a mapping `name: [aliases]` or a list of names');
  }
  return { entries, ignored, diagnostics };
}

function isName(v: unknown): v is string | number {
  return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
}

/** A dictionary name as stored: trimmed, inner whitespace one space. */
export function cleanDictionaryName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

function entry(name: string, aliases: string[]): DictionaryEntry {
  const clean = cleanDictionaryName(name);
  const seen = new Set([clean.toLowerCase()]);
  const out: string[] = [];
  for (const alias of aliases.map(cleanDictionaryName)) {
    if (alias !== '' && !seen.has(alias.toLowerCase())) {
      seen.add(alias.toLowerCase());
      out.push(alias);
    }
  }
  return { name: clean, aliases: out };
}

/**
 * One entry per concept key, in order of first appearance: a later entry for the same key (`Gateway` after
 * `gateway`) adds its aliases to the first. Keys shorter than two characters are dropped.
 */
export function mergeDictionary(lists: DictionaryEntry[][]): Map<string, DictionaryEntry> {
  const byKey = new Map<string, DictionaryEntry>();
  for (const raw of lists.flat()) {
    const e = entry(raw.name, raw.aliases);
    const key = normalizeConceptName(e.name);
    if (key.length < 2) {
      continue;
    }
    const held = byKey.get(key);
    byKey.set(key, held ? entry(held.name, [...held.aliases, e.name, ...e.aliases]) : e);
  }
  // In key order, whatever the order of the lists and files: an alias two entries share goes to the entry whose key
  // sorts first, and reordering a concepts.yml changes nothing.
  return new Map([...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
