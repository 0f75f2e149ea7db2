import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/migrate';

/** Where `npm run build` (scripts/build-web.js) puts the web app: outside dist/, which `nest start` empties. */
export const WEB_ROOT = path.join(PROJECT_ROOT, 'web', 'dist');

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** A built file by its name under assets/ (`main.js`, `chunk-AB12.js`, `main.css`), or undefined for anything else. */
export function webAsset(name: string): { file: string; contentType: string } | undefined {
  if (!/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:js|css|map|svg)$/.test(name)) {
    return undefined;
  }
  const file = path.join(WEB_ROOT, 'assets', name);
  return fs.existsSync(file) ? { file, contentType: TYPES[path.extname(name)] } : undefined;
}
