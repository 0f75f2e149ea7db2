import { Module } from '@nestjs/common';
import { CoreModule } from '../core.module';
import { SyncModule } from '../sync/sync.module';

/** The CLI's second root module: the same services as the server, without HTTP or GraphQL. */
@Module({ imports: [CoreModule, SyncModule] })
export class CliSyncModule {}
