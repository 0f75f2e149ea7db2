import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fsErrorReason } from './fs-error';
import type { Diagnostic } from './note-doc';

export interface VaultSpec {
  name: string;
  /** Absolute folder holding the vault's notes. */
  root: string;
}

export interface Workspace {
  dir: string;
  vaults: VaultSpec[];
  /** `workspace.task` from dendron.yml, for task notes. */
  taskConfig: { statusSymbols?: Record<string, string>; taskCompleteStatus?: string[] };
  /** False when dendron.yml exists but cannot be read: the caller keeps the vaults it knew. */
  configOk: boolean;
  diagnostics: Diagnostic[];
}

export class VaultNotFoundError extends Error {}

interface DendronVaultEntry {
  fsPath?: unknown;
  name?: unknown;
  selfContained?: unknown;
}

/**
 * Find the vaults of a workspace: `dendron.yml` (`workspace.vaults[]`, or the older top-level `vaults`),
 * else the folder itself is one vault named after it.
 */
export function readWorkspace(dir: string): Workspace {
  const abs = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new VaultNotFoundError(`vault path does not exist: ${abs}`);
  }
  if (!stat.isDirectory()) {
    throw new VaultNotFoundError(`vault path is not a folder: ${abs}`);
  }
  const single: VaultSpec[] = [{ name: path.basename(abs), root: abs }];
  const configFile = path.join(abs, 'dendron.yml');
  if (!fs.existsSync(configFile)) {
    return { dir: abs, vaults: single, taskConfig: {}, configOk: true, diagnostics: [] };
  }
  const fail = (line: number | null, message: string): Workspace => ({
    dir: abs,
    vaults: single,
    taskConfig: {},
    configOk: false,
    diagnostics: [{ file: 'dendron.yml', line, code: 'CONFIG_ERROR', severity: 'error', message }],
  });
  let text: string;
  try {
    text = fs.readFileSync(configFile, 'utf8');
  } catch (err) {
    return fail(null, `cannot read dendron.yml: ${fsErrorReason(err)}`);
  }
  let config: unknown;
  try {
    config = parseYaml(text);
  } catch (err) {
    const linePos = (err as { linePos?: { line: number }[] }).linePos;
    return fail(linePos?.[0]?.line ?? null, `dendron.yml is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const root = (config ?? {}) as { workspace?: { vaults?: unknown; task?: Workspace['taskConfig'] }; vaults?: unknown };
  const entries = root.workspace?.vaults ?? root.vaults;
  if (!Array.isArray(entries) || entries.length === 0) {
    return { dir: abs, vaults: single, taskConfig: root.workspace?.task ?? {}, configOk: true, diagnostics: [] };
  }
  const vaults: VaultSpec[] = [];
  for (const entry of entries as DendronVaultEntry[]) {
    if (typeof entry?.fsPath !== 'string') {
      return fail(null, 'dendron.yml: every workspace.vaults entry needs an fsPath');
    }
    const folder = path.resolve(abs, entry.fsPath);
    vaults.push({
      name: typeof entry.name === 'string' ? entry.name : path.basename(entry.fsPath),
      root: entry.selfContained === true ? path.join(folder, 'notes') : folder,
    });
  }
  return { dir: abs, vaults, taskConfig: root.workspace?.task ?? {}, configOk: true, diagnostics: [] };
}

export interface VaultFile {
  /** Relative to the vault root. */
  path: string;
  fname: string;
  size: number;
  mtimeMs: number;
}

export interface VaultListing {
  files: VaultFile[];
  diagnostics: Diagnostic[];
}

/** Whether a file name directly in a vault folder is a note's (`*.md`, not hidden). */
export function isNoteFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && !name.startsWith('.');
}

/**
 * Some of the vault's notes, by file name (as listVaultFiles would list them): those that exist as files are
 * returned, the others are left out (gone), and a file that cannot be examined is a diagnostic.
 */
export function statVaultFiles(vault: VaultSpec, names: Iterable<string>): VaultListing {
  const files: VaultFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    if (!isNoteFileName(name)) {
      continue;
    }
    try {
      const st = fs.statSync(path.join(vault.root, name));
      if (st.isFile()) {
        files.push({ path: name, fname: name.slice(0, -3), size: st.size, mtimeMs: st.mtimeMs });
      }
    } catch (err) {
      // Gone, unless the name is still there as a link to nothing (listVaultFiles reports that one).
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || isThere(path.join(vault.root, name))) {
        diagnostics.push({
          file: name,
          line: null,
          code: 'UNREADABLE',
          severity: 'error',
          message: `cannot read file: ${fsErrorReason(err)}`,
        });
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics };
}

/** The vault's notes: `*.md` directly in its folder (Dendron keeps the hierarchy in file names, not folders). */
export function listVaultFiles(vault: VaultSpec): VaultListing {
  const files: VaultFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(vault.root, { withFileTypes: true });
  } catch (err) {
    diagnostics.push({
      file: '.',
      line: null,
      code: 'UNREADABLE',
      severity: 'error',
      message: `vault folder ${vault.name} cannot be read: ${fsErrorReason(err)}`,
    });
    return { files, diagnostics };
  }
  const names = entries.filter((e) => isNoteFileName(e.name) && (e.isFile() || e.isSymbolicLink())).map((e) => e.name);
  const listed = statVaultFiles(vault, names);
  return { files: listed.files, diagnostics: [...diagnostics, ...listed.diagnostics] };
}

function isThere(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
