import { Global, Module } from '@nestjs/common';
import { ConfigModule } from './common/config.module';
import { ReadCache } from './common/read-cache';
import { SqliteReader } from './common/sqlite-reader';
import { PrismaModule } from './prisma/prisma.module';

/** What both entry points share: configuration and the database (Prisma, a fast reader for the loaders, and their shared cache). */
@Global()
@Module({
  imports: [ConfigModule, PrismaModule],
  providers: [SqliteReader, ReadCache],
  exports: [ConfigModule, PrismaModule, SqliteReader, ReadCache],
})
export class CoreModule {}
