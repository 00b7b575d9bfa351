import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadProcessConfig } from '@anchorlink/core';
import { WorkerModule } from './worker.module.js';

/**
 * A separate outbox worker: `node dist/apps/worker/src/main.js` with the same
 * environment as the API (DATABASE_URL required, REDIS_URL for subscriptions
 * on API instances). `npm start` does not need it: the API runs the worker
 * in-process unless RUN_WORKER=false.
 */
async function main(): Promise<void> {
  const config = await loadProcessConfig((c) => {
    if (!c.databaseUrl) throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required by a separate worker (npm start runs the worker inside the API)');
  });
  // A separate worker always works, whatever RUN_WORKER says for the API processes.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, runWorker: true }, config.databaseUrl!), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  await app.init();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
