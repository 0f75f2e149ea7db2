import { fnameKey } from './fname-key';

/**
 * The hierarchy of one vault as Dendron 0.122 builds it (`NoteUtils.addOrUpdateParents`,
 * `DNodeUtils.findClosestParent`, `NoteUtils.createStubs`), checked with `npm run dendron-compare`:
 *
 * - fnames are compared with `fnameKey` (case-insensitively): `udemy.REST_API` is the parent of
 *   `udemy.rest_api.tools`; every note keeps its own spelling.
 * - A note's parent is its closest existing ancestor: `dirName` (drop the last segment) again and again until a
 *   note or a stub has that fname; `root` when none does.
 * - When the parent is not the note's `dirName`, stubs fill the gap: the segments between the ancestor and the note,
 *   after dropping the dots that follow the ancestor. So empty segments right after an existing note make no stub
 *   (`a.b..c` under a note `a.b` is its child, no `a.b.`), while a gap that starts higher keeps them: `x..y` with no
 *   `x` gets stubs `x` and `x.` (that is what Dendron does). A stub is spelt as the ancestor, then the segments of the
 *   first note that needs it.
 * - Notes are taken in Dendron's order, shallow ones first (by number of segments), then by fname, so the first
 *   spelling of a stub is the one Dendron shows (`p.Q.r` and `p.q.s` share the stub `p.Q`).
 * Not replicated: Dendron locates the ancestor inside the note's fname case-sensitively (`indexOf`), so with a note
 * `udemy.REST_API` and a lone `udemy.rest_api.x.y` it names the stubs from a wrong offset (`udemy.REST_API.i`).
 */
export interface Hierarchy {
  /** The stubs the vault needs, spelt as above (`root` when the vault has no root note). */
  stubs: string[];
  /** fnameKey of every note and stub -> its parent's fname (null for root). */
  parentOf: Map<string, string | null>;
}

/** Dendron's `dirName` for the hierarchy: `a.b.c` -> `a.b`, `a.b.` -> `a.b`, `a` and `.a` -> `root`, `root` -> null. */
export function dirName(fname: string): string | null {
  if (fname === 'root') {
    return null;
  }
  const dot = fname.lastIndexOf('.');
  return dot <= 0 ? 'root' : fname.slice(0, dot);
}

const depth = (fname: string) => fname.split('.').length;

/** The hierarchy of the notes (with files) named `fnames`. */
export function buildHierarchy(fnames: Iterable<string>): Hierarchy {
  const notes = [...fnames].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  /** fnameKey -> spelling, of notes and stubs known so far. */
  const known = new Map(notes.map((f) => [fnameKey(f), f]));
  const parentOf = new Map<string, string | null>();
  const stubs: string[] = [];
  if (!known.has('root')) {
    known.set('root', 'root');
    stubs.push('root');
  }
  parentOf.set('root', null);
  for (const fname of notes) {
    if (fnameKey(fname) === 'root') {
      parentOf.set(fnameKey(fname), null);
      continue;
    }
    let ancestor = dirName(fname) as string;
    while (!known.has(fnameKey(ancestor))) {
      ancestor = dirName(ancestor) as string;
    }
    let parent = known.get(fnameKey(ancestor)) as string;
    if (ancestor !== dirName(fname)) {
      const rest = (ancestor === 'root' ? fname : fname.slice(ancestor.length)).replace(/^\.+/, '').split('.');
      let stubPath = ancestor === 'root' ? '' : parent;
      for (const part of rest.slice(0, -1)) {
        stubPath = stubPath === '' ? part : `${stubPath}.${part}`;
        const same = known.get(fnameKey(stubPath));
        if (same !== undefined) {
          // Only when dots were dropped (`a...b.c` under `a`, with a note `a.b`): never a second `a.b`.
          parent = same;
          continue;
        }
        known.set(fnameKey(stubPath), stubPath);
        parentOf.set(fnameKey(stubPath), parent);
        stubs.push(stubPath);
        parent = stubPath;
      }
    }
    parentOf.set(fnameKey(fname), parent);
  }
  return { stubs, parentOf };
}
