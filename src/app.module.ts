import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import path from 'node:path';
import { AppConfig } from './common/app-config';
import { errorStatusPlugin, graphqlErrorFormatter } from './common/graphql/graphql-errors';
import { GqlContextFactory, type GqlContext } from './common/graphql/gql-context';
import { GqlContextModule } from './common/graphql/gql-context.module';
import { complexityLimitPlugin, queryLimitRules } from './common/graphql/limits';
import { MutationTokenGuard } from './common/graphql/mutation-token.guard';
import { ideLandingPage, type IdeLandingPageOptions } from './common/ide/ide-landing-page.plugin';
import { IdeModule } from './common/ide/ide.module';
import { PROJECT_ROOT } from './db/migrate';
import { ConceptsModule } from './concepts/concepts.module';
import { CoreModule } from './core.module';
import { GraphModule } from './graph/graph.module';
import { MilestonesModule } from './milestones/milestones.module';
import { NotesModule } from './notes/notes.module';
import { SearchModule } from './search/search.module';
import { SyncApiModule } from './sync/sync-api.module';
import { WebModule } from './web/web.module';

/** The GraphiQL page served at GET /graphql (its inline script's hash goes into the content security policy). */
export const IDE_OPTIONS: IdeLandingPageOptions = { endpoint: '/graphql' };

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
    WebModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [GqlContextModule],
      inject: [GqlContextFactory, AppConfig],
      useFactory: (contexts: GqlContextFactory, config: AppConfig) => ({
        // Committed, so schema changes show up in review; regenerated whenever the server starts from source.
        autoSchemaFile: process.env.VAULTGRAPH_WRITE_SCHEMA === '1' ? path.join(PROJECT_ROOT, 'schema.gql') : true,
        sortSchema: true,
        playground: false,
        // No cache hints are set anywhere; Apollo's default cache-control plugin would still hook every field.
        plugins: [
          ideLandingPage(IDE_OPTIONS),
          complexityLimitPlugin(),
          errorStatusPlugin(config.maxResponseBytes),
          ApolloServerPluginCacheControlDisabled(),
        ],
        validationRules: queryLimitRules(),
        formatError: graphqlErrorFormatter(config.debug),
        includeStacktraceInErrorResponses: config.debug,
        // Our errorStatusPlugin sets the status of answers without data; Nest's own plugin would reset it to 200.
        preserveHttpStatusForExecutionErrors: false,
        context: ({ req }: { req: GqlContext['req'] }): GqlContext => contexts.create(req),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: MutationTokenGuard }],
})
export class AppModule {}
