import type Database from 'better-sqlite3';
import type { Diagnostic, NoteDoc } from '../vault/note-doc';
import { fnameKey } from '../vault/fname-key';
import { dirName, type Hierarchy } from '../vault/hierarchy';
import { milestoneKey } from '../vault/parse/milestones';
import { ConceptIndexRepository } from './concept-index.repository';

export interface StoredNote {
  id: string;
  vaultId: number;
  fname: string;
  path: string | null;
  size: number | null;
  mtimeMs: number | null;
  hash: string | null;
  stub: number;
  updatedMs: number | null;
}

interface StoredMilestone {
  id: string;
  date: string;
  done: number;
  doneAtMs: number | null;
  rescheduledFrom: string | null;
}

export interface NoteRow {
  id: string;
  vaultId: number;
  fname: string;
  doc: NoteDoc;
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
}

export interface SyncCounts {
  added: number;
  updated: number;
  renamed: number;
  deleted: number;
  unchanged: number;
}

export interface RunRecord extends SyncCounts {
  startedMs: number;
  durationMs: number;
  status: 'ok' | 'failed';
  workspace: string;
  notes: number;
  diagnostics: Diagnostic[];
  error: string | null;
}

/** id, targetKey, targetVault, sourceVaultId, targetId */
type LinkToResolve = [number, string, string | null, number, string | null];

/** A note a link key may resolve to. */
interface LinkCandidate {
  id: string;
  vaultId: number;
  vault: string;
}

/** A `dendron://vault/` link names its vault; otherwise the source's own vault first, then the first vault. */
function pickTarget(candidates: LinkCandidate[], vault: string | null, sourceVaultId: number): string | null {
  const target = vault ? candidates.find((c) => c.vault === vault) : (candidates.find((c) => c.vaultId === sourceVaultId) ?? candidates[0]);
  return target?.id ?? null;
}

/**
 * Link targets within one sync run: a new link gets its target when it is inserted if a note with its key is already
 * written (so a cold import updates only its forward references, once, at the end). A key some link was pointed at
 * whose notes then change (added, deleted, moved) is `dirty`: its new links are resolved again at the end.
 */
export class LinkTargets {
  private readonly candidates = new Map<string, LinkCandidate[]>();
  private readonly used = new Set<string>();
  readonly dirty = new Set<string>();

  constructor(private readonly lookup: (key: string) => LinkCandidate[]) {}

  /** The target as the notes written so far say, or null (left to `resolveLinks`). */
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

/** Links are resolved a page at a time, so a 100k-note vault never holds all its links in memory. */
const RESOLVE_PAGE = 50_000;

/** Every write the sync makes, as prepared statements on the sync's own connection. */
export class SyncRepository {
  private readonly s;
  /** Concept sources and search rows, written with each note; concepts and mentions after the files. */
  readonly concepts: ConceptIndexRepository;

