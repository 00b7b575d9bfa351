import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { TENANT_DATA_SOURCE } from '../database/data-source-options.js';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Prometheus metrics (prom-client), one registry per application: request
 * rate and latency per GraphQL operation, errors by code, the database pool,
 * the outbox backlog and webhook delivery outcomes. Served at GET /metrics.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly graphqlDuration = new Histogram({
    name: 'anchorlink_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name and type, and how long they took',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'anchorlink_graphql_errors_total',
    help: 'Errors returned to GraphQL callers, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly restDuration = new Histogram({
    name: 'anchorlink_rest_request_duration_seconds',
    help: 'REST requests (interchange, exports) by route and status',
    labelNames: ['route', 'status'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  readonly webhookAttempts = new Counter({
    name: 'anchorlink_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome (delivered, retry, failed: given up after the retry window)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource, @InjectDataSource(TENANT_DATA_SOURCE) tenant: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'anchorlink_' });
    new Gauge({
      name: 'anchorlink_db_pool_connections',
      help: 'Database pool connections by pool (tenant: requests; privileged: migrations, the worker, metrics) and state',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        for (const [name, source] of [
          ['tenant', tenant],
          ['privileged', dataSource],
        ] as const) {
          // PostgresDriver's public `master`: the pg pool of the primary.
          const pool = (source.driver as PostgresDriver).master as PgPool | undefined;
          if (!pool) continue;
          this.set({ pool: name, state: 'total' }, pool.totalCount);
          this.set({ pool: name, state: 'idle' }, pool.idleCount);
          this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
        }
      },
    });
    new Gauge({
      name: 'anchorlink_outbox_backlog',
      help: 'Committed events not yet dispatched by a worker',
      registers: [this.registry],
      async collect() {
        // The outbox has no row-level security (requests cannot read it at all): counted as the connecting user.
        const [row] = await dataSource.query<
          {
            n: number;
          }[]
        >(`SELECT count(*)::int AS n FROM outbox_events WHERE dispatched_at IS NULL`);
        this.set(row?.n ?? 0);
      },
    });
  }
}
