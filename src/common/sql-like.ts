/** The escape character of every LIKE pattern built here: write `LIKE ? ESCAPE '\'`. */
export const LIKE_ESCAPE = '\\';

/** `text` as a LIKE pattern that matches it literally (`%` and `_` are not wildcards), as a prefix or a substring. */
export function likePattern(text: string, match: 'prefix' | 'contains'): string {
  const literal = text.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`);
  return match === 'prefix' ? `${literal}%` : `%${literal}%`;
}
