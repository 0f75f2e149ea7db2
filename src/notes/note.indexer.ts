import type Database from 'better-sqlite3';
import { LINK, NEW_LINK, NEW_SECTION, STORED_NOTE, type LinkRow, type StoredNoteRow } from '../db/tables';
import type { ChangeSet } from '../sync/change-set';
import { fnameKey } from '../vault/fname-key';
import { buildHierarchy, dirName } from '../vault/hierarchy';
import type { NoteDoc } from '../vault/note-doc';
import { titleFromFname } from '../vault/parse/title';
import { LinkTargets, pickTarget, type LinkCandidate } from './link-targets';

export type StoredNote = StoredNoteRow;

/** A parsed file to store as a note. */
export interface NoteFileRow {
  id: string;
  vaultId: number;
  fname: string;
  doc: NoteDoc;
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
}

/** What link resolution reads of a link. */
const TO_RESOLVE = LINK.select(['id', 'targetKey', 'targetVault', 'sourceVaultId', 'targetId']);
type LinkToResolve = Pick<LinkRow, 'id' | 'targetKey' | 'targetVault' | 'sourceVaultId' | 'targetId'>;

/** Links are resolved a page at a time, so a 100k-note vault never holds all its links in memory. */
const RESOLVE_PAGE = 50_000;

/**
 * The notes feature's part of a sync: vaults, note rows, sections, links (and their targets), stubs and parents (the
 * Dendron hierarchy), and the files skipped as no note. Statements on the sync's connection; the orchestrator says
 * what changed, and this records which fnames appeared or went in the ChangeSet.
 */
export class NoteIndexer {
  private readonly s;

