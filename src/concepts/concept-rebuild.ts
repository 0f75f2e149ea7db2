import fs from 'node:fs';
import path from 'node:path';
import { fsErrorReason } from '../vault/fs-error';
import type { Diagnostic } from '../vault/note-doc';
import { mentionsInBody } from '../vault/parse/body-mentions';
import {
  CONCEPT_KINDS,
  DICTIONARY_FILE,
  mergeDictionary,
  parseConceptDictionary,
  type DictionaryEntry,
} from '../vault/parse/concept-dictionary';
import {
  buildConceptMatcher,
  findMentionsIn,
  nameWordForms,
  normalizeConceptName,
  type ConceptMatcher,
  type ConceptMention,
} from '../vault/parse/concepts';
import { isSalient, isSmallVault, salienceOf, sourceEvidence, type SourceNotes } from '../vault/parse/salience';
import type { SearchIndexer } from '../search/search.indexer';
import type { ChangeSet, ParsedMentions } from '../sync/change-set';
import { type ConceptRow, type ConceptStatements, type StoredConcept } from './concept-index.statements';

/** A change to the API's part of the dictionary (ConceptDefinition) or of the ignore list (ConceptIgnore). */
export type DictionaryChange = { define: DictionaryEntry } | { remove: string } | { ignore: string } | { unignore: string };

/** What the parse of a note kept for matching its mentions, by note id. */
export interface ParsedMentionTexts {
  get(noteId: string): ParsedMentions | undefined;
}

export interface ConceptDiagnostic extends Diagnostic {
  /** Folder name the dictionary file sits in. */
  vault: string;
}

/** The names among `names` with the concept key of `name` (`Gateway`, `gateways` for `gateway`). */
function withKeyOf(name: string, names: readonly string[]): string[] {
  const key = normalizeConceptName(name);
  return names.filter((n) => normalizeConceptName(n) === key);
}

/**
 * The concept post-pass, run inside the sync's transaction once every file is written (and after a dictionary
 * change through the API): the Concept table is rebuilt from the dictionary and the notes' concept sources, then
 * mentions are matched again. It writes only what differs, so a sync that changed nothing writes nothing, and
 * concept ids stay stable for keys that remain (mentions of untouched notes keep pointing at the right rows).
 */
export class ConceptRebuild {
  constructor(
    private readonly repo: ConceptStatements,
    private readonly search: SearchIndexer,
  ) {}

  /**
   * After the files of a sync, from what it changed. `workspaceDir`: the synced folder (its concepts.yml counts, as
   * does each vault root's); `vaultNotes`: notes with a file after the sync (the notes feature counts them).
   */
  afterSync(workspaceDir: string, changes: ChangeSet, vaultNotes: number): ConceptDiagnostic[] {
    // A note written in this run is there at its end (a deletion in the same run comes before the write).
    return this.rebuild(
      this.repo.dictionaryFolders(workspaceDir),
      changes.notesChanged ? changes.conceptKeys : null,
      changes.written,
      changes.parsed,
      changes.mentionsGone,
      { notes: vaultNotes, reach: changes.added.size + changes.deleted.size },
    );
  }

  /**
   * Apply a dictionary change and rebuild; false when there was nothing to remove. Run it inside a transaction.
   * `vaultNotes`: notes with a file.
   */
  change(change: DictionaryChange, nowMs: number, vaultNotes: number): boolean {
    if (!this.write(change, nowMs)) {
      return false;
    }
    this.rebuild(this.repo.dictionaryFolders(), null, [], new Map(), new Map(), { notes: vaultNotes, reach: 0 });
    return true;
  }

