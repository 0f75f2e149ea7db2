import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
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
      milestones: new DataLoader(async (ids) => {
        const byNote = new Map<string, MilestoneModel[]>(ids.map((id) => [id, []]));
        for (const m of this.progress.models(await this.repo.ofNotes(ids))) {
          byNote.get(m.noteId)?.push(m);
        }
        return ids.map((id) => byNote.get(id) ?? []);
      }),
    };
  }
}