  constructor(readonly db: Database.Database) {
    this.concepts = new ConceptIndexRepository(db);
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      vaultByName: p('SELECT id, root FROM Vault WHERE name = ?'),
      insertVault: p('INSERT INTO Vault (name, root) VALUES (?, ?)'),
      updateVaultRoot: p('UPDATE Vault SET root = ? WHERE id = ? AND root <> ?'),
      vaultsByRootPrefix: p('SELECT name, root FROM Vault WHERE root = ? OR root LIKE ? ORDER BY id'),
      notesOfVault: p('SELECT id, vaultId, fname, path, size, mtimeMs, hash, stub, updatedMs FROM Note WHERE vaultId = ?'),
      noteById: p('SELECT id, vaultId, fname, path, size, mtimeMs, hash, stub, updatedMs FROM Note WHERE id = ?'),
      noteByFname: p('SELECT id, vaultId, fname, path, size, mtimeMs, hash, stub, updatedMs FROM Note WHERE vaultId = ? AND fname = ?'),
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
      insertSection: p(
        'INSERT INTO Section (noteId, ordinal, heading, depth, slug, chapter, startLine, endLine, parentOrdinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteLinks: p('DELETE FROM Link WHERE sourceId = ?'),
      insertLink: p(
        `INSERT INTO Link (sourceId, sourceVaultId, kind, targetFname, targetKey, targetVault, targetId, anchor, alias, url, line, "column", sectionOrdinal)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      milestonesOf: p('SELECT id, date, done, doneAtMs, rescheduledFrom FROM Milestone WHERE noteId = ?'),
      upsertMilestone: p(
        `INSERT INTO Milestone (id, noteId, ordinal, format, target, chapter, label, date, weekday, done, doneAtMs, doneDate, rescheduledFrom, line, checkboxColumn, diagnostics)
         VALUES (@id, @noteId, @ordinal, @format, @target, @chapter, @label, @date, @weekday, @done, @doneAtMs, @doneDate, @rescheduledFrom, @line, @checkboxColumn, @diagnostics)
         ON CONFLICT (id) DO UPDATE SET noteId = excluded.noteId, ordinal = excluded.ordinal, format = excluded.format, target = excluded.target,
           chapter = excluded.chapter, label = excluded.label, date = excluded.date, weekday = excluded.weekday, done = excluded.done,
           doneAtMs = excluded.doneAtMs, doneDate = excluded.doneDate, rescheduledFrom = excluded.rescheduledFrom, line = excluded.line,
           checkboxColumn = excluded.checkboxColumn, diagnostics = excluded.diagnostics`,
      ),
      // A new note's milestones cannot exist yet (their ids start with the note's id).
      insertMilestone: p(
        `INSERT INTO Milestone (id, noteId, ordinal, format, target, chapter, label, date, weekday, done, doneAtMs, doneDate, rescheduledFrom, line, checkboxColumn, diagnostics)
         VALUES (@id, @noteId, @ordinal, @format, @target, @chapter, @label, @date, @weekday, @done, @doneAtMs, @doneDate, @rescheduledFrom, @line, @checkboxColumn, @diagnostics)`,
      ),
      deleteMilestone: p('DELETE FROM Milestone WHERE id = ?'),
      deleteDiagnosticsOfPath: p('DELETE FROM Diagnostic WHERE vaultId = ? AND path = ?'),
      insertDiagnostic: p('INSERT INTO Diagnostic (vaultId, noteId, path, line, code, severity, message) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      vaultIdByRoot: p('SELECT id FROM Vault WHERE root = ?'),
      looseOfVault: p('SELECT path, line, code, severity, message FROM Diagnostic WHERE vaultId = ? AND noteId IS NULL'),
      looseOfWorkspace: p('SELECT path, line, code, severity, message FROM Diagnostic WHERE workspace = ? AND vaultId IS NULL'),
      deleteLooseOfVaultPath: p('DELETE FROM Diagnostic WHERE vaultId = ? AND path = ? AND noteId IS NULL'),
      deleteLooseOfWorkspacePath: p('DELETE FROM Diagnostic WHERE workspace = ? AND path = ? AND vaultId IS NULL'),
      insertLoose: p('INSERT INTO Diagnostic (vaultId, workspace, path, line, code, severity, message) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      maxLinkId: p('SELECT coalesce(max(id), 0) AS id FROM Link'),
      parentsOfVault: p('SELECT id, fname, parentId, parentFname FROM Note WHERE vaultId = ?'),
      setParent: p('UPDATE Note SET parentId = ?, parentFname = ? WHERE id = ?'),
      notesByKey: p('SELECT n.id, n.vaultId, v.name FROM Note n JOIN Vault v ON v.id = n.vaultId WHERE n.fnameKey = ? ORDER BY n.vaultId'),
      unresolvedNewLinks: p(
        `SELECT id, targetKey, targetVault, sourceVaultId, targetId FROM Link
         WHERE id > ? AND targetKey IS NOT NULL AND targetId IS NULL ORDER BY id LIMIT ${RESOLVE_PAGE}`,
      ),
      linksByKey: p('SELECT id, targetKey, targetVault, sourceVaultId, targetId FROM Link WHERE targetKey = ?'),
      // The targetKey index holds the rowid, so this reads only the older links of the key.
      oldLinksByKey: p('SELECT id, targetKey, targetVault, sourceVaultId, targetId FROM Link WHERE targetKey = ? AND id <= ?'),
      setTarget: p('UPDATE Link SET targetId = ? WHERE id = ?'),
      countNotes: p('SELECT count(*) AS n FROM Note WHERE stub = 0'),
      anyNote: p('SELECT 1 FROM Note LIMIT 1'),
      insertRun: p(
        `INSERT INTO SyncRun (startedMs, durationMs, status, workspace, added, updated, renamed, deleted, unchanged, notes, diagnostics, error)
         VALUES (@startedMs, @durationMs, @status, @workspace, @added, @updated, @renamed, @deleted, @unchanged, @notes, @diagnostics, @error)`,
      ),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
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

  notesOfVault(vaultId: number): StoredNote[] {
    return this.s.notesOfVault.all(vaultId) as StoredNote[];
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

  touchNote(id: string, mtimeMs: number): void {
    this.s.touchNote.run(mtimeMs, id);
  }

  /** Insert or update the note row, then replace its sections, links, concept sources and search rows and merge its milestones. */
  linkTargets(): LinkTargets {
    return new LinkTargets((key) => this.candidatesOf(key));
  }

  private candidatesOf(key: string): LinkCandidate[] {
    return (this.s.notesByKey.raw().all(key) as [string, number, string][]).map(([id, vaultId, vault]) => ({ id, vaultId, vault }));
  }

  writeNote(row: NoteRow, existing: StoredNote | undefined, nowMs: number, targets: LinkTargets): void {
    const exists = existing !== undefined;
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
    if (exists) {
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
      this.s.insertSection.run(row.id, i, s.heading, s.depth, s.slug, s.chapter, s.startLine, s.endLine, s.parent);
    });
    for (const l of doc.links) {
      const key = l.targetFname === null ? null : fnameKey(l.targetFname);
      this.s.insertLink.run(
        row.id,
        row.vaultId,
        l.kind,
        l.targetFname,
        key,
        l.targetVault,
        key === null ? null : targets.target(key, l.targetVault, row.vaultId),
        l.anchor,
        l.alias,
        l.url,
        l.line,
        l.column,
        l.section,
      );
    }
    // "Done at": the note's `updated` when this change moved it, else now (the first sync that saw the tick).
    const updatedChanged = doc.updated !== null && doc.updated !== existing?.updatedMs;
    this.mergeMilestones(row.id, doc, updatedChanged ? (doc.updated as number) : nowMs, exists);
    this.concepts.writeNote(row.id, doc, exists && existing.stub === 0);
  }

  /** Milestones keep their identity, done time and reschedule history across syncs. */
  private mergeMilestones(noteId: string, doc: NoteDoc, doneAtMs: number, existed: boolean): void {
    // A new note has no milestones yet (nothing to read, and most notes have none to write).
    if (!existed && doc.milestones.length === 0) {
      return;
    }
    const old = new Map(existed ? (this.s.milestonesOf.all(noteId) as StoredMilestone[]).map((m) => [m.id, m]) : []);
    const seen = new Set<string>();
    doc.milestones.forEach((m, ordinal) => {
      let id = milestoneKey(noteId, m);
      for (let n = 2; seen.has(id); n++) {
        id = `${milestoneKey(noteId, m)}#${n}`;
      }
      seen.add(id);
      const prev = old.get(id);
      (existed ? this.s.upsertMilestone : this.s.insertMilestone).run({
        id,
        noteId,
        ordinal,
        format: m.format,
        target: m.target,
        chapter: m.chapter,
        label: m.label,
        date: m.date,
        weekday: m.weekday,
        done: m.done ? 1 : 0,
        doneAtMs: m.done ? (prev?.done ? prev.doneAtMs : doneAtMs) : null,
        doneDate: m.doneDate,
        rescheduledFrom: prev && prev.date !== m.date ? prev.date : (prev?.rescheduledFrom ?? null),
        line: m.line,
        checkboxColumn: m.checkboxColumn,
        diagnostics: JSON.stringify(m.diagnostics),
      });
    });
    for (const id of old.keys()) {
      if (!seen.has(id)) {
        this.s.deleteMilestone.run(id);
      }
    }
  }

