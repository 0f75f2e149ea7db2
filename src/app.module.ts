import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import path from 'node:path';
import { formatGraphqlError } from './common/graphql/graphql-errors';
import { GqlContextFactory, type GqlContext } from './common/graphql/gql-context';
import { GqlContextModule } from './common/graphql/gql-context.module';
import { complexityLimitPlugin, queryLimitRules } from './common/graphql/limits';
import { MutationTokenGuard } from './common/graphql/mutation-token.guard';
import { ideLandingPage } from './common/ide/ide-landing-page.plugin';
import { IdeModule } from './common/ide/ide.module';
import { PROJECT_ROOT } from './common/migrate';
import { ConceptsModule } from './concepts/concepts.module';
import { CoreModule } from './core.module';
import { GraphModule } from './graph/graph.module';
import { MilestonesModule } from './milestones/milestones.module';
import { NotesModule } from './notes/notes.module';
import { SearchModule } from './search/search.module';
import { SyncApiModule } from './sync/sync-api.module';

@Module({
  imports: [
    CoreModule,
    NotesModule,
    SyncApiModule,
    MilestonesModule,
    ConceptsModule,
    SearchModule,
    GraphModule,
    IdeModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [GqlContextModule],
      inject: [GqlContextFactory],
      useFactory: (contexts: GqlContextFactory) => ({
        // Committed, so schema changes show up in review; regenerated whenever the server starts from source.
        autoSchemaFile: process.env.VAULTGRAPH_WRITE_SCHEMA === '1' ? path.join(PROJECT_ROOT, 'schema.gql') : true,
        sortSchema: true,
        playground: false,
        // No cache hints are set anywhere; Apollo's default cache-control plugin would still hook every field.
        plugins: [ideLandingPage({ endpoint: '/graphql' }), complexityLimitPlugin(), ApolloServerPluginCacheControlDisabled()],
        validationRules: queryLimitRules(),
        formatError: formatGraphqlError,
        context: ({ req }: { req: GqlContext['req'] }): GqlContext => contexts.create(req),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: MutationTokenGuard }],
})
export class AppModule {}
