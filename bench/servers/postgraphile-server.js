// PostGraphile 4.14 in production mode on the Anchorlink database, with the
// same row-level security: each request runs as anchorlink_app with
// app.org_id taken from the same signed access token Anchorlink accepts.
// Installed in a tree of its own, bench/postgraphile4 (see its package.json:
// beside PostGraphile 5 it would share a hoisted package with graphql 16);
// it re-exports graphile-utils 4.
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import jwt from 'jsonwebtoken';

const { postgraphile, makeJSONPgSmartTagsPlugin } = createRequire(new URL('../postgraphile4/package.json', import.meta.url))(
  'postgraphile',
);

// forecast_buckets has no foreign keys (set-based bulk writes); tell PostGraphile the relations.
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
// on every verification (over a third of this server's CPU in a profile).
const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET));
const middleware = postgraphile(process.env.DATABASE_URL, 'public', {
  appendPlugins: [smartTags],
  graphqlRoute: '/graphql',
  graphiql: false,
  watchPg: false,
  disableQueryLog: true,
  extendedErrors: [],
  showErrorStack: false,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  retryOnInitFail: false,
  pgSettings: (req) => {
    const header = req.headers.authorization ?? '';
    const claims = jwt.verify(header.replace(/^Bearer\s+/i, ''), secret, {
      algorithms: ['HS256'],
      issuer: 'anchorlink',
      audience: 'anchorlink-api',
    });
    return { role: 'anchorlink_app', 'app.org_id': claims.org, statement_timeout: '15000' };
  },
});

createServer(middleware).listen(Number(process.env.PORT), '127.0.0.1', () => {
  if (process.send) process.send('ready');
});
