import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DiagnosticModel } from '../../notes/models/stats.model';

export enum SyncStateEnum {
  idle = 'idle',
  syncing = 'syncing',
}
registerEnumType(SyncStateEnum, { name: 'SyncState' });

@ObjectType('SyncReport')
export class SyncReportModel {
  @Field(() => Int)
  runId!: number;
  @Field()
  workspace!: string;
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
  @Field(() => [DiagnosticModel])
  diagnostics!: DiagnosticModel[];
  @Field(() => Float)
  durationMs!: number;
}

@ObjectType('SyncRun')
export class SyncRunModel {
  @Field(() => Int)
  id!: number;
  @Field(() => GraphQLISODateTime)
  startedAt!: Date;
  @Field(() => Float)
  durationMs!: number;
  @Field()
  status!: string;
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
  @Field(() => Int)
  notes!: number;
  @Field(() => Int)
  diagnosticCount!: number;
}

@ObjectType('SyncStatus')
export class SyncStatusModel {
  @Field(() => SyncStateEnum)
  state!: SyncStateEnum;
  @Field({ description: 'true once a sync has completed: the data can be trusted' })
  ready!: boolean;
  @Field(() => SyncRunModel, { nullable: true })
  lastRun!: SyncRunModel | null;
}
