import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext, NoArgs } from '../common/graphql/gql-context';
import { NoteModel } from '../notes/models/note.model';
import { NoteConnection } from '../notes/models/note-connection.model';
import { firstCost, listCost, weighted } from '../common/graphql/cost';
import { PageArgs } from '../common/graphql/pagination';
import { graphCost, PATH_COST, WHOLE_GRAPH_COST } from './graph.records';
import { ExportGraphArgs, GraphArgs, PathArgs, UnlinkedMentionsArgs } from './dto/graph.args';
import { GraphService } from './graph.service';
import { LinkAuditService } from './link-audit.service';
import { BrokenLinkConnection } from './models/broken-link-connection.model';
import { GraphEdgeModel, GraphModel, GraphNodeModel } from './models/graph.model';
import { UnlinkedMentionModel } from './models/unlinked-mention.model';

@Resolver()
export class GraphResolver {
  constructor(
    private readonly graphs: GraphService,
    private readonly audit: LinkAuditService,
  ) {}

  @Query(() => GraphModel, {
    description: 'The nodes within `depth` hops of `from` (edges taken both ways) and the edges among them.',
    complexity: weighted((args) => graphCost(args.depth, args.maxNodes)),
  })
  async graph(@Args() args: GraphArgs): Promise<GraphModel> {
    const g = await this.graphs.graph(args.from, args.depth, args.kinds, args.maxNodes);
    return { nodes: g.nodes.map((n) => GraphNodeModel.from(n)), edges: g.edges.map((e) => GraphEdgeModel.from(e)), truncated: g.truncated };
  }

  @Query(() => [GraphNodeModel], {
    description: 'A shortest path from `from` to `to` (edges taken both ways), [] when none.',
    complexity: weighted(PATH_COST, listCost),
  })
  async path(@Args() args: PathArgs): Promise<GraphNodeModel[]> {
    return (await this.graphs.path(args.from, args.to, args.kinds)).map((n) => GraphNodeModel.from(n));
  }

  @Query(() => String, {
    description: 'The graph as a file: a neighbourhood with `from`, else the whole note graph.',
    complexity: weighted((args) => (args.from ? 2 * graphCost(args.depth, args.maxNodes) : WHOLE_GRAPH_COST)),
  })
  exportGraph(@Args() args: ExportGraphArgs): Promise<string> {
    return this.graphs.exportGraph(args.format, { from: args.from, depth: args.depth, kinds: args.kinds, maxNodes: args.maxNodes });
  }

  @Query(() => NoteConnection, {
    description: 'Notes (not stubs) with no resolved link in or out; hierarchy does not count.',
    complexity: weighted(200, firstCost),
  })
  orphans(@Args() args: PageArgs): Promise<NoteConnection> {
    return this.audit.orphans(args.first, args.after);
  }

  @Query(() => BrokenLinkConnection, {
    description: 'Links to notes that do not exist (external URLs excluded).',
    complexity: weighted(50, firstCost),
  })
  brokenLinks(@Args() args: PageArgs): Promise<BrokenLinkConnection> {
    return this.audit.brokenLinks(args.first, args.after);
  }

  @Query(() => [UnlinkedMentionModel], {
    complexity: weighted(1000, firstCost),
    description:
      'Lines of other notes that name the note (its title; its last fname segment too when the title is derived) without linking to it.',
  })
  async unlinkedMentions(@Args() args: UnlinkedMentionsArgs): Promise<UnlinkedMentionModel[]> {
    return (await this.audit.unlinkedMentions(args.note, args.first)).map((m) => UnlinkedMentionModel.from(m));
  }
}

@Resolver(() => UnlinkedMentionModel)
export class UnlinkedMentionResolver {
  @ResolveField(() => NoteModel, { description: 'The note holding the mention.' })
  async note(mention: UnlinkedMentionModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel> {
    return (await ctx.loaders.note.load(mention.noteId)) as NoteModel;
  }
}
