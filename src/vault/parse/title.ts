const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'en',
  'for',
  'if',
  'in',
  'nor',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'vs',
  'via',
]);

/**
 * Dendron's rule for a note without a `title`: the last fname segment; when it is all lower case,
 * `-` becomes a space and the words are title-cased (small words stay lower case inside the title).
 */
export function titleFromFname(fname: string): string {
  const last = fname.split('.').pop() ?? fname;
  if (last.toLowerCase() !== last) {
    return last;
  }
  const words = last.replace(/-/g, ' ').split(' ');
  return words
    .map((word, i) => (i > 0 && i < words.length - 1 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}