  constructor(readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    const stored = `SELECT ${STORED_NOTE.list()} FROM Note`;
    this.s = {
      vaultByName: p('SELECT id, root FROM Vault WHERE name = ?'),
      insertVault: p('INSERT INTO Vault (name, root) VALUES (?, ?)'),
      updateVaultRoot: p('UPDATE Vault SET root = ? WHERE id = ? AND root <> ?'),
      vaultsByRootPrefix: p('SELECT name, root FROM Vault WHERE root = ? OR root LIKE ? ORDER BY id'),
      vaultIdByRoot: p('SELECT id FROM Vault WHERE root = ?'),
      notesOfVault: p(`${stored} WHERE vaultId = ?`),
      noteById: p(`${stored} WHERE id = ?`),
      noteByFname: p(`${stored} WHERE vaultId = ? AND fname = ?`),
      noteByPath: p(`${stored} WHERE vaultId = ? AND path = ?`),
      skippedOfVault: p('SELECT path, size, mtimeMs FROM SkippedFile WHERE vaultId = ?'),
      upsertSkipped: p(
        'INSERT INTO SkippedFile (vaultId, path, size, mtimeMs) VALUES (?, ?, ?, ?) ON CONFLICT (vaultId, path) DO UPDATE SET size = excluded.size, mtimeMs = excluded.mtimeMs',
      ),
      deleteSkipped: p('DELETE FROM SkippedFile WHERE vaultId = ? AND path = ?'),
      touchNote: p('UPDATE Note SET mtimeMs = ? WHERE id = ?'),
      insertNote: p(
        `INSERT INTO Note (id, vaultId, fname, fnameKey, parentFname, title, desc, createdMs, updatedMs, stub, tags, custom, body, bodyLine, path, size, mtimeMs, hash)
         VALUES (@id, @vaultId, @fname, @fnameKey, @parentFname, @title, @desc, @createdMs, @updatedMs, 0, @tags, @custom, @body, @bodyLine, @path, @size, @mtimeMs, @hash)`,
      ),
      // parentFname is left to reparent, which runs whenever the set of fnames moved (an edit keeps the fname).
      updateNote: p(
        `UPDATE Note SET vaultId = @vaultId, fname = @fname, fnameKey = @fnameKey, title = @title, desc = @desc,
         createdMs = @createdMs, updatedMs = @updatedMs, stub = 0, tags = @tags, custom = @custom, body = @body, bodyLine = @bodyLine, path = @path, size = @size,
         mtimeMs = @mtimeMs, hash = @hash WHERE id = @id`,
      ),
      insertStub: p(`INSERT INTO Note (id, vaultId, fname, fnameKey, parentFname, title, stub) VALUES (?, ?, ?, ?, ?, ?, 1)`),
      deleteNote: p('DELETE FROM Note WHERE id = ?'),
      deleteSections: p('DELETE FROM Section WHERE noteId = ?'),
      // One row a statement, as the FTS5 inserts around them need (see RowInserter).
      insertSection: p(NEW_SECTION.insert()),
      deleteLinks: p('DELETE FROM Link WHERE sourceId = ?'),
      insertLink: p(NEW_LINK.insert()),
      maxLinkId: p('SELECT coalesce(max(id), 0) AS id FROM Link'),
      parentsOfVault: p('SELECT id, fname, parentId, parentFname FROM Note WHERE vaultId = ?'),
      setParent: p('UPDATE Note SET parentId = ?, parentFname = ? WHERE id = ?'),
      notesByKey: p(
        'SELECT n.id, n.vaultId, v.name AS vault FROM Note n JOIN Vault v ON v.id = n.vaultId WHERE n.fnameKey = ? ORDER BY n.vaultId',
      ),
      unresolvedNewLinks: p(
        `SELECT ${TO_RESOLVE.list()} FROM Link
         WHERE id > ? AND targetKey IS NOT NULL AND targetId IS NULL ORDER BY id LIMIT ${RESOLVE_PAGE}`,
      ),
      linksByKey: p(`SELECT ${TO_RESOLVE.list()} FROM Link WHERE targetKey = ?`),
      // The targetKey index holds the rowid, so this reads only the older links of the key.
      oldLinksByKey: p(`SELECT ${TO_RESOLVE.list()} FROM Link WHERE targetKey = ? AND id <= ?`),
      setTarget: p('UPDATE Link SET targetId = ? WHERE id = ?'),
      countNotes: p('SELECT count(*) AS n FROM Note WHERE stub = 0'),
      anyNote: p('SELECT 1 FROM Note LIMIT 1'),
    };
  }

  ensureVault(name: string, root: string): { id: number; created: boolean } {
    const row = this.s.vaultByName.get(name) as { id: number; root: string } | undefined;
    if (row) {
      this.s.updateVaultRoot.run(root, row.id, root);
      return { id: row.id, created: false };
    }
    return { id: Number(this.s.insertVault.run(name, root).lastInsertRowid), created: true };
  }

  /** Vaults recorded under a workspace folder, used when its dendron.yml cannot be read. */
  knownVaults(workspaceDir: string): { name: string; root: string }[] {
    return this.s.vaultsByRootPrefix.all(workspaceDir, `${workspaceDir}/%`) as { name: string; root: string }[];
  }

  vaultIdByRoot(root: string): number | undefined {
    return (this.s.vaultIdByRoot.get(root) as { id: number } | undefined)?.id;
  }

  notesOfVault(vaultId: number): StoredNote[] {
    return this.s.notesOfVault.all(vaultId) as StoredNote[];
  }

  /** The vault's notes held by these files (relative paths). */
  notesAtPaths(vaultId: number, paths: Iterable<string>): StoredNote[] {
    const out: StoredNote[] = [];
    for (const p of paths) {
      const row = this.s.noteByPath.get(vaultId, p) as StoredNote | undefined;
      if (row) {
        out.push(row);
      }
    }
    return out;
  }

  noteById(id: string): StoredNote | undefined {
    return this.s.noteById.get(id) as StoredNote | undefined;
  }

