// Preloaded (`node --require`) into a benchmarked server: counts every query
// its `pg` clients send, and answers the count on SQL_COUNTER_PORT
// (GET: the count; POST: reset). The servers themselves are untouched.
// SQL_COUNTER_PG_FROM names the folder whose `pg` the server loads: the API's
// for Anchorlink, bench/ for the floor and PostGraphile 5 (@dataplan/pg sends
// its begin, set_config, queries and commit each through Client#query),
// bench/postgraphile4 for PostGraphile 4.
const http = require('node:http');
const { createRequire } = require('node:module');
const path = require('node:path');

const from = process.env.SQL_COUNTER_PG_FROM || process.cwd();
const pg = createRequire(path.join(from, 'noop.js'))('pg');
let count = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  count += 1;
  return original.apply(this, args);
};
http
  .createServer((req, res) => {
    if (req.method === 'POST') count = 0;
    res.end(String(count));
  })
  .listen(Number(process.env.SQL_COUNTER_PORT), '127.0.0.1')
  .unref();
