import { isConceptName, phrasesIn } from '../../src/vault/parse/candidate-phrases';
import { isMostlyVerb, isTimeZoneAbbreviation, lemmaZipfOf, zipfOf } from '../../src/vault/parse/english';
import { isSalient } from '../../src/vault/parse/salience';

describe('english', () => {
  it('judges a plural by its noun', () => {
    expect(lemmaZipfOf('errors')).toBe(zipfOf('error'));
    expect(lemmaZipfOf('proxies')).toBe(zipfOf('proxy'));
    expect(lemmaZipfOf('istiod')).toBeNull();
    // a singular is never a stop word: `themes` is no plural of `them`
    expect(lemmaZipfOf('themes')).toBe(zipfOf('theme'));
  });

  it('tells words English uses mostly as verbs from nouns', () => {
    expect(['rename', 'initialize', 'edit', 'remove', 'initializes'].filter((w) => !isMostlyVerb(w))).toEqual([]);
    expect(['sidecar', 'gateway', 'seed', 'export', 'view', 'vault', 'istio'].filter(isMostlyVerb)).toEqual([]);
  });

  it('knows time-zone abbreviations from Intl, not acronyms', () => {
    expect(['UTC', 'PST', 'PDT', 'EST'].filter((w) => !isTimeZoneAbbreviation(w))).toEqual([]);
    expect(['CSR', 'CNI', 'xDS', 'pst'].filter(isTimeZoneAbbreviation)).toEqual([]);
  });
});

describe('isSalient', () => {
  const SMALL = 2;
  const LARGE = 1000;

  it('never keeps a person, whom a user tag names', () => {
    expect(isSalient('Kevin', { defined: 1, 'link-label': 1, phrase: 17 }, LARGE)).toBe(true);
    expect(isSalient('Kevin', { defined: 1, 'link-label': 1, phrase: 17, user: 2 }, LARGE)).toBe(false);
    // a stray `@istio` among many marks leaves the mesh a concept
    expect(isSalient('Istio', { 'link-label': 3, emphasis: 2, phrase: 40, user: 1 }, LARGE)).toBe(true);
  });

  it('never keeps a name only note titles give', () => {
    expect(isSalient('Kubernetes', { title: 3 }, SMALL)).toBe(false);
    expect(isSalient('Kubernetes', { title: 3, phrase: 1 }, SMALL)).toBe(true);
  });

  it('keeps an unmarked English word in a few notes, not across many', () => {
    expect(isSalient('syntax', { phrase: 2 }, SMALL)).toBe(true);
    expect(isSalient('syntax', { phrase: 19 }, SMALL)).toBe(false);
    // a note named after it, a link, a definition or emphasis vouches for it
    expect(isSalient('syntax', { phrase: 3, emphasis: 1 }, SMALL)).toBe(true);
    // an everyday word marked in fewer than one of four of its notes: a stray mark
    expect(isSalient('user', { phrase: 14, title: 1 }, LARGE)).toBe(false);
    expect(isSalient('preview', { phrase: 40, title: 8, emphasis: 2 }, LARGE)).toBe(true);
  });

  it('keeps an unmarked English word only in a small vault', () => {
    expect(isSalient('navigate', { phrase: 3 }, SMALL)).toBe(true);
    expect(isSalient('navigate', { phrase: 3 }, LARGE)).toBe(false);
    expect(isSalient('navigation', { phrase: 2, title: 6 }, LARGE)).toBe(true);
    // names unknown to English and phrases of several words are the parser's to judge
    expect(isSalient('istiod', { phrase: 1 }, LARGE)).toBe(true);
    expect(isSalient('service mesh', { phrase: 1 }, LARGE)).toBe(true);
  });

  it('takes an English word one line of a large vault defines, and nothing else names, for that line label', () => {
    expect(isSalient('pattern', { defined: 1 }, LARGE)).toBe(false);
    expect(isSalient('pattern', { defined: 1 }, SMALL)).toBe(true);
    expect(isSalient('journal', { defined: 1, title: 8 }, LARGE)).toBe(true);
    expect(isSalient('sidecar', { defined: 1 }, LARGE)).toBe(true);
  });

  it('takes a phrase of everyday words, mostly a heading of many notes and marked nowhere, for a template section', () => {
    expect(isSalient('Event Reminders', { phrase: 38, heading: 38 }, LARGE)).toBe(false);
    expect(isSalient('Event Reminders', { phrase: 38, heading: 38 }, SMALL)).toBe(true);
    expect(isSalient('Event Reminders', { phrase: 38, heading: 38, emphasis: 1 }, LARGE)).toBe(true);
    expect(isSalient('traffic management', { phrase: 9, heading: 3 }, LARGE)).toBe(true); // a heading of a few notes
    expect(isSalient('traffic management', { phrase: 20, heading: 6 }, LARGE)).toBe(true); // mostly in the text
    expect(isSalient('Discord roles', { phrase: 40, heading: 40 }, LARGE)).toBe(true); // `discord` is rarer
  });

  it('takes a word defined in many notes, and mostly so, for a line label', () => {
    expect(isSalient('default', { defined: 85, phrase: 27 }, SMALL)).toBe(false);
    expect(isSalient('sidecar', { defined: 5, phrase: 11 }, SMALL)).toBe(true);
  });
});

