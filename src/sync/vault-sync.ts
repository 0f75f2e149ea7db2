import fs from 'node:fs';
import path from 'node:path';
import { fileHash } from '../vault/file-hash';
import { fnameKey } from '../vault/fname-key';
import { fsErrorReason } from '../vault/fs-error';
import type { Diagnostic, ParsedSection } from '../vault/note-doc';
import type { MentionText } from '../vault/parse/concepts';
import { parseNote } from '../vault/parse-note';
import type { TaskConfig } from '../vault/parse/milestones';
import { decodeNoteBytes } from '../vault/parse/decode';
import { DICTIONARY_FILE } from '../vault/parse/concept-dictionary';
import { titleFromFname } from '../vault/parse/title';
import { listVaultFiles, readWorkspace, type VaultFile, type VaultSpec } from '../vault/read-vault';
import { ConceptRebuild, type DictionaryChange } from './concept-rebuild';
import { buildHierarchy } from '../vault/hierarchy';
import { SyncRepository, type LinkTargets, type StoredNote, type SyncCounts } from './sync.repository';

export interface SyncOptions {
  /** Zone for plan dates without a year. */
  timeZone: string;
  /** Files larger than this are skipped with a diagnostic, never read. */
  maxFileBytes: number;
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
 * Vault -> database, incrementally, in one transaction. A file whose size and mtime match what the database
 * holds is not read; one whose bytes hash the same is not parsed. Renames keep the note's id (and so its
 * backlinks and history). Links are resolved by fname, so they follow notes as they appear and disappear.
 */
export class VaultSync {
  private readonly concepts: ConceptRebuild;

  constructor(
    private readonly repo: SyncRepository,
    private readonly options: SyncOptions,
  ) {
    this.concepts = new ConceptRebuild(repo.concepts);
  }

  /** Throws VaultNotFoundError (nothing written) when the folder is missing. */
  sync(workspaceDir: string, onProgress?: SyncProgress): SyncReport {
    const started = Date.now();
    const t0 = performance.now();
    const workspace = readWorkspace(workspaceDir);
    let vaults = workspace.vaults;
    if (!workspace.configOk) {
      const known = this.repo.knownVaults(workspace.dir);
      if (known.length > 0) {
        vaults = known;
      }
    }
    const run: Run = {
      startedMs: started,
      taskConfig: workspace.taskConfig,
      counts: { added: 0, updated: 0, renamed: 0, deleted: 0, unchanged: 0 },
      diagnostics: workspace.diagnostics.map((d) => ({ ...d, vault: path.basename(workspace.dir) })),
      changedKeys: new Set(),
      targets: this.repo.linkTargets(),
      parsed: new Map(),
      claimed: new Map(),
      present: new Set(),
      progress: { done: 0, total: 0, parsed: 0 },
      onProgress: onProgress ?? (() => undefined),
    };
    const { runId, notes } = this.repo.transaction(() => {
      this.repo.concepts.beginRun();
      const firstNewLink = this.repo.maxLinkId() + 1;
      // A cold import loads these tables with their secondary indexes dropped, and builds each index once loaded
      // (before the statements that read through it: link resolution, the concept grouping, mentions).
      const cold = this.repo.isEmpty();
      const restoreIndexes = cold ? this.repo.deferIndexes(['Section', 'ConceptSource', 'Milestone']) : () => undefined;
      const restoreLinkIndexes = cold ? this.repo.deferIndexes(['Link']) : () => undefined;
      const restoreMentionIndexes = cold ? this.repo.deferIndexes(['ConceptMention']) : () => undefined;
      const plans = vaults.map((vault) => ({ vault, ...this.repo.ensureVault(vault.name, vault.root), listing: listVaultFiles(vault) }));
      for (const plan of plans) {
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
        if (plan.created || run.changedKeys.size > 0) {
          this.syncHierarchy(plan.vault, plan.id, run);
        }
      }
      // Links resolve again when the set of fnames moved or there are new links. In a cold import, before the Link
      // indexes are built (only forward references are written; there are no older links to look up by key), unless
      // many keys are dirty (read by key).
      if (run.targets.dirty.size > MAX_UNINDEXED_DIRTY_KEYS) {
        restoreLinkIndexes();
      }
      if (run.changedKeys.size > 0 || this.repo.maxLinkId() >= firstNewLink) {
        this.repo.resolveLinks(firstNewLink - 1, run.changedKeys, run.targets);
      }
      restoreLinkIndexes();
      const conceptDiagnostics = this.concepts.afterSync(workspace.dir, run.parsed);
      restoreMentionIndexes();
      run.diagnostics.push(...conceptDiagnostics);
      this.storeLooseDiagnostics(workspace.dir, workspace.diagnostics, plans, conceptDiagnostics);
      const notes = this.repo.countNotes();
      const runId = this.repo.recordRun({
        startedMs: started,
        durationMs: performance.now() - t0,
        status: 'ok',
        workspace: workspace.dir,
        ...run.counts,
        notes,
        diagnostics: run.diagnostics,
        error: null,
      });
      return { runId, notes };
    });
    return { runId, workspace: workspace.dir, ...run.counts, notes, diagnostics: run.diagnostics, durationMs: performance.now() - t0 };
  }

