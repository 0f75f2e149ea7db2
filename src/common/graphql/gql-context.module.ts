import { Module } from '@nestjs/common';
import { MilestonesModule } from '../../milestones/milestones.module';
import { NotesModule } from '../../notes/notes.module';
import { GqlContextFactory } from './gql-context';

@Module({ imports: [NotesModule, MilestonesModule], providers: [GqlContextFactory], exports: [GqlContextFactory] })
export class GqlContextModule {}
