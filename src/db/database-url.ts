import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:./data/vaultgraph.db';

/** `file:./data/x.db` -> absolute path, resolved from the working directory as Prisma does. */
export function databaseFile(url: string): string {
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL, got ${url}`);
  }
  const file = url.slice('file:'.length).split('?')[0];
  return path.resolve(file);
}
