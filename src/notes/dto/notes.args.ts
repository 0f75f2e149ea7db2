import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { IsOptional, Max, Min } from 'class-validator';

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
export class NotesArgs {
  @Field(() => NoteFilter, { nullable: true })
  @IsOptional()
  filter?: NoteFilter | null;

  @Field(() => Int, { defaultValue: 20, description: 'page size, 1 to 100' })
  @Min(1)
  @Max(100)
  first: number = 20;

  @Field(() => String, { nullable: true })
  @IsOptional()
  after?: string | null;
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
