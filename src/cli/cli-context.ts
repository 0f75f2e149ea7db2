import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import fs from 'node:fs';
import { AppConfig } from '../common/app-config';
import { ensureMigrated } from '../db/migrate';

/** Migrates the database if needed, then runs `fn` in a Nest context of `module` (errors only logged), closed after. */
export async function withCliContext<T>(module: Type<unknown>, fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  ensureMigrated(new AppConfig().databaseFile);
  const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** A command's output: into `out` (and a line saying so on stderr), else to stdout, newline-terminated. */
export function emit(text: string, out: string | undefined): void {
  if (out) {
    fs.writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
  } else {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}
