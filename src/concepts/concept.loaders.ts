import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ConceptModel, MentionModel, RelatedConceptModel } from './models/concept.model';
import { ConceptRepository } from './concept.repository';

/** Per-request loaders of the relations of many concepts, one query each. */
export interface ConceptLoaders {
  conceptMentions: DataLoader<number, MentionModel[]>;
  /** Every related concept, heaviest first (the resolver cuts the list). */
  relatedConcepts: DataLoader<number, RelatedConceptModel[]>;
}

function groupBy<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    groups.get(keyOf(row))?.push(row);
  }
  return keys.map((k) => groups.get(k) ?? []);
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
