import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { PageArgs } from '../../common/graphql/pagination';

@InputType()
export class NoteFilter {
  @Field(() => String, { nullable: true })
  vault?: string | null;
  @Field(() => String, { nullable: true, description: 'fname starts with, e.g. `lfs144.`' })
  fnamePrefix?: string | null;
  @Field(() => String, { nullable: true, description: 'frontmatter tag' })
  tag?: string | null;
  @Field(() => Boolean, { nullable: true })
  stub?: boolean | null;
  @Field(() => String, { nullable: true, description: 'substring of title or body' })
  text?: string | null;
}

@ArgsType()
export class NotesArgs extends PageArgs {
  @Field(() => NoteFilter, { nullable: true })
  @IsOptional()
  filter?: NoteFilter | null;
}

@ArgsType()
export class NoteArgs {
  @Field(() => String, { nullable: true })
  id?: string | null;
  @Field(() => String, { nullable: true })
  fname?: string | null;
  @Field(() => String, { nullable: true })
  vault?: string | null;
}
