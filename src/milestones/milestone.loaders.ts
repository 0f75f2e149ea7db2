import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy } from '../common/group-by';
import { MilestoneRepository } from './milestone.repository';
import { MilestoneModel } from './models/milestone.model';
import { ProgressService } from './progress.service';

export interface MilestoneLoaders {
  milestones: DataLoader<string, MilestoneModel[]>;
}

/** Per-request loader of the milestones of many notes in one query. */
@Injectable()
export class MilestoneLoaderFactory {
  constructor(
    private readonly repo: MilestoneRepository,
    private readonly progress: ProgressService,
  ) {}

  create(): MilestoneLoaders {
    return {
      milestones: new DataLoader(async (ids) => groupBy(ids, this.progress.models(await this.repo.ofNotes(ids)), (m) => m.noteId)),
    };
  }
}
