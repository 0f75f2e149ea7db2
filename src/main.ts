import 'reflect-metadata';
import { type INestApplication, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, IDE_OPTIONS } from './app.module';
import { AppConfig } from './common/app-config';
import { documentNestingGuard, MAX_DOCUMENT_NESTING } from './common/graphql/document-nesting';
import { HttpErrorFilter } from './common/http-error.filter';
import { isLoopbackAddress, loopbackHostGuard, securityHeaders } from './common/http-security';
import { ideScriptHash } from './common/ide/ide-landing-page.plugin';
import { runInRequestScope } from './common/request-scope';

export const REQUEST_BODY_LIMIT = '1mb';

/** The HTTP application, not yet listening: the server entry point and the e2e tests both build it here. */
export async function createServer(logLevels: LogLevel[] | false = ['error', 'warn']): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: logLevels });
  const config = app.get(AppConfig);
  app.disable('x-powered-by');
  // Every request gets an id (sent back as X-Request-Id, quoted in internal-error answers) and a deadline.
  app.use((req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) =>
    runInRequestScope(config.requestTimeoutMs, (id) => {
      res.setHeader('x-request-id', id);
      next();
    }),
  );
  if (isLoopbackAddress(config.host)) {
    app.use(loopbackHostGuard(config.allowedHosts));
  }
  app.use(securityHeaders([ideScriptHash(IDE_OPTIONS)]));
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
  app.use('/graphql', documentNestingGuard(MAX_DOCUMENT_NESTING));
  app.useGlobalPipes(new ValidationPipe({ transform: true }));
  app.useGlobalFilters(new HttpErrorFilter(config.debug));
  app.enableShutdownHooks();
  return app;
}

/**
 * Run as the entry point (`nest start`, `npm run start:dev`, `node dist/main.js`): serve as `npm start` does, through
 * the CLI's own `serve --sync --watch` and its error policy. Options come from the environment (PORT, HOST,
 * VAULT_PATH, DATABASE_URL). Imported (tests, scripts, the CLI), this file only builds servers.
 */
if (require.main === module) {
  void import('./cli').then(({ main }) => main([process.argv[0], 'vaultgraph', 'serve', '--sync', '--watch']));
}
