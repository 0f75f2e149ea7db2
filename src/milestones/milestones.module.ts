import { Module } from '@nestjs/common';
import { NotesModule } from '../notes/notes.module';
import { SyncModule } from '../sync/sync.module';
import { MilestoneWriteService } from './milestone-write.service';
import { MilestoneRepository } from './milestone.repository';
import { MilestonesResolver, NoteMilestonesResolver } from './milestones.resolver';
import { ProgressService } from './progress.service';

@Module({
  imports: [NotesModule, SyncModule],
  providers: [MilestoneRepository, ProgressService, MilestoneWriteService, MilestonesResolver, NoteMilestonesResolver],
  exports: [ProgressService, MilestoneRepository],
})
export class MilestonesModule {}
