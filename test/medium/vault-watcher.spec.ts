import { Logger } from '@nestjs/common';
import fs from 'node:fs';
import path from 'node:path';
import { VaultWatcher } from '../../src/sync/vault-watcher';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** The watcher on real folders: a watch error is a burst (the sync reports the file) or one warning, never a crash. */
describe('VaultWatcher', () => {
  let ws: TempWorkspace;
  let sut: VaultWatcher | undefined;

  beforeEach(() => {
    ws = tempWorkspace();
  });

  afterEach(async () => {
    await sut?.close();
    ws.cleanup();
    jest.restoreAllMocks();
  });

  it('turns a looping note into a sync and a looping vault folder into one warning', async () => {
    fs.mkdirSync(path.join(ws.vault, 'notes'));
    fs.symlinkSync('l2', path.join(ws.vault, 'l1'));
    fs.symlinkSync('l1', path.join(ws.vault, 'l2'));
    fs.symlinkSync('loop.md', path.join(ws.vault, 'notes', 'loop.md'));
    ws.write('dendron.yml', 'workspace:\n  vaults:\n    - fsPath: notes\n    - fsPath: l1\n');
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let bursts = 0;
    sut = new VaultWatcher(ws.vault, () => bursts++);
    await sut.start();
    for (let i = 0; i < 40 && bursts === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(bursts).toBe(1);
    expect(warn.mock.calls).toEqual([['cannot watch l1 (ELOOP); the rest of the vault is still followed']]);
  });

  it('names the notes of a burst, and asks for a whole sync when a config file changes', async () => {
    ws.write('a.md', 'a');
    const bursts: (string[] | null)[] = [];
    sut = new VaultWatcher(ws.vault, (paths) => bursts.push(paths));
    await sut.start();
    const next = async () => {
      const seen = bursts.length;
      for (let i = 0; i < 80 && bursts.length === seen; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      return bursts[seen];
    };
    ws.write('a.md', 'changed');
    ws.write('b.md', 'new');
    // Usually one burst; a busy machine may split the two saves into two.
    const named = new Set(await next());
    if (named.size < 2) {
      (await next())?.forEach((p) => named.add(p));
    }
    expect([...named].sort()).toEqual([path.join(ws.vault, 'a.md'), path.join(ws.vault, 'b.md')]);
    ws.remove('b.md');
    expect(await next()).toEqual([path.join(ws.vault, 'b.md')]);
    ws.write('concepts.yml', 'sidecar: []\n');
    expect(await next()).toBeNull();
  });
});
