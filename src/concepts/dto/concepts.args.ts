import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { PageArgs } from '../../common/graphql/pagination';
import { ConceptKind } from '../models/concept.model';

@InputType()
export class ConceptFilter {
  @Field(() => ConceptKind, { nullable: true })
  kind?: ConceptKind | null;
  @Field(() => String, { nullable: true, description: 'substring of the name (ASCII case-insensitive)' })
  nameContains?: string | null;
}

@ArgsType()
export class ConceptsArgs extends PageArgs {
  @Field(() => ConceptFilter, { nullable: true })
  @IsOptional()
  filter?: ConceptFilter | null;
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
