import { Module } from '@nestjs/common';
import { SyncService } from './sync.service';

/** The sync engine as a Nest service: no GraphQL and no Prisma, so the CLI's `sync` starts fast. */
@Module({ providers: [SyncService], exports: [SyncService] })
export class SyncModule {}
