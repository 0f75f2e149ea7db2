import { Global, Module } from '@nestjs/common';
import { ConfigModule } from './common/config.module';
import { ReadCache } from './common/read-cache';
import { DbModule } from './db/db.module';

/** What both entry points share: configuration and the database (src/db: Prisma and a fast reader for the loaders), and their shared cache. */
@Global()
@Module({
  imports: [ConfigModule, DbModule],
  providers: [ReadCache],
  exports: [ConfigModule, DbModule, ReadCache],
})
export class CoreModule {}
