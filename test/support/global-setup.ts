import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { migrateDatabase } from '../../src/db/migrate';

/** Migrate one template database per test run; each test copies it (a migration costs ~1 s, a copy ~1 ms). */
export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultgraph-template-'));
  const file = path.join(dir, 'template.db');
  migrateDatabase(file);
  process.env.VAULTGRAPH_TEMPLATE_DB = file;
}
