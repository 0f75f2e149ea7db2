import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ConceptIndexer } from '../concepts/concept.indexer';
import type { DictionaryChange } from '../concepts/concept-rebuild';
import { deferIndexes, writeTransaction } from '../db/sqlite';
import { DiagnosticIndexer, type SyncCounts } from '../diagnostics/diagnostic.indexer';
import { MilestoneIndexer } from '../milestones/milestone.indexer';
import type { LinkTargets } from '../notes/link-targets';
import { NoteIndexer, type StoredNote } from '../notes/note.indexer';
import { SearchIndexer } from '../search/search.indexer';
import { fnameKey } from '../vault/fname-key';
import type { Diagnostic } from '../vault/note-doc';
import type { TaskConfig } from '../vault/parse/milestones';
import { DICTIONARY_FILE } from '../vault/parse/concept-dictionary';
import { listVaultFiles, readWorkspace, statVaultFiles, type VaultFile, type VaultSpec } from '../vault/read-vault';
import { ChangeSet } from './change-set';
import { readNote } from './note-reader';
import { PARSE_AHEAD_MIN_FILES, ParseAhead } from './parse-ahead';

export interface SyncOptions {
  /** Zone for plan dates without a year. */
  timeZone: string;
  /** Files larger than this are skipped with a diagnostic, never read. */
  maxFileBytes: number;
  /** From this many files to read in a vault on, they are parsed ahead on worker threads (default PARSE_AHEAD_MIN_FILES). */
  parseAheadMinFiles?: number;
  /** Characters of mention text a sync keeps in memory before it spills to a temporary table (default MAX_KEPT_CHARS). */
  keptMentionChars?: number;
}

export interface VaultDiagnostic extends Diagnostic {
  vault: string;
}

/** Called as files are examined, for progress bars: `done` of `total` files, `parsed` of them re-parsed. */
export type SyncProgress = (p: { done: number; total: number; parsed: number }) => void;

export interface SyncReport extends SyncCounts {
  runId: number;
  workspace: string;
  /** Notes with a file (stubs not counted) after the sync. */
  notes: number;
  diagnostics: VaultDiagnostic[];
  durationMs: number;
}

/**
 * Vault -> database, incrementally, in one transaction: the orchestration. A file whose size and mtime match what
 * the database holds is not read; one whose bytes hash the same is not parsed; a changed file is parsed once
 * (parseNote gives every feature what it needs) and each feature's indexer writes its own rows (notes and links,
 * milestones, search, concepts, diagnostics), told what changed through one ChangeSet. Renames keep the note's id
 * (and so its backlinks and history). Links are resolved by fname, so they follow notes as they appear and disappear.
 */
export class VaultSync {
  private readonly notes: NoteIndexer;
  private readonly milestones: MilestoneIndexer;
  private readonly search: SearchIndexer;
  private readonly concepts: ConceptIndexer;
  private readonly diagnostics: DiagnosticIndexer;

  constructor(
    private readonly db: Database.Database,
    private readonly options: SyncOptions,
  ) {
    this.notes = new NoteIndexer(db);
    this.milestones = new MilestoneIndexer(db);
    this.search = new SearchIndexer(db);
    this.concepts = new ConceptIndexer(db, this.search);
    this.diagnostics = new DiagnosticIndexer(db);
  }

