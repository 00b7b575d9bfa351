import pg from 'pg';
import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { GateTransactionGuard } from './gate-transaction-guard.js';

/** The NOLOGIN role every request runs as: no BYPASSRLS, owns nothing. */
export const APP_ROLE = 'anchorlink_app';

/** The name of the DataSource whose connections serve requests (DatabaseGate). */
export const TENANT_DATA_SOURCE = 'tenant';

// DATE columns stay 'YYYY-MM-DD' strings (pg would build a local-time Date);
// NUMERIC already arrives as an exact string.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  statementTimeoutMs?: number;
  /** Streaming replicas (TypeORM replication): read only when DatabaseGate asks for one. */
  replicaUrls?: string[];
}

/**
 * Two pools on the same database.
 *
 * `privileged` connects as the configured user: migrations, the worker's
 * cross-tenant reads of the outbox, metrics, tests' assertions.
 *
 * `tenant` (DatabaseGate's) runs every session as APP_ROLE from the moment
 * it connects (`-c role=…` in the startup packet). A statement that reaches
 * one of its connections outside a request transaction (a resolver still
 * running after the answer was sent) therefore runs without BYPASSRLS and
 * without an organization: it sees no tenant row and can write none.
 * Each transaction also says `SET LOCAL ROLE` itself (DatabaseGate), so a
 * pool configured without the startup role is no weaker than before.
 */
export function dataSourceOptions(options: DatabaseOptions, pool: 'privileged' | 'tenant' = 'privileged'): DataSourceOptions {
  const tenant = pool === 'tenant';
  return {
    type: 'postgres',
    ...(tenant ? { name: TENANT_DATA_SOURCE } : {}),
    url: options.url,
    // With replicas, TypeORM keeps a pool per server; everything defaults to the primary and
    // DatabaseGate alone chooses a replica (read-only GraphQL queries, read-your-writes kept).
    ...(tenant && options.replicaUrls?.length
      ? {
          replication: {
            master: { url: options.url },
            slaves: options.replicaUrls.map((url) => ({ url })),
            defaultMode: 'master' as const,
          },
        }
      : {}),
    entities: options.entities,
    migrations: tenant ? [] : options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: tenant ? 'anchorlink' : 'anchorlink-admin',
    // DatabaseGate owns the transactions of its connections: TypeORM may not start its own there.
    subscribers: tenant ? [GateTransactionGuard] : [],
    extra: tenant
      ? {
          max: options.poolSize ?? 20,
          // pg's pipelining (node-postgres.com/features/pipelining): statements a request asks for together
          // (DataLoader batches, a mutation's write with its dispatch job) go out without waiting for each other.
          pipeline: true,
          options: `-c role=${APP_ROLE}`,
          // The default for a statement outside a request transaction; each transaction sets its own.
          statement_timeout: options.statementTimeoutMs ?? 15_000,
        }
      : { max: 5 },
  };
}
