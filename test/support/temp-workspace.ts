import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** A temporary folder with a migrated database and a vault copied from `from` (or empty). */
export interface TempWorkspace {
  dir: string;
  vault: string;
  dbFile: string;
  databaseUrl: string;
  write(name: string, content: string | Buffer): string;
  read(name: string): string;
  remove(name: string): void;
  cleanup(): void;
}

export function tempWorkspace(from?: string): TempWorkspace {
  const template = process.env.VAULTGRAPH_TEMPLATE_DB;
  if (!template) {
    throw new Error('VAULTGRAPH_TEMPLATE_DB is not set: run the tests through jest (test/support/global-setup.ts)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-test-'));
  const vault = path.join(dir, 'vault');
  if (from) {
    fs.cpSync(from, vault, { recursive: true });
  } else {
    fs.mkdirSync(vault);
  }
  const dbFile = path.join(dir, 'test.db');
  fs.copyFileSync(template, dbFile);
  return {
    dir,
    vault,
    dbFile,
    databaseUrl: `file:${dbFile}`,
    write: (name, content) => {
      const file = path.join(vault, name);
      fs.writeFileSync(file, content);
      return file;
    },
    read: (name) => fs.readFileSync(path.join(vault, name), 'utf8'),
    remove: (name) => fs.rmSync(path.join(vault, name)),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A minimal Dendron note. */
export function note(id: string, title: string, body: string, extra = ''): string {
  return `---\nid: ${id}\ntitle: ${title}\ndesc: ''\nupdated: 1735981566923\ncreated: 1735981566923\n${extra}---\n\n${body}\n`;
}
