import { Module } from '@nestjs/common';
import { ConceptsModule } from '../../concepts/concepts.module';
import { MilestonesModule } from '../../milestones/milestones.module';
import { NotesModule } from '../../notes/notes.module';
import { GqlContextFactory } from './gql-context';

@Module({ imports: [NotesModule, MilestonesModule, ConceptsModule], providers: [GqlContextFactory], exports: [GqlContextFactory] })
export class GqlContextModule {}
