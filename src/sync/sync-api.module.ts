import { Module } from '@nestjs/common';
import { SyncRunRepository } from '../diagnostics/sync-run.repository';
import { SyncModule } from './sync.module';
import { SyncResolver } from './sync.resolver';

/** The sync over GraphQL (mutation `sync`, `syncStatus`); the CLI uses SyncModule without it. */
@Module({ imports: [SyncModule], providers: [SyncRunRepository, SyncResolver] })
export class SyncApiModule {}
