import { Module } from '@nestjs/common';
import { ConfigModule } from '../common/config.module';
import { SyncModule } from '../sync/sync.module';

/**
 * The CLI's root module for `sync`: the same SyncService as the server, without HTTP, GraphQL or Prisma, and writing
 * on the main thread: nothing waits for answers meanwhile, so a worker would only add its start-up.
 */
@Module({ imports: [ConfigModule, SyncModule.inProcess()] })
export class CliSyncModule {}