  /**
   * Throws VaultNotFoundError (nothing written) when the folder is missing. `paths`: when the caller knows the only
   * files that changed (the watcher), their absolute paths: only those are examined (a note's file that is gone is
   * deleted), and the report counts only them as unchanged. Without it every file of every vault is listed.
   */
  sync(workspaceDir: string, onProgress?: SyncProgress, paths?: string[]): SyncReport {
    const started = Date.now();
    const t0 = performance.now();
    const workspace = readWorkspace(workspaceDir);
    let vaults = workspace.vaults;
    if (!workspace.configOk) {
      const known = this.notes.knownVaults(workspace.dir);
      if (known.length > 0) {
        vaults = known;
      }
    }
    const scopes = paths ? scopesOf(paths, vaults) : null;
    const changes = new ChangeSet(this.concepts.keptTexts(this.options.keptMentionChars));
    const { runId, notes, run } = writeTransaction(this.db, () => {
      const run: Run = {
        startedMs: started,
        taskConfig: workspace.taskConfig,
        unchanged: 0,
        diagnostics: workspace.diagnostics.map((d) => ({ ...d, vault: path.basename(workspace.dir) })),
        changes,
        targets: this.notes.linkTargets(),
        claimed: new Map(),
        present: new Set(),
        scopes: new Map(),
        progress: { done: 0, total: 0, parsed: 0 },
        onProgress: onProgress ?? (() => undefined),
      };
      const firstNewLink = this.notes.maxLinkId() + 1;
      // A cold import loads these tables with their secondary indexes dropped, and builds each index once loaded
      // (before the statements that read through it: link resolution, the concept grouping, mentions).
      const cold = this.notes.isEmpty();
      const later = (tables: string[]) => (cold ? deferIndexes(this.db, tables) : () => undefined);
      const restoreIndexes = later(['Section', 'ConceptSource', 'Milestone']);
      const restoreLinkIndexes = later(['Link']);
      const restoreMentionIndexes = later(['ConceptMention']);
      const plans = vaults.map((vault) => {
        const scope = scopes ? (scopes.get(vault.root) ?? new Set<string>()) : undefined;
        const listing = scope ? statVaultFiles(vault, scope) : listVaultFiles(vault);
        return { vault, ...this.notes.ensureVault(vault.name, vault.root), listing, scope };
      });
      for (const plan of plans) {
        if (scopes) {
          run.scopes.set(plan.id, { root: plan.vault.root, names: plan.scope ?? new Set<string>() });
        }
        for (const f of plan.listing.files) {
          run.present.add(fileKey(plan.id, f.path));
        }
        run.progress.total += plan.listing.files.length;
      }
      for (const plan of plans) {
        run.diagnostics.push(...plan.listing.diagnostics.map((d) => ({ ...d, vault: plan.vault.name })));
        this.syncVault(plan.vault, plan.id, plan.listing.files, run);
      }
      restoreIndexes();
      // The set of fnames, and with it stubs and parents, only moves when something was added, deleted or renamed
      // (or the vault is new): an edited note keeps its id and fname.
      for (const plan of plans) {
        if (plan.created || changes.fnameKeys.size > 0) {
          this.notes.syncHierarchy(plan.id, plan.vault.name, changes, run.targets);
        }
      }
      // Links resolve again when the set of fnames moved or there are new links. In a cold import, before the Link
      // indexes are built (only forward references are written; there are no older links to look up by key), unless
      // many keys are dirty (read by key).
      if (run.targets.dirty.size > MAX_UNINDEXED_DIRTY_KEYS) {
        restoreLinkIndexes();
      }
      if (changes.fnameKeys.size > 0 || this.notes.maxLinkId() >= firstNewLink) {
        this.notes.resolveLinks(firstNewLink - 1, changes, run.targets);
      }
      restoreLinkIndexes();
      const notes = this.notes.countNotes();
      const conceptDiagnostics = this.concepts.afterSync(workspace.dir, changes, notes);
      changes.parsed.clear();
      restoreMentionIndexes();
      run.diagnostics.push(...conceptDiagnostics);
      this.storeLooseDiagnostics(workspace.dir, workspace.diagnostics, plans, conceptDiagnostics);
      const runId = this.diagnostics.recordRun({
        startedMs: started,
        durationMs: performance.now() - t0,
        status: 'ok',
        workspace: workspace.dir,
        ...countsOf(run),
        notes,
        diagnostics: run.diagnostics,
        error: null,
      });
      return { runId, notes, run };
    });
    return { runId, workspace: workspace.dir, ...countsOf(run), notes, diagnostics: run.diagnostics, durationMs: performance.now() - t0 };
  }

