import { type DataSource, MigrationExecutor } from 'typeorm';

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
