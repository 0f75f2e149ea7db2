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

/**
 * The `args` of a field resolver that takes none. Field resolvers without arguments are written with graphql's own
 * signature, `(parent, args: NoArgs, ctx)`, and no parameter decorators: @nestjs/graphql then binds them as the field's
 * resolver directly instead of running its per-call parameter and pipe pipeline. On a list of 20 backlinks that
 * pipeline was a fifth of the request (BENCHMARKS.md, GraphQL reads). Fields with @Args keep the decorators.
 */
export type NoArgs = Record<string, never>;
