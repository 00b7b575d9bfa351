import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadProcessConfig, Metrics } from '@anchorlink/core';
import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { WorkerModule } from './worker.module.js';

/**
 * A separate outbox worker: `node dist/apps/worker/src/main.js` with the same
 * environment as the API (DATABASE_URL required, REDIS_URL for subscriptions
 * on API instances). `npm start` does not need it: the API runs the worker
 * in-process unless RUN_WORKER=false.
 */
async function main(): Promise<void> {
  const config = await loadProcessConfig((c) => {
    if (!c.databaseUrl)
      throw new ConfigError(
        'Invalid configuration:\n  DATABASE_URL: required by a separate worker (npm start runs the worker inside the API)',
      );
  });
  // A separate worker always works, whatever RUN_WORKER says for the API processes.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, runWorker: true }, config.databaseUrl!), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  await app.init();
  // METRICS_PORT: the worker's metrics (webhook outcomes, outbox backlog, pool), with the API's
  // rules (a token if configured; in production nothing without one), and a port to health-check.
  const port = Number(process.env.METRICS_PORT);
  if (port) {
    const metrics = app.get(Metrics);
    const token = config.metricsToken;
    const server = createServer((req, res) => {
      if (req.url !== '/metrics' || (!token && config.isProduction)) return void res.writeHead(404).end();
      const given = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
      if (token && (given.length !== token.length || !timingSafeEqual(given, Buffer.from(token)))) return void res.writeHead(401).end();
      // A failure to collect is the scraper's 500, not an unhandled rejection in the worker.
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    server.listen(port);
    process.once('SIGTERM', () => server.close());
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
