import { ArgsType, Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/graphql/pagination';
import { ConceptKind } from '../models/concept.model';

@InputType()
export class ConceptFilter {
  @Field(() => ConceptKind, { nullable: true })
  kind?: ConceptKind | null;
  @Field(() => String, { nullable: true, description: 'substring of the name (ASCII case-insensitive, literal), up to 200 characters' })
  @IsOptional()
  @MaxLength(200)
  nameContains?: string | null;
}

export enum ConceptOrder {
  NAME = 'NAME',
  SALIENCE = 'SALIENCE',
  MENTIONS = 'MENTIONS',
}
registerEnumType(ConceptOrder, {
  name: 'ConceptOrder',
  description: 'NAME: by key, A to Z; SALIENCE: most salient first; MENTIONS: most mentioned lines first (ties by key).',
});

@ArgsType()
export class ConceptsArgs extends PageArgs {
  @Field(() => ConceptOrder, { defaultValue: ConceptOrder.NAME })
  orderBy: ConceptOrder = ConceptOrder.NAME;

  @Field(() => ConceptFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConceptFilter)
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

@ArgsType()
export class RelatedArgs {
  @Field(() => Int, { defaultValue: 10, description: '1 to 100' })
  @Min(1)
  @Max(100)
  first: number = 10;
}
