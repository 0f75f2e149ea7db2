import {
  COMMON_ZIPF,
  RARE_ZIPF,
  REPEATED_WORD_ZIPF,
  isLikelyTypo,
  isFunctionWord,
  isMostlyVerb,
  isStopWord,
  isTimeZoneAbbreviation,
  lemmaZipfOf,
  zipfOf,
} from './english';

/**
 * Which names may be concepts, and the noun phrases a short line of prose offers. Pure; general English only
 * (stop words and word frequencies, see english.ts), never a list of one vault's words.
 *
 * Phrases are found the RAKE way: a line is cut at punctuation and at stop words, and each remaining run of one to
 * four words is a candidate (`sidecar injection, automated by mutating admission webhook` -> `sidecar injection`,
 * `mutating admission webhook`). The runs then go through the same name rules as every other source.
 */

/** Generic heads that add nothing to a name before them: `istio operator API` is the `istio operator`. */
const GENERIC_TAIL = new Set(['api', 'apis', 'cli', 'ui', 'url', 'urls', 'etc']);

/** A single word the author marked (a link label, emphasis) may be commoner than one the chunker found. */
const MARKED_ZIPF = 4.0;
/** A term the note defines (`identity: …`) may be everyday English: the vault's own use makes it a concept. */
const DEFINED_ZIPF = 4.5;
/** A phrase of words this common throughout is everyday speech (`study notes`), not a name. */
const SPECIFIC_ZIPF = 4.2;

/** A noun this common (`note` 4.7, `file` 4.6, `community` 4.5; not `vault` 4.1, `session` 4.1) is generic after a name. */
const EVERYDAY_HEAD_ZIPF = 4.4;

/** Longest run kept: longer runs are clauses, not names. */
const MAX_PHRASE_WORDS = 4;

