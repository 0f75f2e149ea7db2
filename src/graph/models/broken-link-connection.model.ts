import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../common/graphql/pagination';
import { LinkModel } from '../../notes/models/note.model';

@ObjectType()
export class BrokenLinkEdge {
  @Field()
  cursor!: string;
  @Field(() => LinkModel)
  node!: LinkModel;
}

@ObjectType()
export class BrokenLinkConnection {
  @Field(() => [BrokenLinkEdge])
  edges!: BrokenLinkEdge[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int)
  totalCount!: number;
}
