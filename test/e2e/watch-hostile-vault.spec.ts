import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { collectOutput, exited, servedUrl, spawnCli } from '../support/spawn-cli';
import { note, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/**
 * `serve --watch` as a real process on a vault full of symlink traps: loops (a note linking to itself, a folder
 * linking to `.`, two folders and two notes linking to each other) and a dangling link. The server starts, answers,
 * reports the bad files, and still follows edits of the good ones.
 */
describe('serve --watch on a vault with symlink loops', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = tempWorkspace();
    ws.write('root.md', note('root', 'Root', 'the root'));
    ws.write('good.md', note('good', 'Good', 'a good note'));
    const link = (target: string, name: string) => fs.symlinkSync(target, path.join(ws.vault, name));
    link('loop.md', 'loop.md');
    link('.', 'sub');
    link('b', 'a');
    link('a', 'b');
    link('b.md', 'a.md');
    link('a.md', 'b.md');
    link('nowhere.md', 'dangling.md');
  });

  afterAll(() => ws.cleanup());

  it('starts, answers, reports the bad files and follows a later edit', async () => {
    const child = spawnCli(['serve', '--sync', '--watch', '--vault', ws.vault, '--port', '0'], { DATABASE_URL: ws.databaseUrl });
    const output = collectOutput(child);
    try {
      const url = await servedUrl(child, output);
      expect({ url: url !== undefined, exit: child.exitCode, stderr: output.stderr() }).toEqual({ url: true, exit: null, stderr: '' });
      const gql = async (query: string): Promise<any> => {
        const res = await request(url as string)
          .post('/graphql')
          .send({ query });
        return res.body;
      };

      const unreadable = [...output.stdout().matchAll(/(\S+) UNREADABLE: cannot read file: (\w+)/g)].map((m) => `${m[1]} ${m[2]}`);
      expect(unreadable).toEqual(['vault/a.md ELOOP', 'vault/b.md ELOOP', 'vault/dangling.md ENOENT', 'vault/loop.md ELOOP']);
      const stored = (await gql('{ diagnostics { file code } }')).data.diagnostics as { file: string; code: string }[];
      expect(stored.map((d) => `${d.file} ${d.code}`).sort()).toEqual([
        'a.md UNREADABLE',
        'b.md UNREADABLE',
        'dangling.md UNREADABLE',
        'loop.md UNREADABLE',
      ]);
      expect((await gql('{ note(fname: "good") { title } }')).data.note.title).toBe('Good');

      ws.write('good.md', note('good', 'Good, edited', 'a good note'));
      let title: string | undefined;
      for (let i = 0; i < 100 && title !== 'Good, edited'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        title = (await gql('{ note(fname: "good") { title } }')).data.note.title;
      }
      expect(title).toBe('Good, edited');
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
