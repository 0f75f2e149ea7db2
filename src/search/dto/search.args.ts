import { ArgsType, Field, Int } from '@nestjs/graphql';
import { Max, MaxLength, Min } from 'class-validator';

@ArgsType()
export class SearchArgs {
  @Field({ description: 'Words to find (all of them, in any order; stemmed, so `webhooks` finds `webhook`).' })
  @MaxLength(1000)
  query!: string;

  @Field(() => Int, { defaultValue: 20, description: '1 to 100' })
  @Min(1)
  @Max(100)
  first: number = 20;
}
