// Run with `npm run test:browser` (jest.browser.config.js). Needs Debian's Chromium at
// /usr/bin/chromium (`apt-get install -y chromium`); never `npx playwright install`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
const HOST = '127.0.0.1';

function freePort(): Promise<number> {
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
function waitForServer(child: ChildProcess, url: string, output: () => string): Promise<void> {
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

describe('GraphiQL landing page (offline, real server, Chromium)', () => {
  let tmp: string;
  let server: ChildProcess | undefined;
  let serverOutput = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let base: string;
  const blockedRequests: string[] = [];
  const failedRequests: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: the browser check needs Debian's Chromium (apt-get install -y chromium).`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-ide-'));
    const vault = path.join(tmp, 'vault');
    fs.cpSync(path.join(ROOT, 'seeds'), vault, { recursive: true });

    const port = await freePort();
    base = `http://${HOST}:${port}`;
    server = spawn(process.execPath, ['bin/vaultgraph.js', 'serve', '--sync', '--port', String(port)], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `file:${path.join(tmp, 't.db')}`,
        VAULT_PATH: vault,
        HOST,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (c: Buffer) => (serverOutput += c.toString()));
    server.stderr?.on('data', (c: Buffer) => (serverOutput += c.toString()));
    await waitForServer(server, `${base}/graphql`, () => serverOutput);

    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-quic',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1280, height: 800 },
    });
    // Network off for everything but the local server; remember what was attempted.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).hostname === HOST) {
        return route.continue();
      }
      blockedRequests.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // A script, style or font refused by the content security policy shows up as a console error.
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        consoleErrors.push(msg.text());
      }
    });
    page.on('requestfailed', (req) => failedRequests.push(`${req.url()} ${req.failure()?.errorText}`));
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (server.exitCode === null) {
        server.kill('SIGKILL');
      }
    }
    if (tmp) {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('renders GraphiQL from local assets and runs a query', async () => {
    const response = await page.goto(`${base}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');

    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor({ state: 'visible', timeout: 20_000 });

    const query = '{ note(fname: "lfs144") { title } }';
    // GraphiQL 3 uses CodeMirror 5: set the text through its API (typing would fight auto-close brackets).
    const viaApi = await page.evaluate((q) => {
      type CmHost = { CodeMirror?: { setValue(v: string): void } };
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      const el = doc.querySelector('.graphiql-query-editor .CodeMirror') as CmHost | null;
      if (!el?.CodeMirror) {
        return false;
      }
      el.CodeMirror.setValue(q);
      return true;
    }, query);
    if (!viaApi) {
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(query);
    }

    await page.click('.graphiql-execute-button');
    const result = page.locator('.graphiql-response');
    let text = '';
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
      text = (await result.innerText()).replace(/\s+/g, ' ');
      if (text.includes('Lfs144')) {
        break;
      }
      await page.waitForTimeout(200);
    }
    expect(text).toContain('"title": "Lfs144"');

    await page.screenshot({ path: '/tmp/ide.png' });

    expect(blockedRequests).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
  });
});
