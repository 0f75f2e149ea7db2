import 'reflect-metadata';
import { type INestApplication, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { DomainErrorFilter } from './common/domain-error.filter';

export const REQUEST_BODY_LIMIT = '1mb';

/** The HTTP application, not yet listening: the server entry point and the e2e tests both build it here. */
export async function createServer(logLevels: LogLevel[] | false = ['error', 'warn']): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: logLevels });
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
  app.useGlobalPipes(new ValidationPipe({ transform: true }));
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();
  return app;
}