  insertStub(vaultId: number, vaultName: string, fname: string, title: string, targets: LinkTargets): void {
    this.s.insertStub.run(`stub:${vaultName}:${fname}`, vaultId, fname, fnameKey(fname), dirName(fname), title);
    targets.changed(fnameKey(fname));
  }

  deleteNote(note: { id: string; fname: string }, targets: LinkTargets): void {
    this.concepts.noteDeleting(note.id);
    this.s.deleteNote.run(note.id);
    targets.changed(fnameKey(note.fname));
  }

  replaceDiagnostics(vaultId: number, path: string, noteId: string | null, diagnostics: Diagnostic[]): void {
    this.s.deleteDiagnosticsOfPath.run(vaultId, path);
    for (const d of diagnostics) {
      this.s.insertDiagnostic.run(vaultId, noteId, d.file, d.line, d.code, d.severity, d.message);
    }
  }

  vaultIdByRoot(root: string): number | undefined {
    return (this.s.vaultIdByRoot.get(root) as { id: number } | undefined)?.id;
  }

  /**
   * Make the stored rows of files that are no note — in a vault (`vaultId`) or a workspace folder (`workspace`) — and
   * whose path `owns` accepts equal `found`; writes nothing when they already are (a no-op sync stays one row).
   */
  replaceLooseDiagnostics(scope: { vaultId: number } | { workspace: string }, owns: (path: string) => boolean, found: Diagnostic[]): void {
    const inVault = 'vaultId' in scope;
    const key = inVault ? scope.vaultId : scope.workspace;
    const stored = (
      (inVault ? this.s.looseOfVault : this.s.looseOfWorkspace).all(key) as (Omit<Diagnostic, 'file'> & { path: string })[]
    ).filter((d) => owns(d.path));
    const signature = (rows: { path: string; line: number | null; code: string; severity: string; message: string }[]) =>
      rows
        .map((d) => JSON.stringify([d.path, d.line, d.code, d.severity, d.message]))
        .sort()
        .join('\n');
    if (signature(stored) === signature(found.map((d) => ({ ...d, path: d.file })))) {
      return;
    }
    for (const path of new Set([...stored.map((d) => d.path), ...found.map((d) => d.file)])) {
      (inVault ? this.s.deleteLooseOfVaultPath : this.s.deleteLooseOfWorkspacePath).run(key, path);
    }
    for (const d of found) {
      this.s.insertLoose.run(inVault ? key : null, inVault ? null : key, d.file, d.line, d.code, d.severity, d.message);
    }
  }

