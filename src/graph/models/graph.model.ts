import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { listCost } from '../../common/graphql/cost';
import type { GraphEdgeRecord, GraphNodeRecord } from '../graph.records';

export enum GraphNodeKind {
  note = 'note',
  concept = 'concept',
}
registerEnumType(GraphNodeKind, { name: 'GraphNodeKind' });

export enum GraphEdgeKind {
  link = 'link',
  hierarchy = 'hierarchy',
  mention = 'mention',
  related = 'related',
}
registerEnumType(GraphEdgeKind, {
  name: 'GraphEdgeKind',
  description:
    'link: resolved links note → note (weight = links); hierarchy: parent → child; mention: note → concept (weight = ' +
    'mentions); related: concept — concept (weight = sections naming both)',
});

export enum GraphFormat {
  graphml = 'graphml',
  cytoscape = 'cytoscape',
  dot = 'dot',
  mermaid = 'mermaid',
}
registerEnumType(GraphFormat, {
  name: 'GraphFormat',
  description: 'graphml (GraphML 1.0), cytoscape (Cytoscape.js elements JSON), dot (Graphviz), mermaid (flowchart)',
});

@ObjectType('GraphNode')
export class GraphNodeModel {
  @Field({ description: 'The note id, or `concept:<key>`.' })
  id!: string;
  @Field(() => GraphNodeKind)
  kind!: GraphNodeKind;
  @Field({ description: 'Note title or concept name.' })
  label!: string;

  static from(r: GraphNodeRecord): GraphNodeModel {
    return Object.assign(new GraphNodeModel(), r, { kind: r.kind as GraphNodeKind });
  }
}

@ObjectType('GraphEdge')
export class GraphEdgeModel {
  @Field()
  source!: string;
  @Field()
  target!: string;
  @Field(() => GraphEdgeKind)
  kind!: GraphEdgeKind;
  @Field(() => Int)
  weight!: number;

  static from(r: GraphEdgeRecord): GraphEdgeModel {
    return Object.assign(new GraphEdgeModel(), r, { kind: r.kind as GraphEdgeKind });
  }
}

@ObjectType('Graph')
export class GraphModel {
  @Field(() => [GraphNodeModel], { complexity: listCost })
  nodes!: GraphNodeModel[];
  @Field(() => [GraphEdgeModel], { complexity: listCost })
  edges!: GraphEdgeModel[];
  @Field({ description: 'Nodes within the depth were left out to stay within maxNodes (the whole-vault export is never cut).' })
  truncated!: boolean;
}
