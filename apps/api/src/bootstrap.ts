import { NestFactory } from '@nestjs/core';
import cors from 'cors';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { type AppConfigValues, Metrics, migrateDatabase } from '@anchorlink/core';
import { type NextFunction, type Request, type Response, text } from 'express';
import { DemoDataLoader } from '@anchorlink/demo-data';
import { StandardsSeeder } from '@anchorlink/standards';
import { MIGRATIONS } from '../../../migrations/index.js';
import { accessLog } from './access-log.js';
import { graphqlBodyErrors, restBodyErrors } from './body-refusals.js';
import { AppModule, apiRootLogger } from './app.module.js';
import { securityHeaders } from './security-headers.js';
import { GRAPHQL_LIMITS } from './graphql-armor.js';

/** 5 MB is ample for any GraphQL operation (a 10,000-part forecast is about 3 MB) and any UBL document. */
const BODY_LIMIT_BYTES = GRAPHQL_LIMITS.maxBodyBytes;

/**
 * Creates the API application against `databaseUrl`: migrations and demo data
 * as configured. Used by main.ts and by the e2e tests, so both run the same code.
 *
 * One HTTP pipeline: every request (GraphQL, REST, the portal's files, the
 * probes) passes the same Express middleware once, in this order: the access
 * log (request id), the security headers, CORS when origins are allowed, the
 * body parsers, then NestJS's routes (Apollo Server at /graphql).
 */
export async function createApiApp(
  config: AppConfigValues,
  databaseUrl: string,
  options: { logger?: boolean } = {},
): Promise<NestExpressApplication> {
  // Before the application exists: its request pool connects as the role the migrations create.
  if (config.migrateOnStart) await migrateDatabase(databaseUrl, MIGRATIONS);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl }), {
    bufferLogs: true,
    abortOnError: false,
    // The body parsers are chosen below: NestJS's defaults add a form parser nothing here accepts.
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  // First, so every request has its id (x-request-id) before anything else can fail it.
  app.use(accessLog(apiRootLogger(config.logLevel)));
  app.use(
    securityHeaders({
      // The Apollo Sandbox (development only) loads its scripts from Apollo's CDN.
      contentSecurityPolicy: config.isProduction ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Without allowed origins no cross-origin request gets CORS headers: the cors middleware would only pass.
  if (config.corsOrigins.length) app.use(cors({ origin: config.corsOrigins, credentials: false, maxAge: 600 }));
  // After the headers, so that the parsers' own answers (a body too large, not JSON) carry them too.
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.use('/graphql', graphqlBodyErrors);
  // UBL documents for the REST interchange arrive as XML text.
  app.use('/api', text({ type: ['application/xml', 'text/xml', 'application/*+xml'], limit: BODY_LIMIT_BYTES }));
  app.use('/api', restBodyErrors);
  // Express hashes every response body for a weak ETag, POSTs included, where no request can ever use it
  // (a GraphQL answer is a POST). The UBL order sets its own version ETag.
  app.set('etag', false);
  // REST timing by route pattern (express knows it once routed, so it is read when the response ends).
  const metrics = app.get(Metrics);
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.restDuration.observe({ route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });
  if (config.seedDemo) await app.get(DemoDataLoader).load({ activity: config.seedDemoActivity });
  // Every installation has the shared catalogue (the demo alliance published it above when seeding).
  await app.get(StandardsSeeder).ensureCatalogue();
  await app.init();
  return app;
}
