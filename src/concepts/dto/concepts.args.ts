import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ConceptKind } from '../models/concept.model';

@InputType()
export class ConceptFilter {
  @Field(() => ConceptKind, { nullable: true })
  kind?: ConceptKind | null;
  @Field(() => String, { nullable: true, description: 'substring of the name (ASCII case-insensitive)' })
  nameContains?: string | null;
}

@ArgsType()
export class ConceptsArgs {
  @Field(() => ConceptFilter, { nullable: true })
  @IsOptional()
  filter?: ConceptFilter | null;

  @Field(() => Int, { defaultValue: 20, description: 'page size, 1 to 100' })
  @Min(1)
  @Max(100)
  first: number = 20;

  @Field(() => String, { nullable: true })
  @IsOptional()
  after?: string | null;
}

@ArgsType()
export class DefineConceptArgs {
  @Field({ description: 'Canonical name; replaces an earlier definition with the same key.' })
  @MaxLength(200)
  name!: string;

  @Field(() => [String], { defaultValue: [], description: 'Other names matched as this concept (`gateways`, `ingress gateway`).' })
  @ArrayMaxSize(100)
  @MaxLength(200, { each: true })
  aliases: string[] = [];
}
