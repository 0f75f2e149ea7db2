import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { UnlinkedMentionRecord } from '../unlinked-mentions';

@ObjectType('UnlinkedMention', { description: 'A line of another note that names the note without linking to it.' })
export class UnlinkedMentionModel {
  @Field(() => Int, { description: '1-based line in the file of the mentioning note.' })
  line!: number;
  @Field(() => Int)
  column!: number;
  @Field({ description: 'The line, cut to about 160 characters around the name.' })
  snippet!: string;

  noteId!: string;

  static from(r: UnlinkedMentionRecord): UnlinkedMentionModel {
    return Object.assign(new UnlinkedMentionModel(), r);
  }
}