  /**
   * The problems of files that are no note, stored like a note's so `diagnostics` lists them all: files a vault
   * listing could not read, dendron.yml, and each folder's concepts.yml. Replaced each run; gone when fixed.
   */
  private storeLooseDiagnostics(
    workspaceDir: string,
    config: Diagnostic[],
    plans: { id: number; listing: { diagnostics: Diagnostic[] }; scope?: Set<string> }[],
    concepts: VaultDiagnostic[],
  ): void {
    for (const plan of plans) {
      // A vault's loose rows are its skipped files' (kept by syncVault), its concepts.yml's and its listing's (of
      // the files examined, when the run was given them).
      const skipped = this.notes.skippedOfVault(plan.id);
      const examined = (p: string) => plan.scope === undefined || plan.scope.has(p);
      this.diagnostics.replaceLoose(
        { vaultId: plan.id },
        (p) => examined(p) && !skipped.has(p) && p !== DICTIONARY_FILE,
        plan.listing.diagnostics,
      );
    }
    this.diagnostics.replaceLoose({ workspace: workspaceDir }, (p) => p === 'dendron.yml', config);
    for (const folder of this.concepts.dictionaryFolders(workspaceDir)) {
      const vaultId = this.notes.vaultIdByRoot(folder);
      const found = concepts.filter((d) => d.vault === path.basename(folder));
      this.diagnostics.replaceLoose(vaultId === undefined ? { workspace: folder } : { vaultId }, (p) => p === DICTIONARY_FILE, found);
    }
  }

  /**
   * Change the API's concept dictionary, then rebuild concepts and mentions from what the database holds (no note
   * file is read), in one transaction. False when a removal found no definition.
   */
  updateConcepts(change: DictionaryChange): boolean {
    return writeTransaction(this.db, () => this.concepts.changeDictionary(change, this.notes.countNotes()));
  }

  /** Delete a note and every feature's rows of it (those without a foreign key first). */
  private removeNote(note: StoredNote, run: Run): void {
    this.search.removeNote(note.id);
    this.concepts.removeNote(note.id, run.changes);
    this.notes.deleteNote(note, run.targets);
  }

