import { type DynamicModule, Module } from '@nestjs/common';
import { SyncCommits } from './sync-commits';
import { SYNC_THREAD, SyncService, type SyncThreadChoice } from './sync.service';

/**
 * The sync engine as a Nest service: no GraphQL and no Prisma, so the CLI's `sync` starts fast. Its writes run on a
 * worker thread; the CLI's `sync` imports SyncModule.inProcess() instead.
 */
@Module({ providers: [SyncService, SyncCommits], exports: [SyncService, SyncCommits] })
export class SyncModule {
  /** Writes on the caller's thread: for a process that serves nothing while it syncs. */
  static inProcess(): DynamicModule {
    return { module: SyncModule, providers: [{ provide: SYNC_THREAD, useValue: 'in-process' satisfies SyncThreadChoice }] };
  }
}
