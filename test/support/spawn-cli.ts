import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './temp-workspace';

/**
 * The CLI as a real process, run from the TypeScript sources (test/support/register-ts.js), so a test sees what a
 * user sees: exit codes, stderr, a process that dies or does not.
 */
export function spawnCli(args: string[], env: Record<string, string>, options: { detached?: boolean } = {}): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', path.join(REPO_ROOT, 'test/support/register-ts.js'), path.join(REPO_ROOT, 'test/support/cli-main.ts'), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached,
    },
  );
}

/** Everything the process wrote, as it comes. */
export function collectOutput(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdout: () => out, stderr: () => err };
}

/** Resolves with the exit code (or the signal's name). */
export function exited(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode ?? (child.signalCode as string));
      return;
    }
    child.once('exit', (code, signal) => resolve(code ?? (signal as string)));
  });
}

/**
 * The URL of a spawned `serve`, once it printed "listening" and, with `--sync`, its first sync's report (the server
 * listens before that sync commits). Undefined if the process exited or took longer than `timeoutMs`.
 */
export async function servedUrl(
  child: ChildProcess,
  output: { stdout: () => string },
  opts: { synced: boolean; timeoutMs?: number } = { synced: true },
): Promise<string | undefined> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  while (Date.now() < deadline && child.exitCode === null) {
    const url = /listening on (\S+)\/graphql/.exec(output.stdout())?.[1];
    if (url !== undefined && (!opts.synced || /^synced \S.* in \d+ ms$/m.test(output.stdout()))) {
      return url;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}
