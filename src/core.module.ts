import { Global, Module } from '@nestjs/common';
import { ConfigModule } from './common/config.module';
import { SqliteReader } from './common/sqlite-reader';
import { PrismaModule } from './prisma/prisma.module';

/** What both entry points share: configuration and the database (Prisma, and a fast reader for the loaders). */
@Global()
@Module({ imports: [ConfigModule, PrismaModule], providers: [SqliteReader], exports: [ConfigModule, PrismaModule, SqliteReader] })
export class CoreModule {}
