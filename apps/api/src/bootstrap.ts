import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import cors from 'cors';
import proxyAddr from 'proxy-addr';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { type AppConfigValues, CompiledApolloDriver, IdleHeapCollector, Metrics, runMigrations } from '@anchorlink/core';
import { type NextFunction, type Request, type Response, text } from 'express';
import { DemoDataLoader } from '@anchorlink/demo-data';
import { StandardsSeeder } from '@anchorlink/standards';
import { accessLog } from './access-log.js';
import { restBodyErrors } from './body-refusals.js';
import { AppModule, apiRootLogger } from './app.module.js';
import { securityHeaders } from './security-headers.js';
import { graphqlBodyErrors, graphqlHttp, type Middleware } from './graphql-http.js';

/** 5 MB is ample for any GraphQL operation (a 10,000-part forecast is about 3 MB) and any UBL document. */
const BODY_LIMIT_BYTES = 5 * 2 ** 20;

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
    // The body parsers are chosen below: NestJS's defaults add a form parser nothing here accepts, and every
    // parser mounted looks at every request's content type again.
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  // First, so every request has its id (x-request-id) before anything else can fail it. Memory left by a
  // burst is collected once requests stop: the idle collector hears of them from the access log.
  const first: Middleware[] = [
    accessLog(apiRootLogger(config.logLevel), app.get(IdleHeapCollector)),
    securityHeaders({
      // The Apollo Sandbox (development only) loads its scripts from Apollo's CDN.
      contentSecurityPolicy: config.isProduction ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  ];
  // Without allowed origins no cross-origin request gets CORS headers: the cors middleware would only pass.
  if (config.corsOrigins.length) first.push(cors({ origin: config.corsOrigins, credentials: false, maxAge: 600 }));
  // Before the body parsers, so that their own answers (a body too large, not JSON) carry the headers too.
  for (const middleware of first) app.use(middleware);
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.use('/graphql', graphqlBodyErrors);
  // UBL documents for the REST interchange arrive as XML text.
  app.use('/api', text({ type: ['application/xml', 'text/xml', 'application/*+xml'], limit: BODY_LIMIT_BYTES }));
  app.use('/api', restBodyErrors);
  // Express hashes every response body for a weak ETag, POSTs included, where no request can ever use it
  // (a GraphQL answer is a POST). The UBL order sets its own version ETag; GETs of exports and GraphQL
  // over GET lose their automatic 304s, which only saved the bandwidth of an unchanged repeat.
  app.set('etag', false);
  // REST timing by route pattern (express knows it once routed, so it is read when the response ends).
  const metrics = app.get(Metrics);
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = (req as Request & { route?: { path?: string } }).route?.path ?? 'unmatched';
      metrics.restDuration.observe({ route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });
  if (config.migrateOnStart) await runMigrations(app.get(DataSource));
  if (config.seedDemo) await app.get(DemoDataLoader).load({ activity: config.seedDemoActivity });
  // Every installation has the shared catalogue (the demo alliance published it above when seeding).
  await app.get(StandardsSeeder).ensureCatalogue();
  // GraphQL's Express route exists once the app is initialised; the direct route goes in front of Express.
  await app.init();
  const adapter = app.getHttpAdapter();
  const express = adapter.getInstance();
  // NestJS's request and response hooks run in Express's first layer, which the direct route skips.
  const hooks = adapter as unknown as { onRequestHook?: unknown; onResponseHook?: unknown };
  if (hooks.onRequestHook || hooks.onResponseHook) throw new Error('createApiApp: NestJS request hooks are set; the direct GraphQL route would skip them');
  const driver = app.get(GraphQLModule).graphQlAdapter as CompiledApolloDriver;
  const logger = new NestLogger('GraphQLHttp');
  // Compiled by Express when 'trust proxy' was set above; its req.ip reads the same function.
  const trustProxy = express.get('trust proxy fn');
  const serveGraphQL = graphqlHttp({
    path: '/graphql',
    limitBytes: BODY_LIMIT_BYTES,
    server: driver.instance,
    context: driver.httpContext!,
    before: first,
    clientIp: (req) => proxyAddr(req, trustProxy),
    onError: (error, req) => logger.error({ requestId: (req as { id?: unknown }).id, err: error }, 'GraphQL request failed'),
  });
  // Express was the server's first request listener (Apollo's drain plugin counts requests in another): it now hears
  // only of the requests the direct route leaves.
  const httpServer = app.getHttpServer() as Server;
  const expressListener = express as unknown as RequestListener;
  if (httpServer.listeners('request')[0] !== expressListener) throw new Error('createApiApp: Express is not the first request listener');
  httpServer.removeListener('request', expressListener);
  httpServer.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!serveGraphQL(req, res)) expressListener(req, res);
  });
  return app;
}
