import type { ConceptKindName } from './concept-dictionary';
import { COMMON_ZIPF, RARE_ZIPF, REPEATED_WORD_ZIPF, SPECIFIC_WORD_ZIPF, isStopWord, lemmaZipfOf } from './english';

/**
 * Salience of a concept: how specific its name is (against general English) times how the vault uses it. Pure.
 *
 *   salience = specificity × ln(1 + evidence + noteCount)
 *
 * - specificity: 1 for a name unknown to English, an acronym or identifier, or a dictionary entry; 0.8 for a phrase of
 *   several words; for one English word, from 1 (rare, Zipf ≤ 2) down to 0.1 (everyday, Zipf ≥ 4.5);
 * - evidence: the notes that mark it, weighted: a definition 3, a link label or tag 2, emphasis, a token or a phrase 1;
 * - noteCount: the notes that mention it.
 */

/** Notes per source kind that name the concept (ConceptSource rows: one per note, name and kind). */
export type SourceNotes = Partial<Record<ConceptKindName, number>>;

const WEIGHT: Record<ConceptKindName, number> = {
  dictionary: 3,
  defined: 3,
  tag: 2,
  'link-label': 2,
  emphasis: 1,
  token: 1,
  phrase: 1,
  title: 2,
  heading: 0, // the note's `phrase` source counts it already
  user: 0,
};

/** Zipf of the most everyday words (`traffic` 4.5, `people` 5.1): a link label names the vault's own word only below it. */
const EVERYDAY_ZIPF = 4.5;

/** One everyday word defined in more notes than this is a template's line label (`Default:`, `Type:`), not a definition. */
const LABEL_NOTES = 3;

/**
 * A vault of at most this many notes (with files) is small: a word may appear in one note only, and the parser's
 * judgement of an unmarked English word stands. In a larger vault, a word that matters is marked somewhere (a note
 * named after it, a link, a definition, emphasis, a tag).
 */
export const SMALL_VAULT_NOTES = 50;

/** An everyday word must be marked (named, linked, defined, emphasised) in at least one of this many of its phrase notes. */
const MARKED_SHARE = 4;

export const isSmallVault = (notes: number): boolean => notes <= SMALL_VAULT_NOTES;

export function specificity(name: string, kind: ConceptKindName): number {
  if (kind === 'dictionary' || kind === 'token') {
    return 1;
  }
  if (name.includes(' ')) {
    return 0.8;
  }
  const zipf = lemmaZipfOf(name.toLowerCase());
  return zipf === null ? 1 : Math.min(1, Math.max(0.1, (EVERYDAY_ZIPF - zipf) / 2.5));
}

export function sourceEvidence(notes: SourceNotes): number {
  let sum = 0;
  for (const [kind, n] of Object.entries(notes) as [ConceptKindName, number][]) {
    sum += WEIGHT[kind] * n;
  }
  return sum;
}

/**
 * Whether a concept drawn from the notes (not the dictionary) is kept as a node. Never one that only note titles give,
 * nor a person's name (a user tag names it).
 * Names of several words, names unknown to English and tokens are kept (the parser already judged them); one English
 * word must earn its place by how rare it is and how the vault marks it (and hasVaultEvidence):
 * - tag: always, unless a stop word (the author filed the note under it: `#security`);
 * - link label: Zipf < EVERYDAY_ZIPF (4.5; a vault's own word, linked: `vault`);
 * - definition: rare (Zipf < 3), or defined in at most LABEL_NOTES notes (`helm:` is, `Default:` in 200 notes is not),
 *   but in a large vault not a word one line defines and nothing else names;
 * - a phrase of the chunker: Zipf < REPEATED_WORD_ZIPF (the parser keeps words above SPECIFIC_WORD_ZIPF only when
 *   their note repeats them);
 * - otherwise (emphasis alone): rare, Zipf < SPECIFIC_WORD_ZIPF.
 */
