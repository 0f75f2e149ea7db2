import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { LinkRecord, NoteRecord, SectionRecord } from '../note.records';

export enum LinkKind {
  wiki = 'wiki',
  ref = 'ref',
  hashtag = 'hashtag',
  usertag = 'usertag',
  fmtag = 'fmtag',
  md = 'md',
  url = 'url',
}
registerEnumType(LinkKind, {
  name: 'LinkKind',
  description: 'wiki [[x]], ref ![[x]], hashtag #x (tags.x), usertag @x (user.x), fmtag (frontmatter tags), md [l](x.md), url (external)',
});

@ObjectType('Note', { description: 'A note of the vault, or a stub: a hierarchy level with no file.' })
export class NoteModel {
  @Field(() => ID, { description: "Dendron's frontmatter id." })
  id!: string;
  @Field()
  fname!: string;
  @Field({ description: 'Vault name.' })
  vault!: string;
  @Field()
  title!: string;
  @Field()
  desc!: string;
  @Field(() => GraphQLISODateTime, { nullable: true })
  created!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true })
  updated!: Date | null;
  @Field()
  stub!: boolean;
  @Field(() => [String])
  tags!: string[];
  @Field({ description: 'Frontmatter keys that are not Dendron’s own, as a JSON object.' })
  custom!: string;
  @Field(() => String, { nullable: true, description: 'File path relative to the vault; null for stubs.' })
  path!: string | null;

  parentId!: string | null;

  static from(r: NoteRecord): NoteModel {
    const note = new NoteModel();
    note.id = r.id;
    note.fname = r.fname;
    note.vault = r.vault;
    note.title = r.title;
    note.desc = r.desc;
    note.created = r.createdMs === null ? null : new Date(r.createdMs);
    note.updated = r.updatedMs === null ? null : new Date(r.updatedMs);
    note.stub = r.stub;
    note.tags = r.tags;
    note.custom = r.custom;
    note.path = r.path;
    note.parentId = r.parentId;
    return note;
  }
}

@ObjectType('Section')
export class SectionModel {
  @Field(() => Int)
  ordinal!: number;
  @Field()
  heading!: string;
  @Field(() => Int)
  depth!: number;
  @Field({ description: 'Anchor, as github-slugger makes it.' })
  slug!: string;
  @Field(() => Int, { nullable: true, description: '`## 02. Overview` -> 2' })
  chapter!: number | null;
  @Field(() => Int)
  startLine!: number;
  @Field(() => Int)
  endLine!: number;
  @Field(() => Int, { nullable: true })
  parentOrdinal!: number | null;

  noteId!: string;

  static from(r: SectionRecord): SectionModel {
    return Object.assign(new SectionModel(), r);
  }
}

@ObjectType('Link')
export class LinkModel {
  @Field(() => ID)
  id!: number;
  @Field(() => LinkKind)
  kind!: LinkKind;
  @Field(() => String, { nullable: true })
  targetFname!: string | null;
  @Field(() => String, { nullable: true })
  targetVault!: string | null;
  @Field(() => String, { nullable: true, description: 'Heading, ^block or ref range after #.' })
  anchor!: string | null;
  @Field(() => String, { nullable: true })
  alias!: string | null;
  @Field(() => String, { nullable: true })
  url!: string | null;
  @Field(() => Int)
  line!: number;
  @Field(() => Int)
  column!: number;
  @Field({ description: 'Whether the target note exists (external URLs: false).' })
  resolved!: boolean;

  sourceId!: string;
  targetId!: string | null;
  sectionOrdinal!: number | null;

  static from(r: LinkRecord): LinkModel {
    const link = new LinkModel();
    link.id = r.id;
    link.kind = r.kind as LinkKind;
    link.targetFname = r.targetFname;
    link.targetVault = r.targetVault;
    link.anchor = r.anchor;
    link.alias = r.alias;
    link.url = r.url;
    link.line = r.line;
    link.column = r.column;
    link.resolved = r.targetId !== null;
    link.sourceId = r.sourceId;
    link.targetId = r.targetId;
    link.sectionOrdinal = r.sectionOrdinal;
    return link;
  }
}