  /**
   * Write the change to its list (ConceptDefinition or ConceptIgnore), one entry per key: a new name replaces the
   * key's old one (`Gateway` replaces `gateway`). False when there was nothing to remove.
   */
  private write(change: DictionaryChange, nowMs: number): boolean {
    if ('ignore' in change) {
      withKeyOf(change.ignore, this.repo.apiIgnores())
        .filter((name) => name !== change.ignore)
        .forEach((name) => this.repo.deleteApiIgnore(name));
      this.repo.upsertApiIgnore(change.ignore, nowMs);
      return true;
    }
    if ('unignore' in change) {
      const gone = withKeyOf(change.unignore, this.repo.apiIgnores());
      gone.forEach((name) => this.repo.deleteApiIgnore(name));
      return gone.length > 0;
    }
    const held = this.repo.definitions();
    const names = held.map((d) => d.name);
    if ('define' in change) {
      withKeyOf(change.define.name, names)
        .filter((name) => name !== change.define.name)
        .forEach((name) => this.repo.deleteDefinition(name));
      this.repo.upsertDefinition(change.define.name, change.define.aliases, nowMs);
      return true;
    }
    // By the entry's name, or else by one of its aliases.
    const key = normalizeConceptName(change.remove);
    const entry = held.find((d) => d.aliases.some((a) => normalizeConceptName(a) === key));
    const gone = withKeyOf(change.remove, names);
    const removed = gone.length > 0 ? gone : entry ? withKeyOf(entry.name, names) : [];
    removed.forEach((name) => this.repo.deleteDefinition(name));
    return removed.length > 0;
  }

  /**
   * `touched`: the concept source keys this run added or removed, null when no note changed. `parsed`: notes parsed in
   * this run, matched from their kept text; any other note is read back and tokenized again. `vault`: its notes with a
   * file now, and how many this run added or deleted (it had between `reach` fewer and `reach` more before).
   */
  private rebuild(
    folders: string[],
    touched: ReadonlySet<string> | null,
    written: Iterable<string>,
    parsed: ParsedMentionTexts,
    gone: ReadonlyMap<number, Tally>,
    vault: { notes: number; reach: number },
  ): ConceptDiagnostic[] {
    const { dictionary, ignored, diagnostics } = this.readDictionary(folders);
    const stored = this.repo.concepts();
    // The ignore list is part of the dictionary: a change to it alone must rebuild too.
    const sameIgnored = sameEntries(ignored, this.repo.ignored());
    const unchanged = sameIgnored && sameDictionary(dictionary, stored);
    if (touched === null && unchanged) {
      return diagnostics;
    }
    if (!sameIgnored) {
      this.repo.replaceIgnored(ignored);
    }
    // With the same dictionary, only concepts whose keys this run's sources touched can change; unless the vault may
    // have crossed the size where unmarked English words stop counting (isSalient), which re-decides every key.
    const sameScale = isSmallVault(vault.notes - vault.reach) === isSmallVault(vault.notes + vault.reach);
    const incremental = touched !== null && stored.length > 0 && unchanged && sameScale;
    const desired = this.desiredConcepts(dictionary, new Set(ignored.keys()), incremental ? { stored, touched } : null, vault.notes);
    const change = namesChange(stored, desired);
    // Notes that named a key which lost a name (or went) must be matched again: a shorter name may match there now.
    const lostNotes = change.lost.length > 0 ? this.repo.notesMentioning(change.lost) : [];
    const ids = this.writeConcepts(desired, stored);
    const full = stored.length === 0 || change.added.length > MAX_TARGETED_NAMES;
    const notes = full ? this.repo.notesWithFiles() : new Set([...written, ...lostNotes, ...this.notesNaming(change.added)]);
    if (full) {
      this.repo.deleteAllMentions();
    }
    const matcher = buildConceptMatcher([...desired.values()].map((c) => ({ key: c.key, names: namesOf(c) })));
    // Counts move by what changed: per concept, the mentions and notes matched now minus those the notes matched
    // before and those deleted notes took with them. Counting a concept's mentions again instead reads all of them:
    // 300 ms an edit at 10k for concepts named in most notes. A full pass matches every note, so its tally is the count.
    const delta = new Map<number, Tally>();
    const move = (id: number, mentions: number, notes: number) => {
      const d = delta.get(id) ?? { mentions: 0, notes: 0 };
      d.mentions += mentions;
      d.notes += notes;
      delta.set(id, d);
    };
    if (!full) {
      gone.forEach((g, id) => move(id, -g.mentions, -g.notes));
    }
    for (const noteId of notes) {
      if (!full) {
        this.repo.mentionTally(noteId).forEach(({ conceptId, n }) => move(conceptId, -n, -1));
        this.repo.deleteMentionsOf(noteId);
      }
      const now = new Map<number, number>();
      const rows: { conceptId: number; sectionOrdinal: number | null; line: number }[] = [];
      for (const m of this.mentionsOf(noteId, matcher, parsed)) {
        const conceptId = ids.byKey.get(m.key);
        if (conceptId !== undefined) {
          rows.push({ conceptId, sectionOrdinal: m.section, line: m.line });
          now.set(conceptId, (now.get(conceptId) ?? 0) + 1);
        }
      }
      this.repo.insertMentions(noteId, rows);
      now.forEach((n, id) => move(id, n, 1));
    }
    this.writeCounts(desired, ids, delta, full);
    return diagnostics;
  }

