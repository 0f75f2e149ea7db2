import { Module } from '@nestjs/common';
import { NotesModule } from '../notes/notes.module';
import { SyncModule } from '../sync/sync.module';
import { GraphRepository } from './graph.repository';
import { GraphResolver, UnlinkedMentionResolver } from './graph.resolver';
import { GraphService } from './graph.service';
import { LinkAuditService } from './link-audit.service';
import { WholeGraphController } from './whole-graph.controller';
import { WholeGraphLayout } from './whole-graph-layout';

@Module({
  imports: [NotesModule, SyncModule],
  controllers: [WholeGraphController],
  providers: [GraphRepository, GraphService, WholeGraphLayout, LinkAuditService, GraphResolver, UnlinkedMentionResolver],
  exports: [GraphService],
})
export class GraphModule {}
