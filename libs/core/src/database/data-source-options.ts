import pg from 'pg';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

/** The NOLOGIN role every request switches to: no BYPASSRLS, owns nothing. */
export const APP_ROLE = 'anchorlink_app';

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

export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    // With replicas, TypeORM keeps a pool per server; everything defaults to the primary and
    // DatabaseGate alone chooses a replica (read-only GraphQL queries, read-your-writes kept).
    ...(options.replicaUrls?.length
      ? { replication: { master: { url: options.url }, slaves: options.replicaUrls.map((url) => ({ url })), defaultMode: 'master' as const } }
      : {}),
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'anchorlink',
    // Pipeline mode (pg ≥ 8.21) lets DatabaseGate send a transaction's start with its first statement.
    // It rules out streaming reads on this pool (QueryRunner.stream, pg-cursor, pg-query-stream, COPY
    // streams, the `rows` option: pg refuses them); nothing here uses them, and a streaming export
    // would need a client of its own.
    extra: { max: options.poolSize ?? 20, pipeline: true },
  };
}
