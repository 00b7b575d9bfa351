import { existsSync } from 'node:fs';
import path from 'node:path';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { type Logger, pino } from 'pino';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { AppConfig, type AppConfigValues, CoreModule, DatabaseGate, formatGraphQLError, Metrics, SqlPlanner } from '@anchorlink/core';
import { DemoDataModule } from '@anchorlink/demo-data';
import { AuthService, IdentityModule } from '@anchorlink/identity';
import { PartsModule } from '@anchorlink/parts';
import { AuditModule } from '@anchorlink/audit';
import { StandardsModule } from '@anchorlink/standards';
import { OrdersModule } from '@anchorlink/orders';
import { ForecastsModule } from '@anchorlink/forecasts';
import { ReplicationModule } from '@anchorlink/replication';
import { ScorecardsModule } from '@anchorlink/scorecards';
import { IntegrationModule, IntegrationWorkerModule } from '@anchorlink/integration';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ALL_ENTITIES, ALL_SQL_TYPES } from './entities.js';
import { apiLogger, nestLoggerParams } from './access-log.js';
import { graphqlArmor } from './graphql-armor.js';
import { graphqlWsOptions } from './graphql-ws.js';
import { HealthController } from './health/health.controller.js';
import { graphqlMetricsPlugin } from './metrics/graphql-metrics.plugin.js';
import { MetricsController } from './metrics/metrics.controller.js';

export interface AppOptions {
  config: AppConfigValues;
  databaseUrl: string;
}

let destination: ReturnType<typeof pino.destination> | undefined;
/**
 * Logs go to stdout asynchronously and in batches: a synchronous write per
 * request was a tenth of the CPU of a simple query, and an asynchronous one
 * still cost a write, a thread-pool hand-off and its wake-up per line. Lines
 * are written once 4 kB are buffered, and at least every 100 ms; what is
 * buffered is flushed on exit (a killed process loses at most that much).
 */
function logDestination(): ReturnType<typeof pino.destination> {
  if (!destination) {
    const created = pino.destination({ sync: false, minLength: 4096, periodicFlush: 100 });
    process.once('exit', () => created.flushSync());
    destination = created;
  }
  return destination;
}

let logger: Logger | undefined;
/** The process's one API logger (the first application's level wins, as nestjs-pino's root logger did). */
export function apiRootLogger(level: string): Logger {
  logger ??= apiLogger(level, logDestination());
  return logger;
}

/** The API: every domain module, GraphQL at /graphql, REST interchange under /api, health at GET /health. */
@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // NestJS logs through our logger; nestjs-pino's per-request middleware is not mounted (access-log.ts).
        LoggerModule.forRoot(nestLoggerParams(apiRootLogger(config.logLevel))),
        CoreModule.forRoot(
          config,
          {
            url: databaseUrl,
            entities: ALL_ENTITIES,
            migrations: MIGRATIONS,
            poolSize: config.dbPoolSize,
            replicaUrls: config.databaseReplicaUrls,
            statementTimeoutMs: config.statementTimeoutMs,
          },
          ALL_SQL_TYPES,
        ),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [IdentityModule],
          inject: [AppConfig, DatabaseGate, AuthService, Metrics, SqlPlanner],
          useFactory: (
            appConfig: AppConfig,
            gate: DatabaseGate,
            auth: AuthService,
            metrics: Metrics,
            planner: SqlPlanner,
          ): ApolloDriverConfig => {
            const armor = graphqlArmor(appConfig.isProduction);
            return {
              autoSchemaFile: true,
              // Fields of the types SqlPlanner reads in one statement read its rows by response key.
              transformSchema: (schema) => planner.planFieldResolvers(schema),
              sortSchema: true,
              path: '/graphql',
              context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
              formatError: formatGraphQLError,
              includeStacktraceInErrorResponses: false,
              introspection: !appConfig.isProduction,
              playground: false,
              // graphql-armor is CommonJS: its Apollo types are the CJS twins of ours.
              plugins: [
                ...(armor.plugins as never[]),
                // No HTTP caching of GraphQL responses here; the default cache-control plugin
                // wrapped every field resolver (a tenth of the time of a list).
                ApolloServerPluginCacheControlDisabled(),
                graphqlMetricsPlugin(metrics) as never,
                ...(appConfig.isProduction ? [] : [ApolloServerPluginLandingPageLocalDefault({ footer: false })]),
              ],
              validationRules: armor.validationRules,
              parseOptions: armor.parseOptions,
              // Apollo sizes the parsed documents it keeps by the length of their JSON, far less than they hold
              // for documents of many short tokens: under its default 30 MiB, 700 such documents held 240 MB
              // (33 MB with this limit, which still keeps about a thousand ordinary documents).
              documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: 4 * 2 ** 20 }),
              allowBatchedHttpRequests: false,
              csrfPrevention: true,
              subscriptions: { 'graphql-ws': graphqlWsOptions(auth, gate, armor.validationRules, appConfig.isProduction) as never },
            };
          },
        }),
        TerminusModule,
        // The web portal (apps/portal), when built: its files, and index.html for its routes.
        ...(existsSync(path.join(config.portalDir, 'index.html'))
          ? [ServeStaticModule.forRoot({ rootPath: config.portalDir, exclude: ['/graphql', '/health', '/metrics', '/api/{*path}'] })]
          : []),
        AuditModule,
        IdentityModule,
        StandardsModule,
        PartsModule,
        OrdersModule,
        ForecastsModule,
        ScorecardsModule,
        ReplicationModule,
        IntegrationModule,
        // The outbox worker runs in this process unless RUN_WORKER=false (apps/worker runs it alone).
        IntegrationWorkerModule,
        DemoDataModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