// A word keeps inner hyphens and apostrophes (`emissary-ingress`, `init-container`); `/` splits (`in/egress gateway`).
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}_]|['’-](?=[\p{L}\p{N}]))*/gu;
// Punctuation that ends a phrase. Word gaps made only of spaces keep a phrase going.
const BREAK = /[^\p{L}\p{N}_'’\s-]|\s-+\s|['’-](?![\p{L}\p{N}])/u;
const HAS_LETTER = /\p{L}/u;
const ALL_CAPS = /^[\p{Lu}\p{N}]+$/u;
/** All-caps words longer than this are shouting (`IMPORTANT`, `DEPRECATED`), not acronyms. */
export const MAX_ACRONYM = 8;
const VERSION = /^v\d+(?:\.\d+)*$/;
// Between two words, the end of a sentence.
const SENTENCE_END = /[.!?:]/;
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

export type NameEvidence =
  /** The author defined it: `term: …` (how many notes define it is salience's business). */
  | 'defined'
  /** The author marked it as a name: a link label, emphasis. */
  | 'marked'
  /** Found by the phrase chunker in a short line: no mark beyond its position. */
  | 'phrase';

/** `-ed` word whose stem is English (`sidecared`, `automated`): a verb form, never the head of a noun phrase. */
function isPastForm(lower: string): boolean {
  if (!lower.endsWith('ed') || lower.length < 5) {
    return false;
  }
  const stem = lower.slice(0, -2);
  return zipfOf(stem) !== null || zipfOf(`${stem}e`) !== null || zipfOf(lower) !== null;
}

/** A word that is everyday English or a stop word, lower-cased. */
function isCommonWord(lower: string): boolean {
  return isStopWord(lower) || (zipfOf(lower) ?? 0) >= COMMON_ZIPF;
}

/**
 * An all-caps word that is an English word shouted (`NOTE`, `IS`, `AND`, `OPEN`) or too long for an acronym
 * (`DEPRECATED`), not an acronym (`CSR`, `SPIFFE`).
 * Short ones stay acronyms unless they are stop words or everyday words (`OS` is rare in speech, `IS` is not).
 */
export function isShoutedWord(word: string): boolean {
  if (!ALL_CAPS.test(word) || !HAS_LETTER.test(word)) {
    return false;
  }
  const lower = word.toLowerCase().replace(/s$/, '');
  return lower.length > MAX_ACRONYM || isCommonWord(word.toLowerCase()) || isCommonWord(lower);
}

/**
 * Whether `name` (a cleaned candidate, words separated by single spaces) may name a concept.
 * - never a stop word, nor a phrase that starts or ends with one (`Create a`, `can be`, `your notes`);
 * - a single word must be specific: not everyday English (`file`, `Link`, `Add`); `phrase` evidence asks more (rare
 *   or unknown to English, not a typo, not a verb's past form);
 * - a phrase of several words must not end in a past form (`workload sidecared`) nor hold a typo or a number-only word.
 */
export function isConceptName(name: string, evidence: NameEvidence): boolean {
  const words = name.split(' ');
  // Braces are code (`{{fm.title}}`, `{id}`), never a name; nor is a handle (`@dendronhq`, `(@dendronhq)`, `@kevin`: a
  // person's or an organisation's account, which Dendron reads as a user tag) or a scoped package
  // (`@dendronhq/pods-core`). An `@` inside a word (`kevin@example.com`) starts no handle.
  if (words.length === 0 || words.length > MAX_PHRASE_WORDS + 1 || !HAS_LETTER.test(name) || /[{}]|(?<![\p{L}\p{N}_])@/u.test(name)) {
    return false;
  }
  const lower = words.map((w) => w.toLowerCase());
  if (isStopWord(lower[0]) || isStopWord(lower[lower.length - 1])) {
    return false;
  }
  if (words.length === 1) {
    const word = lower[0];
    if (
      word.length < 2 ||
      GENERIC_TAIL.has(word) || // alone, `API`, `UI`, `URL` name nothing in particular either
      isShoutedWord(words[0]) ||
      isTimeZoneAbbreviation(words[0]) ||
      VERSION.test(word) || // `V2`, `v1.3`
      /^\p{N}/u.test(word) ||
      (evidence === 'phrase' && /['’_]/.test(word))
    ) {
      return false;
    }
    if (evidence !== 'phrase') {
      // The author marked it: judged as written (`vaults` may be a vault's own word though `vault` is everyday).
      const written = zipfOf(word);
      return written === null || written < (evidence === 'defined' ? DEFINED_ZIPF : MARKED_ZIPF);
    }
    const zipf = lemmaZipfOf(word);
    // Lower-case three-letter words are abbreviations of everyday words (`tue`, `cpu`); `CNI` is a token.
    if ((word.length < 4 && !ALL_CAPS.test(words[0])) || isPastForm(word) || isGerund(word) || isMostlyVerb(word)) {
      return false;
    }
    // `self-contained`, `built-in`: a compound of everyday words is a modifier, not a name.
    if (word.includes('-') && word.split('-').every((part) => isCommonWord(part))) {
      return false;
    }
    // Words between SPECIFIC_WORD_ZIPF and this must also be repeated in the note (see concepts.ts).
    return zipf === null ? !isLikelyTypo(word) && !isInflectedUnknown(word) : zipf < REPEATED_WORD_ZIPF;
  }
  if (lower.some((w) => /^\p{N}+$/u.test(w) || isLikelyTypo(w)) || isPastForm(lower[lower.length - 1])) {
    return false;
  }
  // `You's`, `week's entry`: a possessive is a clause fragment; `man_farmer` an emoji code.
  if (evidence === 'phrase' && lower.some((w) => /['’_]/.test(w))) {
    return false;
  }
  if (words.some((w) => isShoutedWord(w) && w.length > 2)) {
    return false;
  }
  // `Create a note`, `Open the file`: an instruction (a verb, then a stop word inside), not a name.
  if (words.length > 2 && isMostlyVerb(lower[0]) && lower.slice(1, -1).some((w) => isStopWord(w))) {
    return false;
  }
  if (evidence !== 'phrase') {
    return true;
  }
  // `Dendron notes`, `Markdown files`, `YAML file`: a name (unknown to English) before an everyday noun says what the
  // things belong to; the name is the concept (the chunker offers it alone too), the pair is prose. Capitals do not
  // tell (one `a Dendron Note` would undo it): a product named so (`GitHub Actions`, `Todo Tree`) is a concept where
  // the vault marks it (a link label, emphasis, a definition), which this rule does not judge.
  if (words.length === 2 && lemmaZipfOf(lower[0]) === null && (lemmaZipfOf(lower[1]) ?? 0) >= EVERYDAY_HEAD_ZIPF) {
    return false;
  }
  return lower.some((w) => (zipfOf(w) ?? 0) < SPECIFIC_ZIPF);
}

/** `configuring`, `installing`: an `-ing` form of an everyday verb, alone. */
function isGerund(lower: string): boolean {
  if (!lower.endsWith('ing') || lower.length < 6) {
    return false;
  }
  const stem = lower.slice(0, -3);
  return [stem, `${stem}e`, stem.slice(0, -1)].some((w) => (zipfOf(w) ?? 0) >= RARE_ZIPF);
}

/** A lead word that names a thing of its own: unknown to English (`istio`) or rare and not a verb form (`sidecar`). */
function isNamingLead(word: string): boolean {
  const lower = word.toLowerCase();
  if (!HAS_LETTER.test(lower) || GENERIC_TAIL.has(lower) || isLikelyTypo(lower) || isPastForm(lower) || lower.endsWith('ing')) {
    return false;
  }
  const zipf = lemmaZipfOf(lower);
  return zipf === null || zipf < RARE_ZIPF;
}

/** `restarting`, `configures`: an unknown word that is a known word's inflection adds nothing new. */
function isInflectedUnknown(lower: string): boolean {
  for (const suffix of ['ing', 'es', 's']) {
    if (lower.endsWith(suffix) && lower.length > suffix.length + 2) {
      const stem = lower.slice(0, -suffix.length);
      if (isCommonWord(stem) || isCommonWord(`${stem}e`)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Noun-phrase candidates in one short line of prose, in order (duplicates possible): runs of words between
 * punctuation and stop words, without a generic tail word (`xDS API` -> `xDS`). A run led by a word that names a
 * thing (unknown to English or rare: `istio control plane`, `sidecar injection`) also gives that word and the rest on
 * their own (`istio`, `control plane`; `sidecar`). Only names that pass `isConceptName(…, 'phrase')` come out.
 */
export function phrasesIn(line: string): string[] {
  const out: string[] = [];
  const offer = (words: string[]) => {
    while (words.length > 0 && GENERIC_TAIL.has(words[words.length - 1].toLowerCase())) {
      words = words.slice(0, -1);
    }
    while (words.length > 0 && GENERIC_TAIL.has(words[0].toLowerCase())) {
      words = words.slice(1); // `URL form`, `API server`: the generic word says nothing
    }
    if (words.length === 0 || words.length > MAX_PHRASE_WORDS) {
      return;
    }
    // `Installing Istio`, `Configuring Envoy`: an action on a named thing; the thing is the name.
    if (words.length >= 2 && isGerund(words[0].toLowerCase()) && zipfOf(words[1].toLowerCase()) === null) {
      offer(words.slice(1));
      return;
    }
    const name = words.join(' ');
    if (isConceptName(name, 'phrase')) {
      out.push(name);
    }
    if (words.length >= 2 && isNamingLead(words[0])) {
      if (isConceptName(words[0], 'phrase')) {
        out.push(words[0]);
      }
      if (words.length >= 3) {
        offer(words.slice(1));
      }
    }
  };
  let run: string[] = [];
  let last = 0;
  // A capitalised stop word inside a sentence (`the New User Tuesdays`) is part of a name: the run it cuts off is a
  // fragment (`User Tuesdays`), not a name. At a sentence's start it is capitalised by position (`The Istio operator`,
  // `See Envoy Proxy`), unless it is neither a function word nor a verb and leads a title-case run (`New User Tuesdays:`).
  let titledStop: 'none' | 'inside' | 'start' = 'none';
  let ledBy: 'none' | 'inside' | 'start' = 'none';
  // The stop word just before the run (`self` of `self contained vaults`): with a past form after it, a compound.
  let stopBefore = '';
  let runAfterStop = '';
  // The run's one word is joined by a bare `/` to the word before it (`dendronhq/dendron`, `src/app`).
  let pathAfter = false;
  for (const m of line.matchAll(WORD)) {
    const word = m[0];
    const gap = line.slice(last, m.index);
    const sentenceStart = last === 0 || SENTENCE_END.test(gap);
    const pathJoin = gap === '/' && last > 0;
    if (BREAK.test(gap)) {
      titledStop = 'none';
      stopBefore = '';
      if (run.length > 0) {
        offerUnlessFragment(pathJoin);
        run = [];
      }
    }
    last = m.index + word.length;
    const lower = word.toLowerCase();
    const stop = isStopWord(lower);
    if (stop || word.length < 2 || /^\p{N}+$/u.test(word)) {
      offerUnlessFragment();
      run = [];
      titledStop = !isCapitalised(word) ? 'none' : !sentenceStart ? 'inside' : isTitleWord(lower) ? 'start' : 'none';
      stopBefore = stop ? lower : '';
    } else {
      if (run.length === 0) {
        ledBy = titledStop;
        runAfterStop = stopBefore;
        pathAfter = pathJoin;
      }
      run.push(word);
      titledStop = 'none';
      stopBefore = '';
    }
  }
  offerUnlessFragment();
  return out;

  function offerUnlessFragment(pathNext = false) {
    if (run.length === 0) {
      return;
    }
    // A run of one lower-case word joined to another by a bare `/` is a path segment (`dendronhq` of
    // `dendronhq/dendron`, `components` of `src/components`) and names no concept; so, alike, are lower-case
    // alternatives (`yaml/json`), which a vault names elsewhere too. A run of several words after a slash is a phrase
    // (`in/egress gateway` gives `egress gateway`), and capitalised words are names (`Researcher/Technologist`,
    // `TCP/UDP`).
    if (run.length === 1 && (pathNext || pathAfter) && !/\p{Lu}/u.test(run[0])) {
      return;
    }
    const fragment =
      (ledBy === 'inside' && isCapitalised(run[0])) ||
      (ledBy === 'start' && run.length >= 2 && run.every(isCapitalised)) ||
      // `self contained vaults`, `well known issues`: the run is the tail of a compound adjective, written unhyphenated.
      (runAfterStop !== '' && /ed$/i.test(run[0]) && isPastForm(run[0].toLowerCase()) && isTitleWord(runAfterStop));
    if (!fragment) {
      offer(run);
    }
  }
}

/**
 * A stop word that can start a title (`New`, `Next`, `Self`): no function word (`The`, `For`, `Several`) nor verb
 * (`Using`, `See`, `Run`, `Take`: a verb's `-ed` or `-ing` form is English, irregular verbs included).
 */
function isTitleWord(lower: string): boolean {
  let held = titleWords.get(lower);
  if (held === undefined) {
    const forms = [`${lower}ed`, `${lower}ing`, `${lower}${lower.slice(-1)}ing`, `${lower.replace(/e$/, '')}ing`];
    held =
      !isFunctionWord(lower) && !lower.endsWith('ing') && !isMostlyVerb(lower) && forms.every((form) => (zipfOf(form) ?? 0) < RARE_ZIPF);
    titleWords.set(lower, held);
  }
  return held;
}

/** isTitleWord's answers: it is asked only of stop words and single capitals, so the map stays small (~2.4k). */
const titleWords = new Map<string, boolean>();
