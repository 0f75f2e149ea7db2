// Run with `npm run test:browser` (jest.browser.config.js). Needs Debian's Chromium at
// /usr/bin/chromium (`apt-get install -y chromium`); never `npx playwright install`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, ROOT, startServer, type ServerProcess } from '../support/browser-server';

describe('GraphiQL landing page (offline, real server, Chromium)', () => {
  let tmp: string;
  let server: ServerProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let base: string;
  let blockedRequests: string[] = [];
  const failedRequests: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-ide-'));
    const vault = path.join(tmp, 'vault');
    fs.cpSync(path.join(ROOT, 'seeds'), vault, { recursive: true });
    server = await startServer(tmp, vault);
    base = server.base;

    // Network off for everything but the local server; remember what was attempted.
    const browser = await launchBrowser(path.join(tmp, 'profile'));
    context = browser.context;
    blockedRequests = browser.blocked;
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
    await server?.stop();
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
