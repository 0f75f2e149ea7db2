// Helpers of the browser checks (`npm run test:browser`): the real server as a child process on a temp workspace,
// and Debian's Chromium with the network cut off but for that server.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = path.resolve(__dirname, '../..');
export const HOST = '127.0.0.1';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once the server prints "listening" or answers on /graphql; rejects if it exits. */
export function waitForServer(child: ChildProcess, url: string, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) {
        return;
      }
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (err) {
        reject(err);
      } else {
        resolve();
      }
    };
    const onData = (chunk: Buffer) => {
      if (/listening/i.test(chunk.toString())) {
        finish();
      }
    };
    const onExit = (code: number | null) => finish(new Error(`server exited early (code ${code}):\n${output()}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    const poll = setInterval(() => {
      // Plain http without keep-alive: any answer means the server is up.
      http
        .get(url, { agent: false, timeout: 1000 }, (res) => {
          res.resume();
          finish();
        })
        .on('error', () => undefined)
        .on('timeout', function (this: http.ClientRequest) {
          this.destroy();
        });
    }, 300);
    const timer = setTimeout(() => finish(new Error(`server did not start within 45 s:\n${output()}`)), 45_000);
  });
}

export interface ServerProcess {
  base: string;
  output: () => string;
  /** Resolves after the first sync has committed (its report printed). */
  synced: Promise<void>;
  stop(): Promise<void>;
}

/** `vaultgraph serve --sync [--watch]` from dist/ (as `npm start` runs it) on a database in `tmp`. */
export async function startServer(
  tmp: string,
  vault: string,
  opts: { watch?: boolean; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  let output = '';
  const args = ['bin/vaultgraph.js', 'serve', '--sync', '--port', String(port), ...(opts.watch ? ['--watch'] : [])];
  const server = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(tmp, `db-${port}.db`)}`,
      VAULT_PATH: vault,
      HOST,
      PORT: String(port),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const synced = new Promise<void>((resolve) => {
    const onData = (c: Buffer) => {
      if (/synced /.test(c.toString()) || /synced /.test(output)) {
        server.stdout?.off('data', onData);
        resolve();
      }
    };
    server.stdout?.on('data', onData);
  });
  server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  await waitForServer(server, `${base}/graphql`, () => output);
  return {
    base,
    output: () => output,
    synced,
    stop: async () => {
      if (server.exitCode !== null) {
        return;
      }
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (server.exitCode === null) {
        server.kill('SIGKILL');
      }
    },
  };
}

/** What a page did that it should not have: requests off the host, failed requests, errors. */
export interface PageWatch {
  blocked: string[];
  failed: string[];
  errors: string[];
}

/**
 * Chromium (headless, WebGL through SwiftShader) with every request that does not go to HOST aborted and recorded.
 * Console errors (a script, style or image refused by the content security policy is one) and page errors are
 * recorded per page by watchPage.
 */
export async function launchBrowser(
  profileDir: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; blocked: string[] }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the browser check needs Debian's Chromium (apt-get install -y chromium).`);
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport,
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(https?|wss?):/.test(url) && new URL(url).hostname !== HOST) {
      blocked.push(url);
      return route.abort();
    }
    return route.continue();
  });
  return { context, blocked };
}

export function watchPage(page: Page, watch: PageWatch): void {
  page.on('pageerror', (err) => watch.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Chromium's software WebGL logs performance notes as warnings; errors are what count.
    if (msg.type() === 'error') {
      watch.errors.push(`console: ${msg.text()}`);
    }
  });
  page.on('requestfailed', (req) => {
    // A request of ours still under way when the page is left (the live stream, a query) is cut: no failure. A request
    // off the host is aborted by the route above as net::ERR_FAILED, and recorded there.
    if (new URL(req.url()).hostname === HOST && req.failure()?.errorText === 'net::ERR_ABORTED') {
      return;
    }
    watch.failed.push(`${req.url()} ${req.failure()?.errorText}`);
  });
}

/** The web app as the browser checks use it: the server on a vault of its own, and Chromium with one watched page. */
export interface WebAppSession {
  server: ServerProcess;
  context: BrowserContext;
  page: Page;
  /** What the page did that it should not have (`blocked`: launchBrowser's list of requests off the host). */
  watch: PageWatch;
  /** Closes the browser, stops the server and removes the temp folder. */
  close(): Promise<void>;
}

/**
 * A temp folder named from `prefix`, a vault in it made by `makeVault`, `serve --sync` on it (first sync done) and
 * Chromium with its first page watched (watchPage).
 */
export async function openWebApp(
  prefix: string,
  makeVault: (vault: string) => void,
  opts: { watch?: boolean; env?: Record<string, string> } = {},
): Promise<WebAppSession> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let server: ServerProcess | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const vault = path.join(tmp, 'vault');
    makeVault(vault);
    server = await startServer(tmp, vault, opts);
    await server.synced;
    const browser = await launchBrowser(path.join(tmp, 'profile'));
    context = browser.context;
    const page = context.pages()[0] ?? (await context.newPage());
    const watch: PageWatch = { blocked: browser.blocked, failed: [], errors: [] };
    watchPage(page, watch);
    return { server, context, page, watch, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A GraphQL query's data; an answer with errors fails the test. */
export async function gql(base: string, query: string): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}