  private syncVault(vault: VaultSpec, vaultId: number, files: VaultFile[], run: Run): void {
    const { changes } = run;
    const scope = run.scopes.get(vaultId);
    const stored = new Map<string, StoredNote>();
    for (const note of scope ? this.notes.notesAtPaths(vaultId, scope.names) : this.notes.notesOfVault(vaultId)) {
      if (note.path !== null) {
        stored.set(note.path, note);
      }
    }
    const skipped = this.notes.skippedOfVault(vaultId);
    const seen = new Set<string>();
    const report = (path: string, noteId: string | null, found: Diagnostic[]) => {
      this.diagnostics.replace(vaultId, path, noteId, found);
      run.diagnostics.push(...found.map((d) => ({ ...d, vault: vault.name })));
    };
    const skippedNow = new Set<string>();
    const skip = (file: VaultFile, d: Diagnostic) => {
      skippedNow.add(file.path);
      this.notes.markSkipped(vaultId, file.path, file.size, file.mtimeMs);
      report(file.path, null, [d]);
    };
    const keep = (old: StoredNote, file: VaultFile) => {
      seen.add(old.id);
      run.claimed.set(old.id, `${vault.name}/${file.path}`);
      run.unchanged++;
    };

    // The files to read: not unchanged by size and mtime, not a skipped file seen the same, not over the limit. Many
    // of them (a cold import) are read and parsed ahead on worker threads while this thread writes.
    const unchangedFile = (file: VaultFile) => {
      const old = stored.get(file.path);
      const wasSkipped = skipped.get(file.path);
      return old
        ? old.size === file.size && old.mtimeMs === file.mtimeMs
        : wasSkipped !== undefined && wasSkipped.size === file.size && wasSkipped.mtimeMs === file.mtimeMs;
    };
    const settings = { timeZone: this.options.timeZone, taskConfig: run.taskConfig };
    const jobOf = (file: VaultFile) => ({
      root: vault.root,
      path: file.path,
      fname: file.fname,
      knownHash: stored.get(file.path)?.hash ?? null,
    });
    const jobs = files.filter((f) => !unchangedFile(f) && f.size <= this.options.maxFileBytes).map(jobOf);
    const ahead = jobs.length >= (this.options.parseAheadMinFiles ?? PARSE_AHEAD_MIN_FILES) ? new ParseAhead(jobs, settings) : null;
    const read = (file: VaultFile) => ahead?.next(file.path) ?? readNote(jobOf(file), settings);
    try {
      for (const file of files) {
        run.progress.done++;
        if (run.progress.done % 200 === 0) {
          run.onProgress(run.progress);
        }
        const old = stored.get(file.path);
        if (unchangedFile(file)) {
          if (old) {
            keep(old, file);
          }
          continue; // else a skipped file, as it was
        }
        if (file.size > this.options.maxFileBytes) {
          skip(file, {
            file: file.path,
            line: null,
            code: 'FILE_TOO_LARGE',
            severity: 'error',
            message: `${file.size} bytes is over the ${this.options.maxFileBytes}-byte limit; skipped`,
          });
          continue;
        }
        const result = read(file);
        if (result.kind === 'unreadable') {
          skip(file, { file: file.path, line: null, code: 'UNREADABLE', severity: 'error', message: `cannot read file: ${result.reason}` });
          continue;
        }
        if (result.kind === 'same') {
          // Same bytes (only known for a stored note): remember the new mtime so the next sync does not read it.
          this.notes.touchNote((old as StoredNote).id, file.mtimeMs);
          keep(old as StoredNote, file);
          continue;
        }
        if (result.kind === 'undecodable') {
          skip(file, result.diagnostic);
          continue;
        }
        if (skipped.has(file.path)) {
          this.notes.unmarkSkipped(vaultId, file.path);
        }
        run.progress.parsed++;
        const { doc } = result;
        const found = result.diagnostics;
        const { id, read: chosen } = this.chooseId(doc.id ?? `${vault.name}:${file.fname}`, vault, vaultId, file, run, found);
        run.claimed.set(id, `${vault.name}/${file.path}`);

        // Whoever holds this fname under another id (a stub, or this file before its id changed) gives way.
        const occupant = this.notes.noteByFname(vaultId, file.fname);
        if (occupant && occupant.id !== id) {
          this.removeNote(occupant, run);
          if (occupant.stub === 0) {
            changes.deleted.add(occupant.id);
            seen.add(occupant.id);
          }
        }
        // The occupant just deleted never has this id, so the row chooseId read, if it did, still stands.
        const existing = chosen ? chosen.row : this.notes.noteById(id);
        const movedFrom = existing && (existing.vaultId !== vaultId || existing.path !== file.path) ? existing : undefined;
        const hadFile = existing !== undefined && existing.stub === 0;
        this.notes.writeNote(
          { id, vaultId, fname: file.fname, doc, path: file.path, size: file.size, mtimeMs: file.mtimeMs, hash: result.hash },
          existing,
          run.targets,
        );
        // "Done at": the note's `updated` when this change moved it, else now (the first sync that saw the tick).
        const updatedChanged = doc.updated !== null && doc.updated !== existing?.updatedMs;
        this.milestones.writeNote(id, doc.milestones, updatedChanged ? (doc.updated as number) : run.startedMs, existing !== undefined);
        this.search.writeNote(id, doc, hadFile);
        this.concepts.writeNote(id, doc, hadFile, changes);
        seen.add(id);
        changes.parsed.set(id, { text: doc.mentionText, sections: doc.sections });
        if (!existing || existing.stub === 1) {
          changes.added.add(id);
          changes.fnameKeys.add(fnameKey(file.fname));
        } else if (movedFrom) {
          changes.renamed.add(id);
          changes.fnameKeys.add(fnameKey(file.fname)).add(fnameKey(movedFrom.fname));
          if (movedFrom.path !== null) {
            this.diagnostics.replace(movedFrom.vaultId, movedFrom.path, null, []);
          }
        } else {
          changes.updated.add(id);
        }
        report(file.path, id, found);
      }
    } finally {
      ahead?.close();
    }
    run.onProgress(run.progress);

    // Files that are gone, or no longer notes (now skipped), and whose ids nobody took over.
    for (const [filePath, note] of stored) {
      if (seen.has(note.id) || run.claimed.has(note.id)) {
        continue;
      }
      this.removeNote(note, run);
      if (!skippedNow.has(filePath)) {
        this.diagnostics.replace(vaultId, filePath, null, []); // a note that became a skipped file keeps why
      }
      changes.fnameKeys.add(fnameKey(note.fname));
      changes.deleted.add(note.id);
    }
    for (const filePath of skipped.keys()) {
      if ((!scope || scope.names.has(filePath)) && !run.present.has(fileKey(vaultId, filePath))) {
        this.notes.unmarkSkipped(vaultId, filePath);
        this.diagnostics.replace(vaultId, filePath, null, []);
      }
    }
  }

