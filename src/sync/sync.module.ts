import { Module } from '@nestjs/common';
import { SyncRunRepository } from './sync-run.repository';
import { SyncResolver } from './sync.resolver';
import { SyncService } from './sync.service';

@Module({ providers: [SyncService, SyncRunRepository, SyncResolver], exports: [SyncService] })
export class SyncModule {}