  private mentionsOf(noteId: string, matcher: ConceptMatcher, parsed: ParsedMentionTexts): ConceptMention[] {
    const kept = parsed.get(noteId);
    if (kept) {
      return findMentionsIn(matcher, kept.text, kept.sections);
    }
    const note = this.repo.noteBody(noteId);
    return note ? mentionsInBody(matcher, note.body, note.bodyLine, this.repo.sectionsOf(noteId)) : [];
  }

  /**
   * Notes whose text may hold one of `names`, from the full-text index: every word of a name, the last one in any
   * form the matcher accepts (a superset: order, adjacency and markup are not checked; the matcher decides).
   */
  private notesNaming(names: string[]): string[] {
    const queries = names
      .map((n) => nameWordForms(n))
      .filter((words) => words.length > 0)
      .map((words) => words.map((forms) => `(${forms.map((f) => `"${f}"`).join(' OR ')})`).join(' AND '));
    return queries.length > 0 ? this.search.notesMatching(queries.map((q) => `(${q})`).join(' OR ')) : [];
  }

  /** The API's definitions first, then concepts.yml in each folder; entries with the same key merge. */
  private readDictionary(folders: string[]): {
    dictionary: Map<string, DictionaryEntry>;
    /** key -> name of every `ignore:` name. */
    ignored: Map<string, string>;
    diagnostics: ConceptDiagnostic[];
  } {
    const lists: DictionaryEntry[][] = [this.repo.definitions()];
    const ignored = new Map(this.repo.apiIgnores().map((name) => [normalizeConceptName(name), name]));
    const diagnostics: ConceptDiagnostic[] = [];
    for (const folder of folders) {
      const file = path.join(folder, DICTIONARY_FILE);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          const message = `cannot read ${DICTIONARY_FILE}: ${fsErrorReason(err)}`;
          diagnostics.push({
            vault: path.basename(folder),
            file: DICTIONARY_FILE,
            line: null,
            code: 'UNREADABLE',
            severity: 'error',
            message,
          });
        }
        continue;
      }
      const parsed = parseConceptDictionary(DICTIONARY_FILE, text);
      lists.push(parsed.entries);
      for (const name of parsed.ignored) {
        const key = normalizeConceptName(name);
        if (!ignored.has(key)) {
          ignored.set(key, name);
        }
      }
      diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d, vault: path.basename(folder) })));
    }
    return {
      dictionary: mergeDictionary(lists),
      ignored: new Map([...ignored].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      diagnostics,
    };
  }

  /**
   * One concept per key. Dictionary entries come first and absorb candidates whose key is one of their aliases;
   * every other key takes the kind of its strongest source and the name written most often there (first seen on a tie).
   * A key on an `ignore:` list is never taken from the text (a dictionary entry, the user's own word, stays).
   *
   * `since`: the concepts stored before this run and the source keys it touched, when the dictionary did not change.
   * A concept depends only on the sources whose key is its own or one of its aliases, so only the concepts of touched
   * keys are worked out again (from their sources alone); the others stay as stored. Without it, from every source
   * (a GROUP BY over all of them, ~200k rows at 10k notes).
   */
  private desiredConcepts(
    dictionary: Map<string, DictionaryEntry>,
    ignored: ReadonlySet<string>,
    since: { stored: StoredConcept[]; touched: ReadonlySet<string> } | null,
    vaultNotes: number,
  ): Map<string, ConceptRow> {
    const out = new Map<string, ConceptRow>();
    const aliasOf = new Map<string, string>();
    const sourceKeysOf = new Map<string, string[]>();
    for (const [key, e] of dictionary) {
      out.set(key, { key, name: e.name, kind: 'dictionary', url: null, aliases: JSON.stringify(e.aliases), evidence: 0 });
      sourceKeysOf.set(key, [key]);
      for (const alias of e.aliases.map(normalizeConceptName)) {
        if (!dictionary.has(alias) && !aliasOf.has(alias)) {
          aliasOf.set(alias, key);
          sourceKeysOf.get(key)?.push(alias);
        }
      }
    }
    let sources: Iterable<string> | undefined;
    if (since) {
      const affected = new Set([...since.touched].map((k) => aliasOf.get(k) ?? k));
      for (const c of since.stored) {
        if (!affected.has(c.key)) {
          out.set(c.key, { key: c.key, name: c.name, kind: c.kind, url: c.url, aliases: c.aliases, evidence: c.evidence });
        }
      }
      sources = [...affected].flatMap((key) => sourceKeysOf.get(key) ?? [key]);
    }
    const best = new Map<string, { rank: number; name: string; n: number }>();
    const urls = new Map<string, string>();
    const notesOf = new Map<string, SourceNotes>();
    for (const s of this.repo.sourceSummary(sources)) {
      const key = aliasOf.get(s.key) ?? s.key;
      if (key.length < 2) {
        continue; // noise guard: `C`, `R`, `x`
      }
      const notes = notesOf.get(key) ?? {};
      notes[s.kind] = (notes[s.kind] ?? 0) + s.n;
      notesOf.set(key, notes);
      if (s.kind === 'link-label' && s.url !== null && !urls.has(key)) {
        urls.set(key, s.url);
      }
      const rank = CONCEPT_KINDS.indexOf(s.kind);
      const held = best.get(key);
      if (!held || rank < held.rank || (rank === held.rank && s.n > held.n)) {
        best.set(key, { rank, name: s.name, n: s.n });
      }
    }
    for (const [key, b] of best) {
      const notes = notesOf.get(key) ?? {};
      const held = out.get(key);
      if (held?.kind === 'dictionary') {
        held.evidence = sourceEvidence(notes);
      } else if (!held && !ignored.has(key) && isSalient(b.name, notes, vaultNotes)) {
        out.set(key, { key, name: b.name, kind: CONCEPT_KINDS[b.rank], url: null, aliases: '[]', evidence: sourceEvidence(notes) });
      }
    }
    for (const [key, url] of urls) {
      const row = out.get(key);
      if (row) {
        row.url = url;
      }
    }
    return out;
  }

  /** Upsert by key, delete keys no longer present; returns key -> id, and the ids inserted or changed. */
  private writeConcepts(desired: Map<string, ConceptRow>, stored: StoredConcept[]): { byKey: Map<string, number>; changed: number[] } {
    const byKey = new Map(stored.map((c) => [c.key, c]));
    const ids = new Map<string, number>();
    const changed: number[] = [];
    for (const [key, row] of desired) {
      const held = byKey.get(key);
      if (!held) {
        const id = this.repo.insertConcept(row);
        ids.set(key, id);
        changed.push(id);
        continue;
      }
      ids.set(key, held.id);
      if (
        held.name !== row.name ||
        held.kind !== row.kind ||
        held.url !== row.url ||
        held.aliases !== row.aliases ||
        held.evidence !== row.evidence
      ) {
        this.repo.updateConcept(held.id, row);
        changed.push(held.id);
      }
    }
    for (const c of stored) {
      if (!desired.has(c.key)) {
        this.repo.deleteConcept(c.id); // its mentions go with it
      }
    }
    return { byKey: ids, changed };
  }

  /**
   * mentionCount, noteCount and salience: of every concept, counted (`delta` null); or moved by `delta`, for the
   * concepts in it and those written now (whose evidence, and so salience, may have changed).
   */
  private writeCounts(
    desired: Map<string, ConceptRow>,
    ids: { byKey: Map<string, number>; changed: number[] },
    delta: Map<number, Tally>,
    /** `delta` holds every concept's whole count (a full pass), not a change. */
    full: boolean,
  ): void {
    const rowOf = new Map<number, ConceptRow>();
    for (const [key, id] of ids.byKey) {
      const row = desired.get(key);
      if (row) {
        rowOf.set(id, row);
      }
    }
    const write = (id: number, mentions: number, notes: number) => {
      const row = rowOf.get(id);
      if (row) {
        this.repo.updateCounts(id, mentions, notes, salienceOf(row.name, row.kind, row.evidence, notes));
      }
    };
    if (full) {
      rowOf.forEach((_row, id) => write(id, delta.get(id)?.mentions ?? 0, delta.get(id)?.notes ?? 0));
      return;
    }
    for (const id of new Set([...delta.keys(), ...ids.changed])) {
      const held = this.repo.countsOf(id);
      const d = delta.get(id) ?? { mentions: 0, notes: 0 };
      if (held) {
        write(id, held.mentionCount + d.mentions, held.noteCount + d.notes);
      }
    }
  }
}

