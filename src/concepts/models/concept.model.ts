import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ConceptRecord, MentionRecord } from '../concept.records';

/** GraphQL names for the stored kinds (`link-label` is not a valid enum name). */
export enum ConceptKind {
  dictionary = 'dictionary',
  defined = 'defined',
  tag = 'tag',
  linkLabel = 'link-label',
  emphasis = 'emphasis',
  token = 'token',
  phrase = 'phrase',
}
registerEnumType(ConceptKind, {
  name: 'ConceptKind',
  description:
    'Strongest source of a concept: dictionary (concepts.yml or defineConcept) > defined (`term: …`) > tag > linkLabel > emphasis > token (acronym, mixedCase, CONSTANT) > phrase (a noun phrase of a list item, heading or row name).',
});

@ObjectType('Concept', { description: 'A named thing the notes talk about, with where they mention it.' })
export class ConceptModel {
  @Field(() => ID)
  id!: number;
  @Field()
  name!: string;
  @Field({ description: 'Matching key: lower case, simple plural folded (`Gateways` -> `gateway`).' })
  key!: string;
  @Field(() => ConceptKind)
  kind!: ConceptKind;
  @Field(() => [String], { description: 'Other names from the dictionary, also matched in the text.' })
  aliases!: string[];
  @Field(() => String, { nullable: true, description: 'URL of a link whose label names the concept.' })
  url!: string | null;
  @Field(() => Float, {
    description:
      'specificity (rarity of the name in general English) x ln(1 + weighted notes that define, link, tag or name it + noteCount).',
  })
  salience!: number;
  @Field(() => Int, { description: 'Lines of the vault that name it.' })
  mentionCount!: number;
  @Field(() => Int, { description: 'Notes that name it.' })
  noteCount!: number;

  static from(r: ConceptRecord): ConceptModel {
    return Object.assign(new ConceptModel(), { ...r, kind: r.kind as ConceptKind });
  }
}

@ObjectType('Mention', { description: 'A line of a note that names a concept.' })
export class MentionModel {
  @Field(() => Int, { description: 'Line in the file (frontmatter included), from 1.' })
  line!: number;

  noteId!: string;
  sectionOrdinal!: number | null;

  static from(r: MentionRecord): MentionModel {
    return Object.assign(new MentionModel(), { line: r.line, noteId: r.noteId, sectionOrdinal: r.sectionOrdinal });
  }
}

@ObjectType('RelatedConcept')
export class RelatedConceptModel {
  @Field(() => ConceptModel)
  concept!: ConceptModel;
  @Field(() => Int, { description: 'Number of sections (of any note) that mention both concepts.' })
  weight!: number;
}
