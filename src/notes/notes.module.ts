import { Module } from '@nestjs/common';
import { NoteLoaderFactory } from './note.loaders';
import { NoteRepository } from './note.repository';
import { LinksResolver, NotesResolver, SectionsResolver } from './notes.resolver';
import { NotesService } from './notes.service';

@Module({
  providers: [NoteRepository, NotesService, NoteLoaderFactory, NotesResolver, LinksResolver, SectionsResolver],
  exports: [NoteLoaderFactory, NoteRepository, NotesService],
})
export class NotesModule {}
