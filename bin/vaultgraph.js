#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('vaultgraph: not built yet; run `npm ci` (or `npm run build`) in the project folder first\n');
  process.exit(2);
}
/** @type {{ main: (argv: string[]) => Promise<void> }} */
const cli = require(entry);
void cli.main(process.argv);