  noteByFname(vaultId: number, fname: string): StoredNote | undefined {
    return this.s.noteByFname.get(vaultId, fname) as StoredNote | undefined;
  }

  skippedOfVault(vaultId: number): Map<string, { size: number; mtimeMs: number }> {
    const rows = this.s.skippedOfVault.all(vaultId) as { path: string; size: number; mtimeMs: number }[];
    return new Map(rows.map((r) => [r.path, r]));
  }

  markSkipped(vaultId: number, path: string, size: number, mtimeMs: number): void {
    this.s.upsertSkipped.run(vaultId, path, size, mtimeMs);
  }

  unmarkSkipped(vaultId: number, path: string): void {
    this.s.deleteSkipped.run(vaultId, path);
  }

  /** Same bytes, new mtime: remember it so the next sync does not read the file again. */
  touchNote(id: string, mtimeMs: number): void {
    this.s.touchNote.run(mtimeMs, id);
  }

  /** Link targets for one run (see LinkTargets). */
  linkTargets(): LinkTargets {
    return new LinkTargets((key) => this.candidatesOf(key));
  }

  private candidatesOf(key: string): LinkCandidate[] {
    return this.s.notesByKey.all(key) as LinkCandidate[];
  }

  /** Insert or update the note row, then replace its sections and links. */
  writeNote(row: NoteFileRow, existing: StoredNote | undefined, targets: LinkTargets): void {
    const { doc } = row;
    const params = {
      id: row.id,
      vaultId: row.vaultId,
      fname: row.fname,
      fnameKey: fnameKey(row.fname),
      parentFname: dirName(row.fname),
      title: doc.title,
      desc: doc.desc,
      createdMs: doc.created,
      updatedMs: doc.updated,
      tags: JSON.stringify(doc.tags),
      custom: JSON.stringify(doc.custom),
      body: doc.body,
      bodyLine: doc.bodyLine,
      path: row.path,
      size: row.size,
      mtimeMs: row.mtimeMs,
      hash: row.hash,
    };
    if (existing) {
      this.s.updateNote.run(params);
      this.s.deleteSections.run(row.id);
      this.s.deleteLinks.run(row.id);
    } else {
      this.s.insertNote.run(params);
    }
    // Before the links, which may point at the note itself.
    if (!existing || existing.stub === 1 || existing.vaultId !== row.vaultId || existing.fname !== row.fname) {
      targets.changed(params.fnameKey);
      if (existing) {
        targets.changed(fnameKey(existing.fname));
      }
    }
    doc.sections.forEach((s, i) => {
      this.s.insertSection.run(
        NEW_SECTION.toArray({
          noteId: row.id,
          ordinal: i,
          heading: s.heading,
          depth: s.depth,
          slug: s.slug,
          chapter: s.chapter,
          startLine: s.startLine,
          endLine: s.endLine,
          parentOrdinal: s.parent,
        }),
      );
    });
    for (const l of doc.links) {
      const key = l.targetFname === null ? null : fnameKey(l.targetFname);
      const link: Omit<LinkRow, 'id'> = {
        sourceId: row.id,
        sourceVaultId: row.vaultId,
        kind: l.kind,
        targetFname: l.targetFname,
        targetKey: key,
        targetVault: l.targetVault,
        targetId: key === null ? null : targets.target(key, l.targetVault, row.vaultId),
        anchor: l.anchor,
        alias: l.alias,
        url: l.url,
        line: l.line,
        column: l.column,
        sectionOrdinal: l.section,
      };
      this.s.insertLink.run(NEW_LINK.toArray(link));
    }
  }

  /** Delete the note row (its sections, links and every feature's rows of it go with it: foreign keys). */
  deleteNote(note: { id: string; fname: string }, targets: LinkTargets): void {
    this.s.deleteNote.run(note.id);
    targets.changed(fnameKey(note.fname));
  }

