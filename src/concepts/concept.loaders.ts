import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy } from '../common/group-by';
import { ConceptModel, MentionModel, RelatedConceptModel } from './models/concept.model';
import { ConceptRepository } from './concept.repository';

/** Per-request loaders of the relations of many concepts, one query each. */
export interface ConceptLoaders {
  conceptMentions: DataLoader<number, MentionModel[]>;
  /** Every related concept, heaviest first (the resolver cuts the list). */
  relatedConcepts: DataLoader<number, RelatedConceptModel[]>;
}

@Injectable()
export class ConceptLoaderFactory {
  constructor(private readonly concepts: ConceptRepository) {}

  create(): ConceptLoaders {
    return {
      conceptMentions: new DataLoader(async (ids) =>
        groupBy(ids, await this.concepts.mentionsOf(ids), (m) => m.conceptId).map((g) => g.map((m) => MentionModel.from(m))),
      ),
      relatedConcepts: new DataLoader(async (ids) =>
        groupBy(ids, await this.concepts.relatedTo(ids), (r) => r.forId).map((g) =>
          g.map((r) => ({ concept: ConceptModel.from(r.concept), weight: r.weight })),
        ),
      ),
    };
  }
}
