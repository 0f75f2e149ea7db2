import { Module } from '@nestjs/common';
import { SyncCommits } from './sync-commits';
import { SyncService } from './sync.service';

/**
 * The sync engine as a Nest service: no GraphQL and no Prisma, so the CLI's `sync` starts fast. Its writes run on a
 * worker thread (SyncThread).
 */
@Module({ providers: [SyncService, SyncCommits], exports: [SyncService, SyncCommits] })
export class SyncModule {}
