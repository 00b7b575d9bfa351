import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { type AppConfigValues, runMigrations } from '@anchorlink/core';
import { DemoDataLoader } from '@anchorlink/demo-data';
import { StandardsSeeder } from '@anchorlink/standards';
import { AppModule } from './app.module.js';

/**
 * Creates the API application against `databaseUrl`: migrations and demo data
 * as configured. Used by main.ts and by the e2e tests, so both run the same code.
 */
export async function createApiApp(
  config: AppConfigValues,
  databaseUrl: string,
  options: { logger?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl }), {
    bufferLogs: true,
    abortOnError: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  // 5 MB is ample for any GraphQL operation; a 10,000-part forecast is about 3 MB.
  app.useBodyParser('json', { limit: '5mb' });
  // UBL documents for the REST interchange arrive as XML text.
  app.useBodyParser('text', { type: ['application/xml', 'text/xml', 'application/*+xml'], limit: '5mb' });
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      // The Apollo Sandbox (development only) loads its scripts from Apollo's CDN.
      contentSecurityPolicy: config.isProduction ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: false, maxAge: 600 });
  if (config.migrateOnStart) await runMigrations(app.get(DataSource));
  if (config.seedDemo) await app.get(DemoDataLoader).load({ activity: config.seedDemoActivity });
  // Every installation has the shared catalogue (the demo alliance published it above when seeding).
  await app.get(StandardsSeeder).ensureCatalogue();
  return app;
}