  /**
   * The frontmatter id, unless another present file holds it: then this note keeps a derived id and a
   * DUPLICATE_ID diagnostic, so neither file overwrites the other. `read`: the stored row of the chosen id, when it
   * was read on the way.
   */
  private chooseId(
    wanted: string,
    vault: VaultSpec,
    vaultId: number,
    file: VaultFile,
    run: Run,
    found: Diagnostic[],
  ): { id: string; read?: { row: StoredNote | undefined } } {
    const here = `${vault.name}/${file.path}`;
    let holder = run.claimed.get(wanted);
    let read: { row: StoredNote | undefined } | undefined;
    if (!holder) {
      const existing = this.notes.noteById(wanted);
      read = { row: existing };
      const sameFile = existing && existing.vaultId === vaultId && existing.path === file.path;
      if (existing && existing.path !== null && !sameFile && isPresent(run, existing.vaultId, existing.path)) {
        holder = existing.path;
      }
    }
    if (!holder || holder === here) {
      return { id: wanted, read };
    }
    found.push({
      file: file.path,
      line: 2,
      code: 'DUPLICATE_ID',
      severity: 'error',
      message: `id ${wanted} is already used by ${holder}; this note is indexed as ${wanted}~${vault.name}:${file.fname} until one of the ids changes`,
    });
    return { id: `${wanted}~${vault.name}:${file.fname}` };
  }
}

/** A dirty key's links are read by key: without the index, a scan of the Link table each. */
const MAX_UNINDEXED_DIRTY_KEYS = 20;

/** State of one sync run, shared by the passes over its vaults; what it changed is `changes`, given to every indexer. */
interface Run {
  startedMs: number;
  taskConfig: TaskConfig;
  unchanged: number;
  diagnostics: VaultDiagnostic[];
  changes: ChangeSet;
  /** Targets of the links this run inserts. */
  targets: LinkTargets;
  /** Note id -> the file (`vault/path`) that holds it in this run. */
  claimed: Map<string, string>;
  /** fileKey of every file listed in this run. */
  present: Set<string>;
  /** When the run was given its files: each vault's folder and the names examined there. */
  scopes: Map<number, { root: string; names: Set<string> }>;
  progress: { done: number; total: number; parsed: number };
  onProgress: SyncProgress;
}

function countsOf(run: Run): SyncCounts {
  const { added, updated, renamed, deleted } = run.changes;
  return { added: added.size, updated: updated.size, renamed: renamed.size, deleted: deleted.size, unchanged: run.unchanged };
}

const fileKey = (vaultId: number, filePath: string) => `${vaultId}\u0000${filePath}`;

/** Whether a vault's file is there in this run: listed, or (when the run examines only some files) left alone on disk. */
function isPresent(run: Run, vaultId: number, filePath: string): boolean {
  if (run.present.has(fileKey(vaultId, filePath))) {
    return true;
  }
  const scope = run.scopes.get(vaultId);
  return scope !== undefined && !scope.names.has(filePath) && fs.existsSync(path.join(scope.root, filePath));
}

/** Absolute paths -> each vault folder's note file names among them. */
function scopesOf(paths: string[], vaults: VaultSpec[]): Map<string, Set<string>> {
  const roots = new Set(vaults.map((v) => v.root));
  const out = new Map<string, Set<string>>();
  for (const p of paths) {
    const dir = path.dirname(p);
    if (roots.has(dir)) {
      const names = out.get(dir) ?? new Set<string>();
      names.add(path.basename(p));
      out.set(dir, names);
    }
  }
  return out;
}
