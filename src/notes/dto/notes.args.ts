import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/graphql/pagination';

/** Longest filter string: enough for any fname, tag or phrase, and LIKE patterns stay cheap. */
export const MAX_FILTER_LENGTH = 200;

@InputType()
export class NoteFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_FILTER_LENGTH)
  vault?: string | null;
  @Field(() => String, { nullable: true, description: 'fname starts with, e.g. `lfs144.` (case-insensitive, literal: `%` is no wildcard)' })
  @IsOptional()
  @MaxLength(MAX_FILTER_LENGTH)
  fnamePrefix?: string | null;
  @Field(() => String, { nullable: true, description: 'frontmatter tag' })
  @IsOptional()
  @MaxLength(MAX_FILTER_LENGTH)
  tag?: string | null;
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  stub?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: `substring of title or body (ASCII case-insensitive, literal), up to ${MAX_FILTER_LENGTH} characters`,
  })
  @IsOptional()
  @MaxLength(MAX_FILTER_LENGTH)
  text?: string | null;
}

@ArgsType()
export class NotesArgs extends PageArgs {
  @Field(() => NoteFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NoteFilter)
  filter?: NoteFilter | null;
}

/** A note by the NoteRef rule (note-ref.ts). */
@ArgsType()
export class NoteArgs {
  @Field(() => String, { nullable: true })
  id?: string | null;
  @Field(() => String, { nullable: true, description: 'case-insensitive, as Dendron matches fnames' })
  fname?: string | null;
  @Field(() => String, { nullable: true })
  vault?: string | null;
}

@ArgsType()
export class DiagnosticsArgs {
  @Field(() => Int, { defaultValue: 100, description: '1 to 1000' })
  @Min(1)
  @Max(1000)
  first: number = 100;
}
