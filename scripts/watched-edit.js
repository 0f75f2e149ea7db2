#!/usr/bin/env node
// One edited note as the watcher syncs it (the changed path only), in process, on a generated vault: the engine's own
// time for N edits after a cold sync, and N whole no-op syncs for comparison. Needs a build (dist/).
// Usage: node scripts/watched-edit.js [--notes 10000] [--runs 15]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { generateVault } = require('./gen-vault.js');

const ROOT = path.resolve(__dirname, '..');
const { values } = parseArgs({ options: { notes: { type: 'string', default: '10000' }, runs: { type: 'string', default: '15' } } });
const notes = Number(values.notes);
const runs = Number(values.runs);
const { migrateDatabase } = require(path.join(ROOT, 'dist', 'db', 'migrate.js'));
const { openSqlite } = require(path.join(ROOT, 'dist', 'db', 'sqlite.js'));
const { VaultSync } = require(path.join(ROOT, 'dist', 'sync', 'vault-sync.js'));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-watched-edit-'));
try {
  const vault = path.join(tmp, 'vault');
  generateVault({ out: vault, notes, quiet: true });
  const dbFile = path.join(tmp, 'edit.db');
  migrateDatabase(dbFile);
  const db = openSqlite(dbFile);
  const sync = new VaultSync(db, { maxFileBytes: 5 * 1024 * 1024, timeZone: 'UTC' });
  sync.sync(vault);
  const file = path.join(
    vault,
    fs.readdirSync(vault).find((f) => f.endsWith('.md') && f !== 'root.md'),
  );
  const edit = [];
  const noop = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    sync.sync(vault);
    noop.push(Math.round(performance.now() - t));
    fs.appendFileSync(file, `\nAnother sentence ${i} about the service mesh.\n`);
    t = performance.now();
    const report = sync.sync(vault, undefined, [file]);
    edit.push(Math.round(performance.now() - t));
    if (report.updated !== 1) {
      throw new Error(`the edit was not synced: ${JSON.stringify(report)}`);
    }
  }
  db.close();
  console.log(`${notes} notes, ${runs} runs (ms): watched one-note edit ${edit.join(' ')}; whole no-op sync ${noop.join(' ')}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
