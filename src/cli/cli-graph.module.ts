import { Module } from '@nestjs/common';
import { CoreModule } from '../core.module';
import { GraphModule } from '../graph/graph.module';

/** The CLI's root module for `export graph`: the graph services over the database, without HTTP or GraphQL. */
@Module({ imports: [CoreModule, GraphModule] })
export class CliGraphModule {}
