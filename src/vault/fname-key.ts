/**
 * Dendron compares fnames case-insensitively everywhere (links, the hierarchy, lookups by name): `udemy.REST_API`
 * is the parent of `udemy.rest_api.tools`, and `[[LFS144]]` finds `lfs144`. This is the one key all of those
 * comparisons use; each note keeps its own spelling for display.
 */
export function fnameKey(fname: string): string {
  return fname.toLowerCase();
}
