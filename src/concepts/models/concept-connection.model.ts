import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../common/graphql/pagination';
import { ConceptModel } from './concept.model';

@ObjectType()
export class ConceptEdge {
  @Field()
  cursor!: string;
  @Field(() => ConceptModel)
  node!: ConceptModel;
}

@ObjectType()
export class ConceptConnection {
  @Field(() => [ConceptEdge])
  edges!: ConceptEdge[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int)
  totalCount!: number;
}
