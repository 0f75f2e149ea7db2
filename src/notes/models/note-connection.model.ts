import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../common/graphql/pagination';
import { NoteModel } from './note.model';

@ObjectType()
export class NoteEdge {
  @Field()
  cursor!: string;
  @Field(() => NoteModel)
  node!: NoteModel;
}

@ObjectType()
export class NoteConnection {
  @Field(() => [NoteEdge])
  edges!: NoteEdge[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => Int)
  totalCount!: number;
}
