import type { Request } from 'express';
import type { NoteLoaders } from '../../notes/note.loaders';

/** What every resolver gets as @Context(): the request and this request's DataLoaders. */
export interface GqlContext {
  req: Request;
  loaders: NoteLoaders;
}