describe('isConceptName', () => {
  it('takes no handle nor scoped package for a name', () => {
    expect(isConceptName('@dendronhq', 'marked')).toBe(false);
    expect(isConceptName('Dendron on Twitter @dendronhq', 'marked')).toBe(false);
    expect(isConceptName('Dendron (@dendronhq)', 'marked')).toBe(false);
    expect(isConceptName('kevin@example.com', 'marked')).toBe(true);
    expect(isConceptName('dendronhq', 'marked')).toBe(true);
  });

  it('refuses versions and compounds of everyday words, keeps compounds with a name in them', () => {
    expect(['V2', 'v1.3', 'self-contained', 'built-in', 'open-source'].filter((n) => isConceptName(n, 'phrase'))).toEqual([]);
    expect(['multi-vault', 'emissary-ingress', 'init-container'].filter((n) => !isConceptName(n, 'phrase'))).toEqual([]);
  });

  it('refuses shouting and instructions', () => {
    expect(['DEPRECATED', 'Create a note', 'Open the file'].filter((n) => isConceptName(n, 'marked'))).toEqual([]);
    expect(['SPIFFE', 'REGISTRY_ONLY', 'Bank of America'].filter((n) => !isConceptName(n, 'marked'))).toEqual([]);
  });

  it('refuses time zones, template variables and generic words alone', () => {
    expect(['UTC', 'PST', '{{fm.title}}', 'UI', 'url'].filter((n) => isConceptName(n, 'marked'))).toEqual([]);
  });
});

describe('phrasesIn', () => {
  it('drops the part of a capitalised name cut at a capitalised stop word inside a sentence', () => {
    expect(phrasesIn('Visit the New User Tuesdays session')).toEqual([]);
    // at a sentence's start, a capitalised stop word is capitalised by position
    expect(phrasesIn('The Istio Operator. We use the Istio Operator')).toEqual(['Istio Operator', 'Istio', 'Istio Operator', 'Istio']);
    // unless it is no function word nor verb, and leads a title-case run: the title's first word
    expect(phrasesIn('New User Tuesdays: visit the session')).toEqual([]);
    expect(phrasesIn('Using Istio Gateways')).toEqual(['Istio Gateways', 'Istio']);
  });

  it('takes no verb for a title word, irregular ones included', () => {
    expect(phrasesIn('See Envoy Proxy')).toEqual(['Envoy Proxy', 'Envoy']);
    expect(phrasesIn('Take Istio Ambient Mesh for a spin')).toContain('Istio Ambient Mesh');
  });

  it('drops the tail of a compound adjective written without its hyphen', () => {
    expect(phrasesIn('self contained vaults')).toEqual([]);
    expect(phrasesIn('self HOSTED runners')).toEqual([]);
    expect(phrasesIn('a self-contained vault')).toEqual(['self-contained vault']);
    expect(phrasesIn('it is distributed tracing')).toEqual(['distributed tracing']); // `is` is grammar, no compound
    expect(phrasesIn('several managed clusters')).toEqual(['managed clusters']); // a quantifier, no compound
  });

  it('takes no lone lower-case word of a path, but a phrase after a slash and capitalised alternatives', () => {
    expect(phrasesIn('Issue #1273 · dendronhq/dendron')).toEqual([]);
    expect(phrasesIn('see ~/.config/nvim for it')).toEqual([]);
    expect(phrasesIn('contour and in/egress gateway')).toEqual(['contour', 'egress gateway', 'egress']);
    expect(phrasesIn('Researcher/Technologist')).toEqual(['Researcher', 'Technologist']);
    expect(phrasesIn('TCP/UDP')).toEqual(['TCP', 'UDP']);
    // lower-case alternatives read as a path: the vault names them elsewhere (the seed's `in/egress to/from mesh`)
    expect(phrasesIn('yaml/json')).toEqual([]);
    expect(phrasesIn('the sidecar / envoy split')).toContain('sidecar');
  });

  it('takes a name before an everyday noun as the name alone', () => {
    expect(phrasesIn('the Dendron notes')).toEqual(['Dendron']);
    expect(phrasesIn('opens Markdown files')).toEqual(['Markdown']);
    // a rarer head makes a name of its own
    expect(phrasesIn('the Istio gateway')).toEqual(['Istio gateway', 'Istio']);
    expect(phrasesIn('the Dendron workspace')).toEqual(['Dendron workspace', 'Dendron']);
    // capitals do not tell (`a Dendron Note`): a product named so is a concept where the vault marks it
    expect(phrasesIn('with the Todo Tree')).toEqual(['Todo']);
    expect(isConceptName('Todo Tree', 'marked')).toBe(true);
  });
});
