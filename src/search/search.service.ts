import { Injectable } from '@nestjs/common';
import { snippetHtml, toFtsQuery } from './fts-query';
import { SearchHitModel } from './models/search-hit.model';
import { SearchRepository } from './search.repository';

@Injectable()
export class SearchService {
  constructor(private readonly index: SearchRepository) {}

  async search(query: string, first: number): Promise<SearchHitModel[]> {
    const match = toFtsQuery(query);
    if (match === null) {
      return [];
    }
    return (await this.index.search(match, first)).map((r) =>
      Object.assign(new SearchHitModel(), {
        noteId: r.noteId,
        sectionOrdinal: r.sectionOrdinal,
        snippet: snippetHtml(r.snippet),
        score: -r.rank,
      }),
    );
  }
}
