import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy } from '../common/group-by';
import { ReadCache } from '../common/read-cache';
import { NoteModel, LinkModel, SectionModel } from './models/note.model';
import { NoteRepository } from './note.repository';

/**
 * One set per GraphQL request, so relations are batched (no query per parent). Notes and their relations are also
 * shared between requests until the next commit (ReadCache); bodies, the bulk of the data, are not.
 */
export interface NoteLoaders {
  note: DataLoader<string, NoteModel | null>;
  body: DataLoader<string, string>;
  children: DataLoader<string, NoteModel[]>;
  sections: DataLoader<string, SectionModel[]>;
  links: DataLoader<string, LinkModel[]>;
  backlinks: DataLoader<string, LinkModel[]>;
}

@Injectable()
export class NoteLoaderFactory {
  private readonly shared;

  constructor(
    private readonly notes: NoteRepository,
    cache: ReadCache,
  ) {
    this.shared = {
      note: cache.cacheMap<string, NoteModel | null>(),
      children: cache.cacheMap<string, NoteModel[]>(),
      sections: cache.cacheMap<string, SectionModel[]>(),
      links: cache.cacheMap<string, LinkModel[]>(),
      backlinks: cache.cacheMap<string, LinkModel[]>(),
    };
  }

  create(): NoteLoaders {
    const shared = this.shared;
    return {
      note: new DataLoader(
        async (ids) => {
          const byId = new Map((await this.notes.findByIds(ids)).map((n) => [n.id, NoteModel.from(n)]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        { cacheMap: shared.note },
      ),
      body: new DataLoader(async (ids) => {
        const byId = new Map((await this.notes.bodiesOf(ids)).map((n) => [n.id, n.body]));
        return ids.map((id) => byId.get(id) ?? '');
      }),
      children: new DataLoader(
        async (ids) => groupBy(ids, await this.notes.childrenOf(ids), (n) => n.parentId ?? '').map((g) => g.map((n) => NoteModel.from(n))),
        { cacheMap: shared.children },
      ),
      sections: new DataLoader(
        async (ids) => groupBy(ids, await this.notes.sectionsOf(ids), (s) => s.noteId).map((g) => g.map((r) => SectionModel.from(r))),
        { cacheMap: shared.sections },
      ),
      links: new DataLoader(
        async (ids) => groupBy(ids, await this.notes.linksFrom(ids), (l) => l.sourceId).map((g) => g.map((r) => LinkModel.from(r))),
        { cacheMap: shared.links },
      ),
      backlinks: new DataLoader(
        async (ids) => groupBy(ids, await this.notes.linksTo(ids), (l) => l.targetId ?? '').map((g) => g.map((r) => LinkModel.from(r))),
        { cacheMap: shared.backlinks },
      ),
    };
  }
}

/** Section `ordinal` of a note through the sections loader; null for no ordinal (text before the first heading). */
export async function sectionOf(loaders: NoteLoaders, noteId: string, ordinal: number | null): Promise<SectionModel | null> {
  if (ordinal === null) {
    return null;
  }
  return (await loaders.sections.load(noteId)).find((s) => s.ordinal === ordinal) ?? null;
}