  /**
   * The problems of files that are no note, stored like a note's so `diagnostics` lists them all: files a vault
   * listing could not read, dendron.yml, and each folder's concepts.yml. Replaced each run; gone when fixed.
   */
  private storeLooseDiagnostics(
    workspaceDir: string,
    config: Diagnostic[],
    plans: { id: number; listing: { diagnostics: Diagnostic[] } }[],
    concepts: VaultDiagnostic[],
  ): void {
    for (const plan of plans) {
      // A vault's loose rows are its skipped files' (kept by syncVault), its concepts.yml's and its listing's.
      const skipped = this.repo.skippedOfVault(plan.id);
      this.repo.replaceLooseDiagnostics({ vaultId: plan.id }, (p) => !skipped.has(p) && p !== DICTIONARY_FILE, plan.listing.diagnostics);
    }
    this.repo.replaceLooseDiagnostics({ workspace: workspaceDir }, (p) => p === 'dendron.yml', config);
    for (const folder of this.repo.concepts.dictionaryFolders(workspaceDir)) {
      const vaultId = this.repo.vaultIdByRoot(folder);
      const found = concepts.filter((d) => d.vault === path.basename(folder));
      this.repo.replaceLooseDiagnostics(vaultId === undefined ? { workspace: folder } : { vaultId }, (p) => p === DICTIONARY_FILE, found);
    }
  }

  /**
   * Change the API's concept dictionary, then rebuild concepts and mentions from what the database holds (no note
   * file is read), in one transaction. False when a removal found no definition.
   */
  updateConcepts(change: DictionaryChange): boolean {
    return this.repo.transaction(() => this.concepts.change(change, Date.now()));
  }

