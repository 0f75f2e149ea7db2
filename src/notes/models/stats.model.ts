import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class KindCount {
  @Field()
  kind!: string;
  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class Stats {
  @Field(() => Int, { description: 'notes with a file' })
  notes!: number;
  @Field(() => Int)
  stubs!: number;
  @Field(() => Int)
  links!: number;
  @Field(() => Int, { description: 'links that resolve to a note' })
  backlinks!: number;
  @Field(() => Int, { description: 'links to notes that do not exist (external URLs not counted)' })
  unresolvedLinks!: number;
  @Field(() => [KindCount])
  linksByKind!: KindCount[];
}

@ObjectType('Diagnostic')
export class DiagnosticModel {
  @Field()
  vault!: string;
  @Field({ description: 'file relative to the vault' })
  file!: string;
  @Field(() => Int, { nullable: true })
  line!: number | null;
  @Field()
  code!: string;
  @Field()
  severity!: string;
  @Field()
  message!: string;
}
