import { existsSync } from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { EmbeddedPostgres, EmbeddedPostgresPortInUseError, loadProcessConfig } from '@anchorlink/core';
import { DEMO_PASSWORD, DEMO_USERS } from '@anchorlink/demo-data';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  const config = await loadProcessConfig();

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await EmbeddedPostgres.start({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      log: (message) => console.log(message),
    });
    databaseUrl = embedded.url;
  }

  let stopping = false;
  const app = await createApiApp(config, databaseUrl).catch(async (error: unknown) => {
    await embedded?.stop().catch(() => undefined);
    throw error;
  });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    try {
      await app.close();
    } finally {
      await embedded?.stop().catch((e: unknown) => console.error(e));
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.port);
  const url = `http://localhost:${config.port}/graphql`;
  const lines = [`Anchorlink (锚链) API ready: ${url}`, `Health: http://localhost:${config.port}/health`];
  if (existsSync(path.join(config.portalDir, 'index.html'))) lines.unshift(`Web portal (门户): http://localhost:${config.port}/`);
  else lines.push(`No web portal at ${config.portalDir}: npm run build:portal`);
  if (config.seedDemo) {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) lines.push(`  ${user.email.padEnd(24)} ${user.roles.join(', ')}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  // A busy EMBEDDED_PG_PORT is the operator's to fix: one line, no stack trace.
  console.error(error instanceof EmbeddedPostgresPortInUseError ? error.message : error);
  process.exit(1);
});
