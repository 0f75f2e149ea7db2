import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext, NoArgs } from '../common/graphql/gql-context';
import { NoteModel, SectionModel } from '../notes/models/note.model';
import { sectionOf } from '../notes/note.loaders';
import { ConceptService } from './concept.service';
import { firstCost, listCost, weighted } from '../common/graphql/cost';
import { ConceptsArgs, DefineConceptArgs, RelatedArgs } from './dto/concepts.args';
import { ConceptConnection } from './models/concept-connection.model';
import { ConceptModel, MentionModel, RelatedConceptModel } from './models/concept.model';

@Resolver(() => ConceptModel)
export class ConceptsResolver {
  constructor(private readonly service: ConceptService) {}

  @Query(() => ConceptModel, { nullable: true, description: 'One concept by name, key or dictionary alias (`gateways` finds `gateway`).' })
  concept(@Args('name') name: string): Promise<ConceptModel | null> {
    return this.service.byName(name);
  }

  @Query(() => ConceptConnection, { description: 'Concepts in key order, a page at a time.', complexity: weighted(5, firstCost) })
  concepts(@Args() args: ConceptsArgs): Promise<ConceptConnection> {
    return this.service.page(args);
  }

  @Mutation(() => ConceptModel, {
    description: 'Add or replace a dictionary entry, then match it in every note.',
    complexity: weighted(1000),
  })
  defineConcept(@Args() args: DefineConceptArgs): Promise<ConceptModel> {
    return this.service.define(args.name, args.aliases);
  }

  @Mutation(() => Boolean, {
    complexity: weighted(1000),
    description:
      'Remove a dictionary entry made with defineConcept; the concept stays if the notes also name it. NOT_FOUND if there is none.',
  })
  removeConcept(@Args('name') name: string): Promise<boolean> {
    return this.service.remove(name);
  }

  @Mutation(() => Boolean, {
    complexity: weighted(1000),
    description:
      'Drop a concept the text gave (a false one): its name joins the ignore list and it goes with its mentions at once. A dictionary entry stays.',
  })
  ignoreConcept(@Args('name') name: string): Promise<boolean> {
    return this.service.ignore(name);
  }

  @Mutation(() => Boolean, {
    complexity: weighted(1000),
    description:
      'Take a name off the ignore list made with ignoreConcept; the text may make it a concept again. NOT_FOUND if it is not there.',
  })
  unignoreConcept(@Args('name') name: string): Promise<boolean> {
    return this.service.unignore(name);
  }

  @ResolveField(() => [MentionModel], { description: 'Where the notes name it, by note fname and line.', complexity: listCost })
  mentions(concept: ConceptModel, _args: NoArgs, ctx: GqlContext): Promise<MentionModel[]> {
    return ctx.loaders.conceptMentions.load(concept.id);
  }

  @ResolveField(() => [RelatedConceptModel], {
    description: 'Concepts named in the same sections, most shared sections first, then most salient.',
    complexity: firstCost,
  })
  async related(@Parent() concept: ConceptModel, @Context() ctx: GqlContext, @Args() args: RelatedArgs): Promise<RelatedConceptModel[]> {
    return (await ctx.loaders.relatedConcepts.load(concept.id)).slice(0, args.first);
  }

  @ResolveField(() => [NoteModel], { description: 'Notes that mention it, in fname order.', complexity: listCost })
  async notes(concept: ConceptModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel[]> {
    const ids = [...new Set((await ctx.loaders.conceptMentions.load(concept.id)).map((m) => m.noteId))];
    return (await ctx.loaders.note.loadMany(ids)).filter((n): n is NoteModel => n instanceof NoteModel);
  }
}

@Resolver(() => MentionModel)
export class MentionsResolver {
  @ResolveField(() => NoteModel)
  async note(mention: MentionModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel> {
    return (await ctx.loaders.note.load(mention.noteId)) as NoteModel;
  }

  @ResolveField(() => SectionModel, { nullable: true, description: 'Innermost section holding the line (see Section.chapterSection).' })
  section(mention: MentionModel, _args: NoArgs, ctx: GqlContext): Promise<SectionModel | null> {
    return sectionOf(ctx.loaders, mention.noteId, mention.sectionOrdinal);
  }
}
