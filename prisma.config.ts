import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

// The config file turns off .env loading, so the default lives here; without a URL Prisma falls back to
// the Rust engine and tries to download it.
const url = process.env.DATABASE_URL ?? 'file:./data/vaultgraph.db';
process.env.DATABASE_URL = url;

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: () => Promise.resolve(new PrismaBetterSQLite3({ url })),
});
