import { buildHierarchy, dirName } from '../../src/vault/hierarchy';

/** Outcomes recorded from Dendron 0.122's engine (`npm run dendron-compare -- test/fixtures/dendron-cases/hierarchy`). */
describe('buildHierarchy', () => {
  const parents = (fnames: string[]) => {
    const h = buildHierarchy(fnames);
    return { stubs: [...h.stubs].sort(), parentOf: Object.fromEntries(h.parentOf) };
  };

  it('compares fnames case-insensitively and keeps each spelling', () => {
    const { stubs, parentOf } = parents(['root', 'udemy.REST_API', 'udemy.rest_api.03_case_study', 'udemy.rest_api.04_tools']);
    expect(stubs).toEqual(['udemy']);
    expect(parentOf['udemy.rest_api.03_case_study']).toBe('udemy.REST_API');
    expect(parentOf['udemy.rest_api.04_tools']).toBe('udemy.REST_API');
    expect(parentOf['udemy.rest_api']).toBe('udemy');
  });

  it('spells a stub as the first note that needs it, shallow notes and then fnames in order', () => {
    const { stubs, parentOf } = parents(['root', 'p.q.s', 'p.Q.r']);
    expect(stubs).toEqual(['p', 'p.Q']);
    expect(parentOf['p.q.s']).toBe('p.Q');
  });

  it('makes no stub for empty segments right after an existing note', () => {
    const { stubs, parentOf } = parents(['root', 'a.b', 'a.b..c', 'a.b...d']);
    expect(stubs).toEqual(['a']);
    expect(parentOf['a.b..c']).toBe('a.b');
    expect(parentOf['a.b...d']).toBe('a.b');
  });

  it('keeps empty segments inside a gap that starts higher, as Dendron does', () => {
    const { stubs, parentOf } = parents(['root', 'x..y', 'z.']);
    expect(stubs).toEqual(['x', 'x.', 'z']);
    expect(parentOf['x..y']).toBe('x.');
    expect(parentOf['x.']).toBe('x');
    expect(parentOf['z.']).toBe('z');
  });

  it('never makes a second note of an fname that exists when dots are dropped', () => {
    const { stubs, parentOf } = parents(['root', 'a', 'a.B', 'a...b.c']);
    expect(stubs).toEqual([]);
    expect(parentOf['a...b.c']).toBe('a.B');
  });

  it('adds a root stub when the vault has no root note', () => {
    expect(parents(['a']).stubs).toEqual(['root']);
    expect(parents(['a']).parentOf).toEqual({ root: null, a: 'root' });
  });

  it('dirName drops the last segment; top-level fnames belong to root', () => {
    expect(dirName('a.b.c')).toBe('a.b');
    expect(dirName('a.b.')).toBe('a.b');
    expect(dirName('a')).toBe('root');
    expect(dirName('.a')).toBe('root');
    expect(dirName('root')).toBeNull();
  });
});
