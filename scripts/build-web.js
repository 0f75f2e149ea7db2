#!/usr/bin/env node
// Builds the web app (web/src) into web/dist with esbuild: run by `npm run build` and by `npm ci` (prepare).
// Prints each output file's size and the first page's JavaScript gzipped (`--json` for a machine-readable report).
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'web', 'src');
const OUT = path.join(ROOT, 'web', 'dist');

async function main() {
  const json = process.argv.includes('--json');
  fs.rmSync(OUT, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: { main: path.join(SRC, 'main.tsx') },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    outdir: path.join(OUT, 'assets'),
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  fs.copyFileSync(path.join(ROOT, 'web', 'index.html'), path.join(OUT, 'index.html'));

  const outputs = result.metafile.outputs;
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(ROOT, file)), { level: 9 }).length;
  // The first page: main.js and the chunks it imports statically (dynamic imports, like the graph's, load later).
  const firstPage = new Set();
  const visit = (file) => {
    if (firstPage.has(file)) {
      return;
    }
    firstPage.add(file);
    for (const imp of outputs[file].imports) {
      if (imp.kind === 'import-statement') {
        visit(imp.path);
      }
    }
  };
  const mainFile = Object.keys(outputs).find((f) => f.endsWith('/main.js'));
  visit(mainFile);
  const files = Object.keys(outputs)
    .filter((f) => !f.endsWith('.map'))
    .map((f) => ({ file: path.relative(OUT, path.join(ROOT, f)), bytes: outputs[f].bytes, gzip: gz(f), firstPage: firstPage.has(f) }));
  const firstPageGzip = files.filter((f) => f.firstPage && f.file.endsWith('.js')).reduce((n, f) => n + f.gzip, 0);
  if (json) {
    process.stdout.write(`${JSON.stringify({ files, firstPageJsGzip: firstPageGzip }, null, 2)}\n`);
  } else {
    for (const f of files) {
      process.stdout.write(
        `web/dist/${f.file}  ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzip / 1024).toFixed(1)} KB gzipped${f.firstPage ? ' (first page)' : ''}\n`,
      );
    }
    process.stdout.write(`first page JavaScript: ${(firstPageGzip / 1024).toFixed(1)} KB gzipped\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`build-web: ${err.message}\n`);
  process.exit(1);
});
