import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext, NoArgs } from '../common/graphql/gql-context';
import { NoteModel, SectionModel } from '../notes/models/note.model';
import { sectionOf } from '../notes/note.loaders';
import { firstCost, weighted } from '../common/graphql/cost';
import { SearchArgs } from './dto/search.args';
import { SearchHitModel } from './models/search-hit.model';
import { SearchService } from './search.service';

@Resolver(() => SearchHitModel)
export class SearchResolver {
  constructor(private readonly service: SearchService) {}

  @Query(() => [SearchHitModel], {
    description: 'Full-text search over note titles, headings and section text, best first.',
    complexity: weighted(200, firstCost),
  })
  search(@Args() args: SearchArgs): Promise<SearchHitModel[]> {
    return this.service.search(args.query, args.first);
  }

  @ResolveField(() => NoteModel)
  async note(hit: SearchHitModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel> {
    return (await ctx.loaders.note.load(hit.noteId)) as NoteModel;
  }

  @ResolveField(() => SectionModel, {
    nullable: true,
    description: 'The section whose own text matched (up to the next heading of any depth); null for text before the first heading.',
  })
  section(hit: SearchHitModel, _args: NoArgs, ctx: GqlContext): Promise<SectionModel | null> {
    return sectionOf(ctx.loaders, hit.noteId, hit.sectionOrdinal);
  }
}
