import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext, NoArgs } from '../common/graphql/gql-context';
import { listCost, weighted } from '../common/graphql/cost';
import { LocalDate } from '../common/graphql/local-date.scalar';
import { NoteModel, SectionModel } from '../notes/models/note.model';
import { MilestoneWriteService } from './milestone-write.service';
import { AgendaDayModel, BurndownPointModel, MilestoneModel, ProgressModel } from './models/milestone.model';
import { ProgressService } from './progress.service';

@Resolver(() => MilestoneModel)
export class MilestonesResolver {
  constructor(
    private readonly progressService: ProgressService,
    private readonly writer: MilestoneWriteService,
  ) {}

  @Query(() => [MilestoneModel], {
    description: 'Milestones by note, date range (inclusive) and done state, in date order.',
    complexity: listCost,
  })
  milestones(
    @Args('noteId', { type: () => String, nullable: true }) noteId?: string | null,
    @Args('from', { type: () => LocalDate, nullable: true }) from?: string | null,
    @Args('to', { type: () => LocalDate, nullable: true }) to?: string | null,
    @Args('done', { type: () => Boolean, nullable: true }) done?: boolean | null,
  ): Promise<MilestoneModel[]> {
    return this.progressService.list({ noteId, from, to, done });
  }

  @Query(() => ProgressModel, {
    description: 'How the plan of one note is going, as of a date (default: today; at most 10 years from the plan).',
    complexity: weighted(20),
  })
  progress(
    @Args('id', { type: () => String, nullable: true }) id?: string | null,
    @Args('fname', { type: () => String, nullable: true }) fname?: string | null,
    @Args('asOf', { type: () => LocalDate, nullable: true }) asOf?: string | null,
  ): Promise<ProgressModel> {
    return this.progressService.progress({ id, fname }, asOf);
  }

  @Query(() => [ProgressModel], {
    description: 'How the plan of every note that has one is going, as of a date (default: today), in fname order.',
    complexity: weighted(20, listCost),
  })
  plans(@Args('asOf', { type: () => LocalDate, nullable: true }) asOf?: string | null): Promise<ProgressModel[]> {
    return this.progressService.plans(asOf);
  }

  @Query(() => [AgendaDayModel], { description: 'Milestones of every note, per day, from..to inclusive.', complexity: listCost })
  agenda(
    @Args('from', { type: () => LocalDate }) from: string,
    @Args('to', { type: () => LocalDate }) to: string,
  ): Promise<AgendaDayModel[]> {
    return this.progressService.agenda(from, to);
  }

  @Mutation(() => MilestoneModel, {
    complexity: weighted(200),
    description: 'Tick or untick in the Markdown file (one byte), then re-sync. CONFLICT if the file changed since the last sync.',
  })
  async setMilestoneDone(@Args('id') id: string, @Args('done') done: boolean): Promise<MilestoneModel> {
    return this.progressService.models([await this.writer.setDone(id, done)])[0];
  }

  @ResolveField(() => NoteModel)
  async note(m: MilestoneModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel> {
    return (await ctx.loaders.note.load(m.noteId)) as NoteModel;
  }

  @ResolveField(() => SectionModel, { nullable: true, description: 'The section whose heading carries the target chapter number.' })
  async section(m: MilestoneModel, _args: NoArgs, ctx: GqlContext): Promise<SectionModel | null> {
    if (m.chapter === null) {
      return null;
    }
    const sections = await ctx.loaders.sections.load(m.noteId);
    return sections.find((s) => s.chapter === m.chapter) ?? null;
  }
}

@Resolver(() => ProgressModel)
export class ProgressResolver {
  constructor(private readonly progressService: ProgressService) {}

  @ResolveField(() => NoteModel, { description: 'The note whose plan this is.' })
  async note(p: ProgressModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel> {
    return (await ctx.loaders.note.load(p.noteId)) as NoteModel;
  }

  @ResolveField(() => [BurndownPointModel], {
    description: 'Milestones remaining per plan and in fact, one point per day (every few days past 1,000 days).',
    complexity: weighted(100, listCost),
  })
  async burndown(p: ProgressModel, _args: NoArgs, ctx: GqlContext): Promise<BurndownPointModel[]> {
    return this.progressService.burndownOf(await ctx.loaders.milestones.load(p.noteId), p.asOf);
  }
}

@Resolver(() => NoteModel)
export class NoteMilestonesResolver {
  @ResolveField(() => [MilestoneModel], { complexity: listCost })
  milestones(note: NoteModel, _args: NoArgs, ctx: GqlContext): Promise<MilestoneModel[]> {
    return ctx.loaders.milestones.load(note.id);
  }
}
