import { DataSource, MigrationExecutor } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

/**
 * Runs pending migrations under a PostgreSQL advisory lock, on the same
 * connection that holds the lock: TypeORM takes no lock of its own, so two
 * processes (API instances, parallel test workers) would otherwise collide.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query(`SELECT pg_advisory_lock(hashtext('anchorlink:migrations'))`);
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = 'each';
    const done = await executor.executePendingMigrations();
    return done.map((m) => m.name);
  } finally {
    await queryRunner.query(`SELECT pg_advisory_unlock(hashtext('anchorlink:migrations'))`).catch(() => undefined);
    await queryRunner.release();
  }
}

/**
 * Migrates the database at `url` on a connection of its own, before the
 * application starts: the application's request pool connects as the role
 * the first migration creates.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function migrateDatabase(url: string, migrations: Function[]): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions({ url, entities: [], migrations }), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
