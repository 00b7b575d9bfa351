import pg from 'pg';

// Drops the template and every database cloned from it, then stops an embedded server.
export default async function globalTeardown() {
  const serverUrl = process.env.ANCHORLINK_TEST_SERVER_URL;
  const template = process.env.ANCHORLINK_TEST_TEMPLATE;
  if (serverUrl && template && !process.env.KEEP_TEST_DATABASES) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
        template,
        `${template.replace('_tmpl_', '_t_')}%`,
      ]);
      for (const { datname } of rows) {
        await client.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`).catch(() => undefined);
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    } finally {
      await client.end();
    }
  }
  const embedded = globalThis.__ANCHORLINK_EMBEDDED_PG__;
  if (embedded) await embedded.destroy();
}
