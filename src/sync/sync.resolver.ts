import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SyncReportModel, SyncStateEnum, SyncStatusModel } from './models/sync-report.model';
import { SyncRunRepository } from './sync-run.repository';
import { SyncService } from './sync.service';

@Resolver()
export class SyncResolver {
  constructor(
    private readonly syncs: SyncService,
    private readonly runs: SyncRunRepository,
  ) {}

  @Mutation(() => SyncReportModel, { description: 'Sync the vault folder (default: the configured VAULT_PATH).' })
  sync(@Args('vault', { type: () => String, nullable: true }) vault?: string | null): SyncReportModel {
    return this.syncs.sync(vault ?? undefined);
  }

  @Query(() => SyncStatusModel)
  async syncStatus(): Promise<SyncStatusModel> {
    const last = await this.runs.last();
    return {
      state: this.syncs.state as SyncStateEnum,
      ready: last !== null,
      lastRun: last && { ...last, startedAt: new Date(last.startedMs) },
    };
  }
}
