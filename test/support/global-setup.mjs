// Finds the PostgreSQL server the e2e tests use: TEST_DATABASE_URL if set,
// else the local server on 127.0.0.1:5432 if it answers, else an embedded one.
// Each test file then clones its own database from a migrated, seeded template
// (see test-database.ts). Plain .mjs: jest does not transform global setup files.
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function globalSetup() {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    for (const user of ['postgres', 'root']) {
      const candidate = `postgres://${user}@127.0.0.1:5432/postgres`;
      if (await reachable(candidate)) {
        serverUrl = candidate;
        break;
      }
    }
  }
  if (!serverUrl) {
    // tsx loads the TypeScript module that `npm start` uses for the embedded server.
    const { register } = await import('tsx/esm/api');
    const unregister = register();
    const { EmbeddedPostgres } = await import('../../libs/core/src/database/embedded-postgres.ts');
    unregister();
    const dataDir = path.join(os.tmpdir(), `anchorlink-test-pg-${process.pid}`);
    const port = 55000 + (process.pid % 5000);
    const server = await EmbeddedPostgres.start({ dataDir, port, database: 'postgres' });
    globalThis.__ANCHORLINK_EMBEDDED_PG__ = server;
    serverUrl = server.url;
    console.log(`\ne2e tests: no PostgreSQL at 127.0.0.1:5432, using an embedded server on port ${port}`);
  }
  process.env.ANCHORLINK_TEST_SERVER_URL = serverUrl;
  process.env.ANCHORLINK_TEST_TEMPLATE = `anchorlink_tmpl_${process.pid}_${Date.now().toString(36)}`;
}