  private syncVault(vault: VaultSpec, vaultId: number, files: VaultFile[], run: Run): void {
    const stored = new Map<string, StoredNote>();
    for (const note of this.repo.notesOfVault(vaultId)) {
      if (note.path !== null) {
        stored.set(note.path, note);
      }
    }
    const skipped = this.repo.skippedOfVault(vaultId);
    const seen = new Set<string>();
    const report = (path: string, noteId: string | null, found: Diagnostic[]) => {
      this.repo.replaceDiagnostics(vaultId, path, noteId, found);
      run.diagnostics.push(...found.map((d) => ({ ...d, vault: vault.name })));
    };
    const skip = (file: VaultFile, d: Diagnostic) => {
      this.repo.markSkipped(vaultId, file.path, file.size, file.mtimeMs);
      report(file.path, null, [d]);
    };
    const keep = (old: StoredNote, file: VaultFile) => {
      seen.add(old.id);
      run.claimed.set(old.id, `${vault.name}/${file.path}`);
      run.counts.unchanged++;
    };

    for (const file of files) {
      run.progress.done++;
      if (run.progress.done % 200 === 0) {
        run.onProgress(run.progress);
      }
      const old = stored.get(file.path);
      if (old && old.size === file.size && old.mtimeMs === file.mtimeMs) {
        keep(old, file);
        continue;
      }
      const wasSkipped = skipped.get(file.path);
      if (!old && wasSkipped && wasSkipped.size === file.size && wasSkipped.mtimeMs === file.mtimeMs) {
        continue;
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
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(path.join(vault.root, file.path));
      } catch (err) {
        skip(file, {
          file: file.path,
          line: null,
          code: 'UNREADABLE',
          severity: 'error',
          message: `cannot read file: ${fsErrorReason(err)}`,
        });
        continue;
      }
      const hash = fileHash(bytes);
      if (old && old.hash === hash) {
        this.repo.touchNote(old.id, file.mtimeMs);
        keep(old, file);
        continue;
      }
      const decoded = decodeNoteBytes(file.path, bytes);
      if (!decoded.ok) {
        skip(file, decoded.diagnostic);
        continue;
      }
      if (wasSkipped) {
        this.repo.unmarkSkipped(vaultId, file.path);
      }
      run.progress.parsed++;
      const doc = parseNote(
        { file: file.path, fname: file.fname, text: decoded.text },
        { timeZone: this.options.timeZone, taskConfig: run.taskConfig },
      );
      const found = [...decoded.diagnostics, ...doc.diagnostics];
      const { id, read } = this.chooseId(doc.id ?? `${vault.name}:${file.fname}`, vault, vaultId, file, run, found);
      run.claimed.set(id, `${vault.name}/${file.path}`);

      // Whoever holds this fname under another id (a stub, or this file before its id changed) gives way.
      const occupant = this.repo.noteByFname(vaultId, file.fname);
      if (occupant && occupant.id !== id) {
        this.repo.deleteNote(occupant, run.targets);
        if (occupant.stub === 0) {
          run.counts.deleted++;
          seen.add(occupant.id);
        }
      }
      // The occupant just deleted never has this id, so the row chooseId read, if it did, still stands.
      const existing = read ? read.row : this.repo.noteById(id);
      const movedFrom = existing && (existing.vaultId !== vaultId || existing.path !== file.path) ? existing : undefined;
      this.repo.writeNote(
        { id, vaultId, fname: file.fname, doc, path: file.path, size: file.size, mtimeMs: file.mtimeMs, hash },
        existing,
        run.startedMs,
        run.targets,
      );
      seen.add(id);
      run.parsed.set(id, { text: doc.mentionText, sections: doc.sections });
      if (!existing || existing.stub === 1) {
        run.counts.added++;
        run.changedKeys.add(fnameKey(file.fname));
      } else if (movedFrom) {
        run.counts.renamed++;
        run.changedKeys.add(fnameKey(file.fname)).add(fnameKey(movedFrom.fname));
        if (movedFrom.path !== null) {
          this.repo.replaceDiagnostics(movedFrom.vaultId, movedFrom.path, null, []);
        }
      } else {
        run.counts.updated++;
      }
      report(file.path, id, found);
    }
    run.onProgress(run.progress);

    // Files that are gone, or no longer notes (now skipped), and whose ids nobody took over.
    for (const [filePath, note] of stored) {
      if (seen.has(note.id) || run.claimed.has(note.id)) {
        continue;
      }
      this.repo.deleteNote(note, run.targets);
      this.repo.replaceDiagnostics(vaultId, filePath, null, []);
      run.changedKeys.add(fnameKey(note.fname));
      run.counts.deleted++;
    }
    for (const filePath of skipped.keys()) {
      if (!run.present.has(fileKey(vaultId, filePath))) {
        this.repo.unmarkSkipped(vaultId, filePath);
        this.repo.replaceDiagnostics(vaultId, filePath, null, []);
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
      const existing = this.repo.noteById(wanted);
      read = { row: existing };
      const sameFile = existing && existing.vaultId === vaultId && existing.path === file.path;
      if (existing && existing.path !== null && !sameFile && run.present.has(fileKey(existing.vaultId, existing.path))) {
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

  /** Stubs and parents as Dendron builds them (src/vault/hierarchy.ts): stubs nobody needs any more go. */
  private syncHierarchy(vault: VaultSpec, vaultId: number, run: Run): void {
    const { changedKeys, targets } = run;
    const notes = this.repo.notesOfVault(vaultId);
    const hierarchy = buildHierarchy(notes.filter((n) => n.stub === 0).map((n) => n.fname));
    const needed = new Map(hierarchy.stubs.map((fname) => [fnameKey(fname), fname]));
    for (const note of notes) {
      // A stub stays while it is needed with the same spelling.
      if (note.stub === 1 && needed.get(fnameKey(note.fname)) === note.fname) {
        needed.delete(fnameKey(note.fname));
      } else if (note.stub === 1) {
        this.repo.deleteNote(note, targets);
        changedKeys.add(fnameKey(note.fname));
      }
    }
    for (const fname of needed.values()) {
      this.repo.insertStub(vaultId, vault.name, fname, fname === 'root' ? 'Root' : titleFromFname(fname), targets);
      changedKeys.add(fnameKey(fname));
    }
    this.repo.reparent(vaultId, hierarchy);
  }
}

/** A dirty key's links are read by key: without the index, a scan of the Link table each. */
const MAX_UNINDEXED_DIRTY_KEYS = 20;

/** State of one sync run, shared by the passes over its vaults. */
interface Run {
  startedMs: number;
  taskConfig: TaskConfig;
  counts: SyncCounts;
  diagnostics: VaultDiagnostic[];
  /** Lower-cased fnames that appeared or disappeared: links to them must be resolved again. */
  changedKeys: Set<string>;
  /** Targets of the links this run inserts. */
  targets: LinkTargets;
  /** What the concept post-pass needs of each note parsed in this run. */
  parsed: Map<string, { text: MentionText; sections: ParsedSection[] }>;
  /** Note id -> the file (`vault/path`) that holds it in this run. */
  claimed: Map<string, string>;
  /** fileKey of every file listed in this run. */
  present: Set<string>;
  progress: { done: number; total: number; parsed: number };
  onProgress: SyncProgress;
}

const fileKey = (vaultId: number, filePath: string) => `${vaultId}\u0000${filePath}`;
