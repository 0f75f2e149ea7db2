import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { weighted } from '../common/graphql/cost';
import { SyncReportModel, SyncStateEnum, SyncStatusModel } from './models/sync-report.model';
import { SyncRunRepository } from '../diagnostics/sync-run.repository';
import { SyncService } from './sync.service';

@Resolver()
export class SyncResolver {
  constructor(
    private readonly syncs: SyncService,
    private readonly runs: SyncRunRepository,
  ) {}

  @Mutation(() => SyncReportModel, {
    description:
      'Sync the configured workspace (VAULT_PATH). `vault`, when given, must name one of its vaults; other folders are synced from the CLI.',
    complexity: weighted(1000),
  })
  sync(@Args('vault', { type: () => String, nullable: true }) vault?: string | null): Promise<SyncReportModel> {
    return this.syncs.syncConfigured(vault);
  }

  @Query(() => SyncStatusModel)
  async syncStatus(): Promise<SyncStatusModel> {
    const last = await this.runs.last();
    return {
      state: this.syncs.state as SyncStateEnum,
      progress: this.syncs.progress,
      ready: last !== null,
      lastRun: last && { ...last, startedAt: new Date(last.startedMs) },
    };
  }
}
