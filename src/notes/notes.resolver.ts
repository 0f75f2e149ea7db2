import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext, NoArgs } from '../common/graphql/gql-context';
import { firstCost, listCost, weighted } from '../common/graphql/cost';
import { DiagnosticsArgs, NoteArgs, NotesArgs } from './dto/notes.args';
import { LinkKind, LinkModel, NoteModel, SectionModel } from './models/note.model';
import { sectionOf } from './note.loaders';
import { NoteConnection } from './models/note-connection.model';
import { DiagnosticModel, Stats } from './models/stats.model';
import { NoteRepository } from './note.repository';
import { NotesService } from './notes.service';
import { renderNoteHtml } from './render/note-html';

@Resolver(() => NoteModel)
export class NotesResolver {
  constructor(
    private readonly service: NotesService,
    private readonly noteRepo: NoteRepository,
  ) {}

  @Query(() => NoteModel, {
    nullable: true,
    description: 'One note by id, or by fname (case-insensitive; and vault). Both given must name the same note.',
  })
  note(@Args() args: NoteArgs): Promise<NoteModel | null> {
    return this.service.note(args);
  }

  @Query(() => NoteConnection, { description: 'Notes in fname order, a page at a time.', complexity: weighted(5, firstCost) })
  notes(@Args() args: NotesArgs): Promise<NoteConnection> {
    return this.service.page(args);
  }

  @Query(() => Stats, { complexity: weighted(50) })
  stats(): Promise<Stats> {
    return this.noteRepo.stats();
  }

  @Query(() => [DiagnosticModel], { description: 'Problems found in the vault by the syncs so far, per file.', complexity: firstCost })
  diagnostics(@Args() args: DiagnosticsArgs): Promise<DiagnosticModel[]> {
    return this.noteRepo.diagnostics(args.first);
  }

  @ResolveField(() => String, { description: 'Markdown body, without frontmatter.' })
  body(note: NoteModel, _args: NoArgs, ctx: GqlContext): Promise<string> {
    return ctx.loaders.body.load(note.id);
  }

  @ResolveField(() => String, {
    description:
      'The body as HTML (raw HTML shown as text; wikilinks, refs and tags as links to /notes/<fname>; headings with their slugs as ids).',
    complexity: weighted(20),
  })
  async html(note: NoteModel, _args: NoArgs, ctx: GqlContext): Promise<string> {
    return renderNoteHtml(await ctx.loaders.body.load(note.id));
  }

  @ResolveField(() => NoteModel, { nullable: true })
  parent(note: NoteModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel | null> | null {
    return note.parentId ? ctx.loaders.note.load(note.parentId) : null;
  }

  @ResolveField(() => [NoteModel], { complexity: listCost })
  children(note: NoteModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel[]> {
    return ctx.loaders.children.load(note.id);
  }

  @ResolveField(() => [SectionModel], { complexity: listCost })
  sections(note: NoteModel, _args: NoArgs, ctx: GqlContext): Promise<SectionModel[]> {
    return ctx.loaders.sections.load(note.id);
  }

  @ResolveField(() => [LinkModel], { description: 'Links from this note, in document order.', complexity: listCost })
  async links(
    @Parent() note: NoteModel,
    @Context() ctx: GqlContext,
    @Args('kinds', { type: () => [LinkKind], nullable: true }) kinds?: LinkKind[] | null,
  ): Promise<LinkModel[]> {
    const links = await ctx.loaders.links.load(note.id);
    return kinds ? links.filter((l) => kinds.includes(l.kind)) : links;
  }

  @ResolveField(() => [LinkModel], {
    description: 'Links from other notes (and this one) that resolve to this note.',
    complexity: listCost,
  })
  backlinks(note: NoteModel, _args: NoArgs, ctx: GqlContext): Promise<LinkModel[]> {
    return ctx.loaders.backlinks.load(note.id);
  }
}

@Resolver(() => SectionModel)
export class SectionsResolver {
  @ResolveField(() => SectionModel, {
    nullable: true,
    description:
      'The chapter the section belongs to: itself, or the nearest enclosing section (through parentOrdinal) whose heading is numbered, as `## 02. Overview` holds `### New problems…`; null outside any chapter.',
  })
  async chapterSection(section: SectionModel, _args: NoArgs, ctx: GqlContext): Promise<SectionModel | null> {
    const sections = await ctx.loaders.sections.load(section.noteId);
    for (let s: SectionModel | undefined = section; s; s = sections.find((p) => p.ordinal === s?.parentOrdinal)) {
      if (s.chapter !== null) {
        return s;
      }
    }
    return null;
  }
}

@Resolver(() => LinkModel)
export class LinksResolver {
  @ResolveField(() => NoteModel)
  async source(link: LinkModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel> {
    return (await ctx.loaders.note.load(link.sourceId)) as NoteModel;
  }

  @ResolveField(() => NoteModel, { nullable: true })
  target(link: LinkModel, _args: NoArgs, ctx: GqlContext): Promise<NoteModel | null> | null {
    return link.targetId ? ctx.loaders.note.load(link.targetId) : null;
  }

  @ResolveField(() => SectionModel, { nullable: true, description: 'Innermost section holding the link.' })
  section(link: LinkModel, _args: NoArgs, ctx: GqlContext): Promise<SectionModel | null> {
    return sectionOf(ctx.loaders, link.sourceId, link.sectionOrdinal);
  }
}
