import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { listCost } from '../../common/graphql/cost';
import { LocalDate } from '../../common/graphql/local-date.scalar';
import type { MilestoneRecord } from '../milestone.records';

@ObjectType('MilestoneDiagnostic')
export class MilestoneDiagnosticModel {
  @Field()
  code!: string;
  @Field()
  message!: string;
  @Field(() => Int, { nullable: true })
  line!: number | null;
}

@ObjectType('Milestone', { description: 'A dated checklist item of a study plan, e.g. `- [x] 1/4(sat): 2`.' })
export class MilestoneModel {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { nullable: true, description: 'Text after `:`, e.g. `2` for chapter 2.' })
  target!: string | null;
  @Field(() => Int, { nullable: true })
  chapter!: number | null;
  @Field(() => String, { nullable: true })
  label!: string | null;
  @Field(() => LocalDate)
  date!: string;
  @Field(() => String, { nullable: true, description: 'As written, e.g. `sat`.' })
  weekday!: string | null;
  @Field()
  done!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a sync first saw it ticked.' })
  doneAt!: Date | null;
  @Field(() => LocalDate, { nullable: true, description: 'The date before the last reschedule.' })
  rescheduledFrom!: string | null;
  @Field(() => Int)
  line!: number;
  @Field({ description: 'Not done and dated before today (in VAULTGRAPH_TZ).' })
  overdue!: boolean;
  @Field(() => [MilestoneDiagnosticModel], { complexity: listCost })
  diagnostics!: MilestoneDiagnosticModel[];

  noteId!: string;

  static from(r: MilestoneRecord, today: string): MilestoneModel {
    return Object.assign(new MilestoneModel(), r, {
      doneAt: r.doneAtMs === null ? null : new Date(r.doneAtMs),
      overdue: !r.done && r.date < today,
    });
  }
}

@ObjectType('BurndownPoint')
export class BurndownPointModel {
  @Field(() => LocalDate)
  date!: string;
  @Field(() => Int)
  planned!: number;
  @Field(() => Int, { nullable: true })
  actual!: number | null;
}

@ObjectType('Progress', { description: 'How a study plan is going, as of a date.' })
export class ProgressModel {
  @Field(() => LocalDate)
  asOf!: string;
  @Field(() => Int)
  total!: number;
  @Field(() => Int)
  done!: number;
  @Field(() => Int)
  remaining!: number;
  @Field(() => Float)
  percent!: number;
  @Field(() => [MilestoneModel], { complexity: listCost })
  overdue!: MilestoneModel[];
  @Field(() => [MilestoneModel], { complexity: listCost })
  dueToday!: MilestoneModel[];
  @Field(() => MilestoneModel, { nullable: true })
  nextDue!: MilestoneModel | null;
  @Field(() => LocalDate, { nullable: true })
  startDate!: string | null;
  @Field(() => LocalDate, { nullable: true })
  endDate!: string | null;
  @Field(() => Float, { description: 'Milestones done per day since the plan started.' })
  pace!: number;
  @Field(() => LocalDate, { nullable: true })
  projectedFinish!: string | null;
  @Field(() => Int)
  daysBehind!: number;
  @Field(() => Int)
  streak!: number;

  /** The note whose plan this is: Progress.burndown (a field resolver) reads its milestones. */
  noteId!: string;
}

@ObjectType('AgendaDay')
export class AgendaDayModel {
  @Field(() => LocalDate)
  date!: string;
  @Field(() => [MilestoneModel], { complexity: listCost })
  milestones!: MilestoneModel[];
}
