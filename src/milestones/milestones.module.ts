import { Module } from '@nestjs/common';
import { NotesModule } from '../notes/notes.module';
import { SyncModule } from '../sync/sync.module';
import { BurndownController } from './burndown.controller';
import { MilestoneExportService } from './milestone-export.service';
import { MilestoneLoaderFactory } from './milestone.loaders';
import { MilestoneWriteService } from './milestone-write.service';
import { MilestoneRepository } from './milestone.repository';
import { MilestonesResolver, NoteMilestonesResolver, ProgressResolver } from './milestones.resolver';
import { ProgressService } from './progress.service';

@Module({
  imports: [NotesModule, SyncModule],
  controllers: [BurndownController],
  providers: [
    MilestoneRepository,
    MilestoneExportService,
    ProgressService,
    MilestoneLoaderFactory,
    MilestoneWriteService,
    MilestonesResolver,
    NoteMilestonesResolver,
    ProgressResolver,
  ],
  exports: [ProgressService, MilestoneExportService, MilestoneRepository, MilestoneLoaderFactory],
})
export class MilestonesModule {}
