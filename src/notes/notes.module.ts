import { Module } from '@nestjs/common';
import { NoteLoaderFactory } from './note.loaders';
import { NoteRepository } from './note.repository';
import { LinksResolver, NotesResolver } from './notes.resolver';
import { NotesService } from './notes.service';

@Module({
  providers: [NoteRepository, NotesService, NoteLoaderFactory, NotesResolver, LinksResolver],
  exports: [NoteLoaderFactory, NoteRepository],
})
export class NotesModule {}
