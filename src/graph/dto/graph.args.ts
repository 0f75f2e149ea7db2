import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_GRAPH_NODES, MAX_GRAPH_DEPTH, MAX_GRAPH_NODES } from '../graph.records';
import { GraphEdgeKind, GraphFormat } from '../models/graph.model';

const KINDS_DESCRIPTION = 'edge kinds to follow (default: all)';
const MAX_NODES_DESCRIPTION = `at most this many nodes, nearest first (1 to ${MAX_GRAPH_NODES}); \`truncated\` says when some were left out`;

@ArgsType()
export class GraphArgs {
  @Field({ description: 'A note id or fname, or `concept:<key>`.' })
  from!: string;

  @Field(() => Int, { defaultValue: 1, description: `hops from \`from\`, 0 to ${MAX_GRAPH_DEPTH}` })
  @Min(0)
  @Max(MAX_GRAPH_DEPTH)
  depth: number = 1;

  @Field(() => [GraphEdgeKind], { nullable: true, description: KINDS_DESCRIPTION })
  @IsOptional()
  kinds?: GraphEdgeKind[] | null;

  @Field(() => Int, { defaultValue: DEFAULT_GRAPH_NODES, description: MAX_NODES_DESCRIPTION })
  @Min(1)
  @Max(MAX_GRAPH_NODES)
  maxNodes: number = DEFAULT_GRAPH_NODES;
}

@ArgsType()
export class PathArgs {
  @Field({ description: 'A note id or fname, or `concept:<key>`.' })
  from!: string;

  @Field({ description: 'A note id or fname, or `concept:<key>`.' })
  to!: string;

  @Field(() => [GraphEdgeKind], { nullable: true, description: KINDS_DESCRIPTION })
  @IsOptional()
  kinds?: GraphEdgeKind[] | null;
}

@ArgsType()
export class ExportGraphArgs {
  @Field(() => GraphFormat)
  format!: GraphFormat;

  @Field(() => String, { nullable: true, description: 'Export this node’s neighbourhood; without it, the whole vault.' })
  @IsOptional()
  from?: string | null;

  @Field(() => Int, { defaultValue: 1, description: `with \`from\`: hops, 0 to ${MAX_GRAPH_DEPTH}` })
  @Min(0)
  @Max(MAX_GRAPH_DEPTH)
  depth: number = 1;

  @Field(() => [GraphEdgeKind], {
    nullable: true,
    description: 'edge kinds (default: all with `from`; link and hierarchy, the note graph, without; add mention/related for concepts)',
  })
  @IsOptional()
  kinds?: GraphEdgeKind[] | null;

  @Field(() => Int, { defaultValue: DEFAULT_GRAPH_NODES, description: `with \`from\`: ${MAX_NODES_DESCRIPTION}` })
  @Min(1)
  @Max(MAX_GRAPH_NODES)
  maxNodes: number = DEFAULT_GRAPH_NODES;
}

@ArgsType()
export class UnlinkedMentionsArgs {
  @Field({ description: 'The mentioned note: id or fname.' })
  note!: string;

  @Field(() => Int, { defaultValue: 50, description: '1 to 200' })
  @Min(1)
  @Max(200)
  first: number = 50;
}
