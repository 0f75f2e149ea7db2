// `vaultgraph serve` as a child process, for the scripts that measure the running server.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const CLI = path.resolve(__dirname, '..', 'bin', 'vaultgraph.js');

/**
 * Starts `vaultgraph serve [args]` on a random loopback port with `env`; resolves once it listens (and, with `--sync`,
 * once that first sync has committed: the server listens before it ends), with its GraphQL URL, its pid and a
 * `stop()` that resolves when the process has exited.
 */
async function startServer(env, args = [], onSpawn = () => {}) {
  const untilSynced = args.includes('--sync');
  const port = 39000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, [CLI, 'serve', ...args, '--port', String(port)], {
    env: { ...env, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onSpawn(server); // lets a caller stop a server that is still syncing (Ctrl-C)
  const exited = new Promise((resolve) => server.once('exit', resolve));
  await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('listening') && (!untilSynced || /^synced \S.* in \d+ ms$/m.test(out))) {
        resolve(undefined);
      }
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: server.pid,
    stop: async () => {
      if (server.exitCode !== null || server.signalCode !== null) {
        return;
      }
      server.kill('SIGTERM');
      await exited;
    },
  };
}

module.exports = { CLI, startServer };