/** Mentions, and notes naming a concept. */
interface Tally {
  mentions: number;
  notes: number;
}

const namesOf = (c: ConceptRow) => [c.name, ...(JSON.parse(c.aliases) as string[])];

/**
 * Beyond this many new names, one pass over every note is cheaper than finding the notes that hold them (and a
 * first build, with no concepts yet, is always a full pass).
 */
const MAX_TARGETED_NAMES = 200;

/**
 * How the matcher's input moves from `stored` to `desired` (case does not matter to matching): names that are new
 * for their key, and the ids of stored concepts that lost a name or are gone.
 */
function namesChange(stored: StoredConcept[], desired: Map<string, ConceptRow>): { added: string[]; lost: number[] } {
  const lower = (c: ConceptRow) => new Set(namesOf(c).map((n) => n.toLowerCase()));
  const before = new Map(stored.map((c) => [c.key, lower(c)]));
  const added: string[] = [];
  for (const [key, row] of desired) {
    const held = before.get(key);
    added.push(...[...lower(row)].filter((n) => !held?.has(n)));
  }
  const lost = stored.filter((c) => {
    const row = desired.get(c.key);
    const now = row && lower(row);
    return !now || [...lower(c)].some((n) => !now.has(n));
  });
  return { added, lost: lost.map((c) => c.id) };
}

/** Whether two ignore lists (key -> name) are the same. */
function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, name]) => b.get(key) === name);
}

/** Whether the stored dictionary concepts are exactly the dictionary's entries. */
function sameDictionary(dictionary: Map<string, DictionaryEntry>, stored: StoredConcept[]): boolean {
  const held = stored.filter((c) => c.kind === 'dictionary');
  return (
    held.length === dictionary.size &&
    held.every((c) => {
      const e = dictionary.get(c.key);
      return e !== undefined && e.name === c.name && JSON.stringify(e.aliases) === c.aliases;
    })
  );
}
