import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { listCost } from '../../common/graphql/cost';
import { DiagnosticModel } from '../../notes/models/stats.model';

export enum SyncStateEnum {
  idle = 'idle',
  syncing = 'syncing',
}
registerEnumType(SyncStateEnum, { name: 'SyncState' });

/** What every sync counts; shared by the report of a sync and the record of past runs. */
@ObjectType({ isAbstract: true })
abstract class SyncCountsModel {
  @Field(() => Int)
  added!: number;
  @Field(() => Int)
  updated!: number;
  @Field(() => Int)
  renamed!: number;
  @Field(() => Int)
  deleted!: number;
  @Field(() => Int)
  unchanged!: number;
  @Field(() => Int, { description: 'notes with a file after the sync' })
  notes!: number;
  @Field(() => Float)
  durationMs!: number;
}

@ObjectType('SyncReport')
export class SyncReportModel extends SyncCountsModel {
  @Field(() => Int)
  runId!: number;
  @Field()
  workspace!: string;
  @Field(() => [DiagnosticModel], { complexity: listCost })
  diagnostics!: DiagnosticModel[];
}

@ObjectType('SyncRun')
export class SyncRunModel extends SyncCountsModel {
  @Field(() => Int)
  id!: number;
  @Field(() => GraphQLISODateTime)
  startedAt!: Date;
  @Field()
  status!: string;
  @Field(() => Int)
  diagnosticCount!: number;
}

@ObjectType('SyncProgress')
export class SyncProgressModel {
  @Field(() => Int, { description: 'files examined so far' })
  done!: number;
  @Field(() => Int, {
    description: 'files in the vaults being synced (0 until the first progress message, after the first 200 files or the first vault)',
  })
  total!: number;
  @Field(() => Int, { description: 'files re-parsed so far (the others were unchanged)' })
  parsed!: number;
}

@ObjectType('SyncStatus')
export class SyncStatusModel {
  @Field(() => SyncStateEnum)
  state!: SyncStateEnum;
  @Field(() => SyncProgressModel, { nullable: true, description: 'how far the running sync is; null when idle' })
  progress!: SyncProgressModel | null;
  @Field({ description: 'true once a sync has completed: the data can be trusted' })
  ready!: boolean;
  @Field(() => SyncRunModel, { nullable: true })
  lastRun!: SyncRunModel | null;
}
