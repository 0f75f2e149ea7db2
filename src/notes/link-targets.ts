/** A note a link key may resolve to. */
export interface LinkCandidate {
  id: string;
  vaultId: number;
  vault: string;
}

/** The link rule: a `dendron://vault/` link names its vault; otherwise the source's own vault first, then the first vault. */
export function pickTarget(candidates: LinkCandidate[], vault: string | null, sourceVaultId: number): string | null {
  const target = vault ? candidates.find((c) => c.vault === vault) : (candidates.find((c) => c.vaultId === sourceVaultId) ?? candidates[0]);
  return target?.id ?? null;
}

/**
 * Link targets within one sync run: a new link gets its target when it is inserted if a note with its key is already
 * written (so a cold import updates only its forward references, once, at the end). A key some link was pointed at
 * whose notes then change (added, deleted, moved) is `dirty`: its new links are resolved again at the end. Made by
 * NoteIndexer.linkTargets() for one run and handed back to it explicitly.
 */
export class LinkTargets {
  private readonly candidates = new Map<string, LinkCandidate[]>();
  private readonly used = new Set<string>();
  readonly dirty = new Set<string>();

  constructor(private readonly lookup: (key: string) => LinkCandidate[]) {}

  /** The target as the notes written so far say, or null (left to NoteIndexer.resolveLinks). */
  target(key: string, vault: string | null, sourceVaultId: number): string | null {
    let list = this.candidates.get(key);
    if (!list) {
      list = this.lookup(key);
      this.candidates.set(key, list);
    }
    if (list.length === 0) {
      return null;
    }
    this.used.add(key);
    return pickTarget(list, vault, sourceVaultId);
  }

  /** A note with this key was added, deleted or moved. */
  changed(key: string): void {
    this.candidates.delete(key);
    if (this.used.has(key)) {
      this.dirty.add(key);
    }
  }
}
