import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, type AppConfigValues } from './config/app-config.js';
import { DatabaseGate } from './database/database-gate.js';
import { DocumentNumbers, IdempotencyService } from './database/idempotency.service.js';
import { DomainEvents } from './events/domain-events.js';
import { EventBus } from './events/event-bus.js';
import { DATABASE_URL, JobQueue } from './jobs/job-queue.js';
import { SecretBox } from './crypto/secret-box.js';
import { AuditService } from './audit/audit.service.js';
import { Metrics } from './metrics/metrics.js';
import { RecentWrites } from './database/recent-writes.js';
import { CounterStore } from './rate-limit/counter-store.js';
import { type DatabaseOptions, dataSourceOptions } from './database/data-source-options.js';
import { GraphQLErrorsFilter } from './graphql/graphql-errors.filter.js';
import { RequestTransactionPlugin } from './graphql/request-transaction.plugin.js';
import { SqlPlanner, type SqlType } from './graphql/sql-plan.js';
import { PAGE_INFO_SQL_TYPE } from './graphql/sql-connection.js';

/** Configuration, the database and the request-transaction machinery, for every module. */
@Global()
@Module({})
export class CoreModule {
  /** `sqlTypes`: the GraphQL types SqlPlanner reads in one statement (each domain lib's `*.sql-types.ts`). */
  static forRoot(config: AppConfigValues, database: DatabaseOptions, sqlTypes: readonly SqlType[] = []): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(database, 'privileged')),
        TypeOrmModule.forRoot(dataSourceOptions(database, 'tenant')),
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DATABASE_URL, useValue: database.url },
        DatabaseGate,
        RecentWrites,
        JobQueue,
        EventBus,
        SecretBox,
        AuditService,
        Metrics,
        IdempotencyService,
        DocumentNumbers,
        DomainEvents,
        CounterStore,
        RequestTransactionPlugin,
        { provide: SqlPlanner, useValue: new SqlPlanner([PAGE_INFO_SQL_TYPE, ...sqlTypes]) },
        { provide: APP_FILTER, useClass: GraphQLErrorsFilter },
      ],
      exports: [
        AppConfig,
        SqlPlanner,
        DATABASE_URL,
        JobQueue,
        EventBus,
        SecretBox,
        AuditService,
        Metrics,
        DatabaseGate,
        IdempotencyService,
        DocumentNumbers,
        DomainEvents,
        CounterStore,
      ],
    };
  }
}