  /**
   * Stubs and parents as Dendron builds them (src/vault/hierarchy.ts): stubs nobody needs any more go, missing ones
   * are made, and every note points at its parent.
   */
  syncHierarchy(vaultId: number, vaultName: string, changes: ChangeSet, targets: LinkTargets): void {
    const notes = this.notesOfVault(vaultId);
    const hierarchy = buildHierarchy(notes.filter((n) => n.stub === 0).map((n) => n.fname));
    const needed = new Map(hierarchy.stubs.map((fname) => [fnameKey(fname), fname]));
    for (const note of notes) {
      // A stub stays while it is needed with the same spelling.
      if (note.stub === 1 && needed.get(fnameKey(note.fname)) === note.fname) {
        needed.delete(fnameKey(note.fname));
      } else if (note.stub === 1) {
        this.deleteNote(note, targets);
        changes.fnameKeys.add(fnameKey(note.fname));
      }
    }
    for (const fname of needed.values()) {
      const title = fname === 'root' ? 'Root' : titleFromFname(fname);
      this.s.insertStub.run(`stub:${vaultName}:${fname}`, vaultId, fname, fnameKey(fname), dirName(fname), title);
      targets.changed(fnameKey(fname));
      changes.fnameKeys.add(fnameKey(fname));
    }
    const rows = this.s.parentsOfVault.all(vaultId) as { id: string; fname: string; parentId: string | null; parentFname: string | null }[];
    const idByKey = new Map(rows.map((r) => [fnameKey(r.fname), r.id]));
    for (const row of rows) {
      const parentFname = hierarchy.parentOf.get(fnameKey(row.fname)) ?? null;
      const parentId = parentFname === null ? null : (idByKey.get(fnameKey(parentFname)) ?? null);
      if (parentId !== row.parentId || parentFname !== row.parentFname) {
        this.s.setParent.run(parentId, parentFname, row.id);
      }
    }
  }

  maxLinkId(): number {
    return (this.s.maxLinkId.get() as { id: number }).id;
  }

  /**
   * At the end of a sync: resolve the links added since `afterLinkId` that got no target when inserted (forward
   * references), the new links of `targets.dirty`, and every older link whose target key is in `changes.fnameKeys`.
   */
  resolveLinks(afterLinkId: number, changes: ChangeSet, targets: LinkTargets): void {
    // In JS rather than one correlated UPDATE: a cached lookup per target key and a write only where the target
    // changes. New links are read by id (the primary key), links to keys that moved through the targetKey index.
    const notesByKey = new Map<string, LinkCandidate[]>();
    const resolve = (links: LinkToResolve[]) => {
      for (const { id, targetKey, targetVault, sourceVaultId, targetId: current } of links) {
        const key = targetKey as string; // every statement here reads links with a key
        let candidates = notesByKey.get(key);
        if (!candidates) {
          candidates = this.candidatesOf(key);
          notesByKey.set(key, candidates);
        }
        const targetId = pickTarget(candidates, targetVault, sourceVaultId);
        if (targetId !== current) {
          this.s.setTarget.run(targetId, id);
        }
      }
    };
    for (let cursor = afterLinkId; ; ) {
      const page = this.s.unresolvedNewLinks.all(cursor) as LinkToResolve[];
      resolve(page);
      if (page.length < RESOLVE_PAGE) {
        break;
      }
      cursor = page[page.length - 1].id;
    }
    for (const key of targets.dirty) {
      resolve((this.s.linksByKey.all(key) as LinkToResolve[]).filter((l) => l.id > afterLinkId));
    }
    for (const key of changes.fnameKeys) {
      resolve(this.s.oldLinksByKey.all(key, afterLinkId) as LinkToResolve[]);
    }
  }

  /** Whether the database holds no note at all (a cold import). */
  isEmpty(): boolean {
    return this.s.anyNote.get() === undefined;
  }

  countNotes(): number {
    return (this.s.countNotes.get() as { n: number }).n;
  }
}
