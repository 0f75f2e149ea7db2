import type Database from 'better-sqlite3';
import type { Diagnostic } from '../vault/note-doc';

export interface SyncCounts {
  added: number;
  updated: number;
  renamed: number;
  deleted: number;
  unchanged: number;
}

/** One sync run as SyncRun stores it. */
export interface RunRecord extends SyncCounts {
  startedMs: number;
  durationMs: number;
  status: 'ok' | 'failed';
  workspace: string;
  notes: number;
  diagnostics: Diagnostic[];
  error: string | null;
}

/** Where stored rows of files that are no note belong: a vault, or a workspace folder (dendron.yml, its concepts.yml). */
export type LooseScope = { vaultId: number } | { workspace: string };

/**
 * The one owner of what a sync reports: each file's diagnostics (Diagnostic rows, with their note when there is
 * one), the problems of files that are no note, and the SyncRun record of each run. Read back by `diagnostics` and
 * `syncStatus` (sync-run.repository.ts).
 */
export class DiagnosticIndexer {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      deleteOfPath: p('DELETE FROM Diagnostic WHERE vaultId = ? AND path = ?'),
      insert: p('INSERT INTO Diagnostic (vaultId, noteId, path, line, code, severity, message) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      looseOfVault: p('SELECT path, line, code, severity, message FROM Diagnostic WHERE vaultId = ? AND noteId IS NULL'),
      looseOfWorkspace: p('SELECT path, line, code, severity, message FROM Diagnostic WHERE workspace = ? AND vaultId IS NULL'),
      deleteLooseOfVaultPath: p('DELETE FROM Diagnostic WHERE vaultId = ? AND path = ? AND noteId IS NULL'),
      deleteLooseOfWorkspacePath: p('DELETE FROM Diagnostic WHERE workspace = ? AND path = ? AND vaultId IS NULL'),
      insertLoose: p('INSERT INTO Diagnostic (vaultId, workspace, path, line, code, severity, message) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertRun: p(
        `INSERT INTO SyncRun (startedMs, durationMs, status, workspace, added, updated, renamed, deleted, unchanged, notes, diagnostics, error)
         VALUES (@startedMs, @durationMs, @status, @workspace, @added, @updated, @renamed, @deleted, @unchanged, @notes, @diagnostics, @error)`,
      ),
    };
  }

  /** The diagnostics of one file of a vault, replaced; `noteId` when the file is a note. */
  replace(vaultId: number, path: string, noteId: string | null, diagnostics: Diagnostic[]): void {
    this.s.deleteOfPath.run(vaultId, path);
    for (const d of diagnostics) {
      this.s.insert.run(vaultId, noteId, d.file, d.line, d.code, d.severity, d.message);
    }
  }

  /**
   * Make the stored rows of files that are no note, in `scope` and whose path `owns` accepts, equal `found`; writes
   * nothing when they already are (a no-op sync stays one row).
   */
  replaceLoose(scope: LooseScope, owns: (path: string) => boolean, found: Diagnostic[]): void {
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

  recordRun(run: RunRecord): number {
    return Number(this.s.insertRun.run({ ...run, diagnostics: JSON.stringify(run.diagnostics) }).lastInsertRowid);
  }
}