export function isSalient(name: string, notes: SourceNotes, vaultNotes: number): boolean {
  const titled = notes.title ?? 0;
  const users = notes.user ?? 0;
  const marked = markedNotes(notes);
  if (users > 0 && users >= marked - (notes.phrase ?? 0)) {
    // A person (`@kevin` is `user.kevin`): in Dendron a user note, a node of the graph already. Tagged as a user in at
    // least as many notes as marked otherwise (defined, tagged, linked, emphasised, a token), so a stray `@istio`
    // leaves the mesh a concept; the chunker's phrases do not count, as a name is written in prose either way.
    return false;
  }
  if (marked === 0) {
    return false; // a note's name alone is no concept: titles vouch for what the text names
  }
  if ((notes.token ?? 0) > 0) {
    return true;
  }
  if (name.includes(' ')) {
    return !isVaultEnglishPhrase(name, notes, vaultNotes);
  }
  const zipf = lemmaZipfOf(name.toLowerCase());
  if (zipf === null) {
    return true;
  }
  if ((notes.tag ?? 0) > 0) {
    return !isStopWord(name.toLowerCase());
  }
  // Linked in at least half as many notes as it is otherwise marked in (a stray link does not make `fixes` a topic).
  const linked = notes['link-label'] ?? 0;
  if (linked > 0 && zipf < EVERYDAY_ZIPF && linked * 2 >= marked - linked) {
    return true;
  }
  if (!hasVaultEvidence(notes, vaultNotes)) {
    return false;
  }
  // In a large vault, an everyday word the chunker finds in many notes and few notes mark is the vault's English with a
  // stray mark (`user`: 14 notes, one note named after it; `format`: 7, emphasised once), as one never marked is.
  if (!isSmallVault(vaultNotes) && zipf >= RARE_ZIPF && vouchingNotes(notes) * MARKED_SHARE < (notes.phrase ?? 0)) {
    return false;
  }
  const defined = notes.defined ?? 0;
  if (defined > LABEL_NOTES && defined * 2 > marked - defined) {
    return false; // mostly written as a line label (`default: …`, `feat(x): …`): its chunker hits are those lines too
  }
  // In a large vault, an English word one line defines and nothing else names (no title, link, emphasis, tag or phrase)
  // is that line's label (`Details: …`, `pattern: …` under a function's parameters), not the vault's vocabulary.
  if (defined === 1 && marked === 1 && titled === 0 && zipf >= RARE_ZIPF && !isSmallVault(vaultNotes)) {
    return false;
  }
  if (defined > 0 && (zipf < RARE_ZIPF || defined <= LABEL_NOTES)) {
    return true;
  }
  return zipf < ((notes.phrase ?? 0) > 0 ? REPEATED_WORD_ZIPF : SPECIFIC_WORD_ZIPF);
}

/**
 * In a large vault, a phrase of everyday words that only the chunker finds (no note defines, links, emphasises or tags
 * it) and mostly as a heading, in more than LABEL_NOTES notes, is a template's section (`### Event Reminders` in every
 * event note, `### Company Updates`), as a line label of many notes is (isSalient). A phrase with one rarer word
 * (`Discord roles`, `export pod`) is a name of the vault's own; in a few notes, a heading names the note's topic.
 * (Dropping every unmarked everyday phrase of at most LABEL_NOTES notes, as hasVaultEvidence does for one word, was
 * measured on dendron-site: it took 1,000 concepts, `pull requests` and `bullet journal` among them.)
 */
function isVaultEnglishPhrase(name: string, notes: SourceNotes, vaultNotes: number): boolean {
  const phrase = notes.phrase ?? 0;
  const heading = notes.heading ?? 0;
  if (
    isSmallVault(vaultNotes) ||
    markedNotes(notes) > phrase ||
    !name.split(' ').every((w) => (lemmaZipfOf(w.toLowerCase()) ?? 0) >= COMMON_ZIPF)
  ) {
    return false;
  }
  return heading > LABEL_NOTES && heading * 2 > phrase;
}

/**
 * Whether the vault vouches for one English word beyond the chunker: a note named after it (`dendron.topic.views`), a
 * link label, a definition or emphasis. A word the chunker found in more than LABEL_NOTES notes and that none of them
 * ever marks is the vault's English (`syntax`, `overview`, `functionality`), not its vocabulary; so is one that a large
 * vault never marks (`navigate`, `output`, `directory`: named in dozens of notes, repeated in a line of two or three).
 * A small vault (the seed) uses a word in few notes, so its unmarked rare words still pass on the parser's judgement.
 */
function hasVaultEvidence(notes: SourceNotes, vaultNotes: number): boolean {
  return vouchingNotes(notes) > 0 || ((notes.phrase ?? 0) <= LABEL_NOTES && isSmallVault(vaultNotes));
}

/**
 * Notes that name the concept by a source that says something of it: every kind but evidence-only ones (a title, a
 * heading's count, a user tag). The chunker's phrases count.
 */
function markedNotes(notes: SourceNotes): number {
  return Object.values(notes).reduce((a, b) => a + (b ?? 0), 0) - (notes.title ?? 0) - (notes.user ?? 0) - (notes.heading ?? 0);
}

const vouchingNotes = (notes: SourceNotes) =>
  (notes.title ?? 0) + (notes['link-label'] ?? 0) + (notes.defined ?? 0) + (notes.emphasis ?? 0);

export function salienceOf(name: string, kind: ConceptKindName, evidence: number, noteCount: number): number {
  return Math.round(specificity(name, kind) * Math.log(1 + evidence + noteCount) * 1000) / 1000;
}
