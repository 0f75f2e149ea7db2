import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('SearchHit', { description: 'A section (or the text before the first heading) that matches a search.' })
export class SearchHitModel {
  @Field({ description: 'HTML: the matching passage, escaped, with the matched terms in <mark>…</mark>.' })
  snippet!: string;
  @Field(() => Float, { description: 'Relevance (negated FTS5 bm25): higher is better; only comparable within one search.' })
  score!: number;

  noteId!: string;
  sectionOrdinal!: number | null;
}
