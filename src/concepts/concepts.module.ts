import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { ConceptLoaderFactory } from './concept.loaders';
import { ConceptRepository } from './concept.repository';
import { ConceptService } from './concept.service';
import { ConceptsResolver, MentionsResolver } from './concepts.resolver';

@Module({
  imports: [SyncModule],
  providers: [ConceptRepository, ConceptService, ConceptLoaderFactory, ConceptsResolver, MentionsResolver],
  exports: [ConceptLoaderFactory],
})
export class ConceptsModule {}
