import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { NoteModel, LinkModel, SectionModel } from './models/note.model';
import { NoteRepository } from './note.repository';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    groups.get(keyOf(row))?.push(row);
  }
  return keys.map((k) => groups.get(k) ?? []);
}

/** One set per GraphQL request, so relations are batched (no query per parent) and never cached across requests. */
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
  constructor(private readonly notes: NoteRepository) {}

  create(): NoteLoaders {
    return {
      note: new DataLoader(async (ids) => {
        const byId = new Map((await this.notes.findByIds(ids)).map((n) => [n.id, NoteModel.from(n)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      body: new DataLoader(async (ids) => {
        const byId = new Map((await this.notes.bodiesOf(ids)).map((n) => [n.id, n.body]));
        return ids.map((id) => byId.get(id) ?? '');
      }),
      children: new DataLoader(async (ids) =>
        groupBy(ids, await this.notes.childrenOf(ids), (n) => n.parentId ?? '').map((g) => g.map((n) => NoteModel.from(n))),
      ),
      sections: new DataLoader(async (ids) =>
        groupBy(ids, await this.notes.sectionsOf(ids), (s) => s.noteId).map((g) => g.map((r) => SectionModel.from(r))),
      ),
      links: new DataLoader(async (ids) =>
        groupBy(ids, await this.notes.linksFrom(ids), (l) => l.sourceId).map((g) => g.map((r) => LinkModel.from(r))),
      ),
      backlinks: new DataLoader(async (ids) =>
        groupBy(ids, await this.notes.linksTo(ids), (l) => l.targetId ?? '').map((g) => g.map((r) => LinkModel.from(r))),
      ),
    };
  }
}