  maxLinkId(): number {
    return (this.s.maxLinkId.get() as { id: number }).id;
  }

  /** Point every note of the vault at its parent in `hierarchy` (matched by fnameKey); writes only what changed. */
  reparent(vaultId: number, hierarchy: Hierarchy): void {
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

  /**
   * At the end of a sync: resolve the links added since `afterLinkId` that got no target when inserted (forward
   * references), the new links of `targets.dirty`, and every older link whose target key is among `keys`.
   */
  resolveLinks(afterLinkId: number, keys: Iterable<string>, targets: LinkTargets): void {
    // In JS rather than one correlated UPDATE: a cached lookup per target key and a write only where the target
    // changes. New links are read by id (the primary key), links to keys that moved through the targetKey index.
    const notesByKey = new Map<string, LinkCandidate[]>();
    const resolve = (links: LinkToResolve[]) => {
      for (const [id, key, vault, sourceVaultId, current] of links) {
        let candidates = notesByKey.get(key);
        if (!candidates) {
          candidates = this.candidatesOf(key);
          notesByKey.set(key, candidates);
        }
        const targetId = pickTarget(candidates, vault, sourceVaultId);
        if (targetId !== current) {
          this.s.setTarget.run(targetId, id);
        }
      }
    };
    for (let cursor = afterLinkId; ; ) {
      const page = this.s.unresolvedNewLinks.raw().all(cursor) as LinkToResolve[];
      resolve(page);
      if (page.length < RESOLVE_PAGE) {
        break;
      }
      cursor = page[page.length - 1][0];
    }
    for (const key of targets.dirty) {
      resolve((this.s.linksByKey.raw().all(key) as LinkToResolve[]).filter(([id]) => id > afterLinkId));
    }
    for (const key of keys) {
      resolve(this.s.oldLinksByKey.raw().all(key, afterLinkId) as LinkToResolve[]);
    }
  }

  /** Whether the database holds no note at all (a cold import). */
  isEmpty(): boolean {
    return this.s.anyNote.get() === undefined;
  }

  /**
   * Drop the secondary indexes of `tables` and return what builds them again. Inside the sync's transaction, so a
   * failed or killed run leaves them as they were. For a cold import: building an index from a loaded table is one
   * sort, where keeping it while the rows go in is a random B-tree insert per row and index.
   */
  deferIndexes(tables: string[]): () => void {
    const indexes = this.db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(tables)) as { name: string; sql: string }[];
    for (const index of indexes) {
      this.db.exec(`DROP INDEX "${index.name}"`);
    }
    let restored = false;
    return () => {
      if (!restored) {
        restored = true;
        for (const index of indexes) {
          this.db.exec(index.sql);
        }
      }
    };
  }

  countNotes(): number {
    return (this.s.countNotes.get() as { n: number }).n;
  }

  recordRun(run: RunRecord): number {
    return Number(this.s.insertRun.run({ ...run, diagnostics: JSON.stringify(run.diagnostics) }).lastInsertRowid);
  }
}
