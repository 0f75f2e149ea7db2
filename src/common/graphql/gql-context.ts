import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ConceptLoaderFactory, type ConceptLoaders } from '../../concepts/concept.loaders';
import { MilestoneLoaderFactory, type MilestoneLoaders } from '../../milestones/milestone.loaders';
import { NoteLoaderFactory, type NoteLoaders } from '../../notes/note.loaders';

/** What every resolver gets as @Context(): the request and this request's DataLoaders. */
export interface GqlContext {
  req: Pick<Request, 'headers'>;
  loaders: NoteLoaders & MilestoneLoaders & ConceptLoaders;
}

/** Builds the context of one GraphQL request, for the HTTP server and for `vaultgraph query` alike. */
@Injectable()
export class GqlContextFactory {
  constructor(
    private readonly notes: NoteLoaderFactory,
    private readonly milestones: MilestoneLoaderFactory,
    private readonly concepts: ConceptLoaderFactory,
  ) {}

  create(req: GqlContext['req']): GqlContext {
    return { req, loaders: { ...this.notes.create(), ...this.milestones.create(), ...this.concepts.create() } };
  }
}
