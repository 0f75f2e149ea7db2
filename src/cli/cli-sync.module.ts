import { Module } from '@nestjs/common';
import { ConfigModule } from '../common/config.module';
import { SyncModule } from '../sync/sync.module';

/**
 * The CLI's root module for `sync`: the same SyncService as the server, without HTTP, GraphQL or Prisma, writing on
 * the same sync worker, whose heap limit keeps a large import's memory bounded (SYNC_HEAP_MB).
 */
@Module({ imports: [ConfigModule, SyncModule] })
export class CliSyncModule {}
