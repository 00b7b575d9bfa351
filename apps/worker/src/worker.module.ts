import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type AppConfigValues, CoreModule } from '@anchorlink/core';
import { IntegrationWorkerModule } from '@anchorlink/integration';
import { MIGRATIONS } from '../../../migrations/index.js';

/**
 * The outbox worker alone (no HTTP): delivers committed events to
 * subscriptions (through Redis), webhooks and e-mail. Several may run; the
 * job queue and row locks keep deliveries single and ordered.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfigValues, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        // The worker queries with SQL only: no entities needed; the API runs the migrations.
        CoreModule.forRoot(config, {
          url: databaseUrl,
          entities: [],
          migrations: MIGRATIONS,
          poolSize: 10,
          statementTimeoutMs: config.statementTimeoutMs,
        }),
        IntegrationWorkerModule,
      ],
    };
  }
}
