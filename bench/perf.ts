/**
 * Anchorlink side by side with PostGraphile 4.14 and a raw-SQL floor, on the
 * same database, data and machine, in the same run (ratios hold where
 * absolute numbers drift). `npm run bench` (full) or `npm run bench -- --quick`.
 *
 * Every server enforces the same row-level security: requests run as
 * anchorlink_app with app.org_id from the same signed access token. Results
 * go to bench/results/perf-<time>.json and docs/benchmarks.md; the last line
 * printed is `bench: s1 <r> s2 <r> s3 <r> s4 <r|-> s5 <r> sql <n>`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import argon2 from 'argon2';
import {
  ANCHOR_BUYER_ID,
  ANCHOR_ID,
  BIG_FORECAST_PARTS,
  FORECAST_WEEKS,
  forecastId,
  LINES_PER_ORDER,
  loadBenchData,
  ORDERS,
  orderId,
  PARTS,
  SUPPLIERS,
  supplierId,
  supplierOfOrder,
  supplierUserId,
} from './perf-data.js';
import { sql, startBuilt, stop, urlFor } from './support.js';

// The harness's own dependencies live in bench/node_modules (npm ci --prefix bench), outside the app's tree.
const benchRequire = createRequire(path.join(import.meta.dirname, 'package.json'));
const autocannon = benchRequire('autocannon') as (options: object, done: (error: Error | null, result: any) => void) => NodeJS.EventEmitter;

const quick = process.argv.includes('--quick');
const DATABASE = 'anchorlink_bench';
const SECRET = randomUUID() + randomUUID();
const CONNECTIONS = 8;
const DURATION_S = quick ? 3 : 10;
const WARMUP_S = quick ? 1 : 3;
const ROUNDS = 2;
const PORTS = { anchorlink: 41_001, postgraphile: 41_002, floor: 41_003 };
const COUNTER_PORTS = { anchorlink: 41_101, postgraphile: 41_102, floor: 41_103 };
type ServerName = keyof typeof PORTS;

function log(message: string): void {
  console.log(`bench: ${message}`);
}

/** An access token exactly as Anchorlink issues them (HS256, issuer and audience), valid for an hour. */
function token(sub: string, org: string, kind: string, roles: string[]): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, org, kind, roles, locale: 'zh-CN', iat: now, exp: now + 3600, iss: 'anchorlink', aud: 'anchorlink-api' })}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
}

const supplierToken = (s: number) => token(supplierUserId(s), supplierId(s), 'SUPPLIER', ['ORG_ADMIN', 'SUPPLIER_SALES']);
const anchorToken = token(ANCHOR_BUYER_ID, ANCHOR_ID, 'ANCHOR', ['PROCUREMENT', 'PLANNER']);

// ---------------------------------------------------------------- the scenarios

const LINE_FIELDS = 'lineNumber quantity unitPrice requestedDate status part { partNumber description uom }';
const PG_LINE_FIELDS = 'lineNumber quantity unitPrice requestedDate status partByPartId { partNumber description uom }';

/** Orders of supplier 1 for reads (it sees PUBLISHED, CONFIRMED and CLOSED ones). */
const readableOrders = Array.from({ length: ORDERS }, (_, i) => i + 1).filter((n) => supplierOfOrder(n) === 1 && n % 10 !== 0);
/** Published orders of every supplier, each confirmed at most once across all servers. */
const confirmable = Array.from({ length: ORDERS }, (_, i) => i + 1).filter((n) => n % 10 >= 1 && n % 10 <= 6 && supplierOfOrder(n) !== 1);
let nextConfirmable = 0;

interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Scenario {
  key: 's1' | 's2' | 's3' | 's4' | 's5';
  title: string;
  servers: ServerName[];
  request: (server: ServerName, pageSize?: number) => Request;
}

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
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;

const SCENARIOS: Scenario[] = [
  {
    key: 's1',
    title: 'one order by id with its lines and parts (supplier)',
    servers: ['anchorlink', 'postgraphile', 'floor'],
    request: (server) => {
      const id = orderId(pick(readableOrders));
      const bearer = supplierToken(1);
      if (server === 'anchorlink') return graphql(`query($id: ID!) { purchaseOrder(id: $id) { id number status totalAmount lines { ${LINE_FIELDS} } } }`, { id }, bearer);
      if (server === 'postgraphile') {
        // The primary key is (id, supplier_org_id) (docs/scaling.md): PostGraphile's accessor takes both; the supplier knows its own.
        return graphql(
          `query($id: UUID!, $s: UUID!) { purchaseOrderByIdAndSupplierOrgId(id: $id, supplierOrgId: $s) { id number status totalAmount purchaseOrderLinesByOrderIdAndSupplierOrgId(orderBy: LINE_NUMBER_ASC) { nodes { ${PG_LINE_FIELDS} } } } }`,
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
    servers: ['anchorlink', 'postgraphile', 'floor'],
    request: (server, pageSize = 50) => {
      const bearer = supplierToken(1);
      if (server === 'anchorlink') {
        return graphql(`query($n: Int) { purchaseOrders(first: $n) { nodes { id number status totalAmount anchor { name } lines { ${LINE_FIELDS} } } } }`, { n: pageSize }, bearer);
      }
      if (server === 'postgraphile') {
        return graphql(
          `query($n: Int) { allPurchaseOrders(first: $n, orderBy: [UPDATED_AT_DESC, ID_DESC]) { nodes { id number status totalAmount organizationByAnchorOrgId { name } purchaseOrderLinesByOrderIdAndSupplierOrgId(orderBy: LINE_NUMBER_ASC) { nodes { ${PG_LINE_FIELDS} } } } } }`,
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
    servers: ['anchorlink', 'postgraphile', 'floor'],
    request: (server, pageSize = 50) => {
      if (server === 'anchorlink') {
        return graphql(`query($n: Int) { purchaseOrders(first: $n, filter: { status: [PUBLISHED] }) { nodes { id number status totalAmount supplier { name } } } }`, { n: pageSize }, anchorToken);
      }
      if (server === 'postgraphile') {
        return graphql(
          `query($n: Int) { allPurchaseOrders(first: $n, condition: { status: PUBLISHED }, orderBy: [UPDATED_AT_DESC, ID_DESC]) { nodes { id number status totalAmount organizationBySupplierOrgId { name } } } }`,
          { n: pageSize },
          anchorToken,
        );
      }
      return floor('/s3', anchorToken);
    },
  },
  {
    key: 's4',
    title: 'confirmPurchaseOrder on fresh published orders (PostGraphile left out: its schema has no such mutation)',
    servers: ['anchorlink', 'floor'],
    request: (server) => {
      const n = confirmable[nextConfirmable++ % confirmable.length]!;
      const bearer = supplierToken(supplierOfOrder(n));
      if (server === 'anchorlink') {
        return graphql(`mutation($id: ID!) { confirmPurchaseOrder(id: $id, expectedVersion: 1) { id status version } }`, { id: orderId(n) }, bearer);
      }
      return floor('/s4', bearer, { id: orderId(n), version: 1 });
    },
  },
  {
    key: 's5',
    title: `a forecast with ${BIG_FORECAST_PARTS} parts × ${FORECAST_WEEKS} weeks read by the supplier`,
    servers: ['anchorlink', 'postgraphile', 'floor'],
    request: (server) => {
      const id = forecastId(1);
      const bearer = supplierToken(1);
      if (server === 'anchorlink') return graphql(`query($id: ID!) { forecast(id: $id) { id lines { part { partNumber } buckets { periodStart quantity } } } }`, { id }, bearer);
      if (server === 'postgraphile') {
        return graphql(
          `query($id: UUID!, $s: UUID!) { forecastByIdAndSupplierOrgId(id: $id, supplierOrgId: $s) { id forecastBucketsByForecastIdAndSupplierOrgId(orderBy: [PART_ID_ASC, BUCKET_INDEX_ASC]) { nodes { periodStart quantity partByPartId { partNumber } } } } }`,
          { id, s: supplierId(1) },
          bearer,
        );
      }
      return floor(`/s5?id=${id}`, bearer);
    },
  },
];

// ---------------------------------------------------------------- servers

const children: ChildProcess[] = [];

async function startServers(): Promise<Record<ServerName, ChildProcess>> {
  const common = { DATABASE_URL: urlFor(DATABASE), JWT_SECRET: SECRET, NODE_ENV: 'production' };
  const counter = (server: ServerName, from: string) => ({ SQL_COUNTER_PORT: String(COUNTER_PORTS[server]), SQL_COUNTER_PG_FROM: from, NODE_OPTIONS: `--require ${path.join(import.meta.dirname, 'servers/sql-counter.cjs')}` });
  const anchorlink = await startBuilt('api', { ...common, ...counter('anchorlink', process.cwd()), PORT: String(PORTS.anchorlink), MIGRATE_ON_START: 'false', SEED_DEMO: 'false' }, PORTS.anchorlink);
  children.push(anchorlink);
  const side = (server: 'postgraphile' | 'floor') =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(import.meta.dirname, `servers/${server}-server.js`)], {
        env: { ...process.env, ...common, ...counter(server, import.meta.dirname), PORT: String(PORTS[server]) },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      children.push(child);
      child.once('message', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`${server} exited with ${code}`)));
    });
  return { anchorlink, postgraphile: await side('postgraphile'), floor: await side('floor') };
}

async function send(server: ServerName, request: Request): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${PORTS[server]}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

/** Every server answers every scenario with data and no errors before anything is measured. */
async function validate(): Promise<void> {
  for (const scenario of SCENARIOS) {
    for (const server of scenario.servers) {
      const { status, body } = await send(server, scenario.request(server));
      const data = body?.data;
      const empty = !data || Object.values(data).some((v) => v === null);
      if (status !== 200 || body?.errors || empty) throw new Error(`${scenario.key} on ${server}: HTTP ${status} ${JSON.stringify(body).slice(0, 400)}`);
    }
  }
}

async function statementCount(server: ServerName, request: Request): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    await fetch(`http://127.0.0.1:${COUNTER_PORTS[server]}`, { method: 'POST' });
    await send(server, request);
    best = Math.min(best, Number(await (await fetch(`http://127.0.0.1:${COUNTER_PORTS[server]}`)).text()));
  }
  return best;
}

// ---------------------------------------------------------------- load

interface Run {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function load(server: ServerName, scenario: Scenario, seconds: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let errors = 0;
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${PORTS[server]}`,
        connections: CONNECTIONS,
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function rssMb(pid: number): Promise<number> {
  return fs.readFile(`/proc/${pid}/status`, 'utf8').then((s) => Number(/VmRSS:\s+(\d+)/.exec(s)![1]) / 1024);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  await sql('postgres', `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await sql('postgres', `CREATE DATABASE ${DATABASE}`);
  // Migrations by the built app itself, then the data set, set-based.
  const migrator = await startBuilt('api', { DATABASE_URL: urlFor(DATABASE), JWT_SECRET: SECRET, PORT: String(PORTS.anchorlink), SEED_DEMO: 'false', LOG_LEVEL: 'warn', RUN_WORKER: 'false' }, PORTS.anchorlink);
  await stop(migrator);
  const loadStarted = Date.now();
  await loadBenchData(urlFor(DATABASE), await argon2.hash('Bench-password-2026', { type: argon2.argon2id }));
  log(`data: ${SUPPLIERS} suppliers, ${PARTS} parts, ${ORDERS} orders × ${LINES_PER_ORDER} lines, forecasts; loaded in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

  const servers = await startServers();
  await validate();

  const statements: Record<string, number> = {};
  for (const scenario of SCENARIOS.filter((s) => ['s1', 's2', 's3'].includes(s.key))) {
    for (const server of ['anchorlink', 'postgraphile'] as const) {
      for (const size of scenario.key === 's1' ? [1] : [10, 50, 200]) {
        statements[`${scenario.key}/${server}/${size}`] = await statementCount(server, scenario.request(server, size));
      }
    }
  }
  log(`SQL statements per request: ${JSON.stringify(statements)}`);

  const results: Record<string, Record<ServerName, Run[]>> = {};
  for (const scenario of SCENARIOS) {
    results[scenario.key] = {} as Record<ServerName, Run[]>;
    for (const server of scenario.servers) {
      await load(server, scenario, WARMUP_S);
      results[scenario.key]![server] = [];
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of scenario.servers) results[scenario.key]![server].push(await load(server, scenario, DURATION_S));
    }
    const line = scenario.servers
      .map((server) => {
        const runs = results[scenario.key]![server];
        return `${server} ${median(runs.map((r) => r.requestsPerSecond)).toFixed(0)} req/s p95 ${median(runs.map((r) => r.p95)).toFixed(1)} ms`;
      })
      .join(' | ');
    log(`${scenario.key} ${line}`);
  }
  // Right after the load the heap still holds its garbage (V8 grows it freely on a 24 GiB
  // machine); idle, V8's memory reducer gives it back. Both are reported.
  const rss = await rssMb(servers.anchorlink.pid!);
  let settledRss = rss;
  for (let waited = 0; waited < 60; waited += 5) {
    await new Promise((r) => setTimeout(r, 5000));
    settledRss = Math.min(settledRss, await rssMb(servers.anchorlink.pid!));
    if (settledRss < rss * 0.6) break;
  }

  const summary = SCENARIOS.map((scenario) => {
    const stat = (server: ServerName, field: keyof Run) => (results[scenario.key]![server] ? median(results[scenario.key]![server].map((r) => r[field])) : null);
    const a = stat('anchorlink', 'requestsPerSecond')!;
    const p = stat('postgraphile', 'requestsPerSecond');
    const f = stat('floor', 'requestsPerSecond')!;
    return {
      scenario: scenario.key,
      title: scenario.title,
      anchorlink: { rps: a, p50: stat('anchorlink', 'p50'), p95: stat('anchorlink', 'p95'), p99: stat('anchorlink', 'p99'), errors: stat('anchorlink', 'errors') },
      postgraphile: p === null ? null : { rps: p, p50: stat('postgraphile', 'p50'), p95: stat('postgraphile', 'p95'), p99: stat('postgraphile', 'p99'), errors: stat('postgraphile', 'errors') },
      floor: { rps: f, p50: stat('floor', 'p50'), p95: stat('floor', 'p95'), p99: stat('floor', 'p99'), errors: stat('floor', 'errors') },
      ratioPostgraphile: p === null ? null : a / p,
      ratioFloor: a / f,
    };
  });
  const maxStatements = Math.max(...Object.entries(statements).filter(([k]) => k.includes('/anchorlink/')).map(([, v]) => v));
  const report = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    versions: { postgresql: (await sql(DATABASE, 'SHOW server_version'))[0].server_version, postgraphile: benchRequire('postgraphile/package.json').version, autocannon: benchRequire('autocannon/package.json').version },
    load: { connections: CONNECTIONS, durationSeconds: DURATION_S, warmupSeconds: WARMUP_S, rounds: ROUNDS, order: 'A/B/F alternating per round' },
    data: { suppliers: SUPPLIERS, parts: PARTS, orders: ORDERS, linesPerOrder: LINES_PER_ORDER },
    statements,
    anchorlinkRssMb: { afterLoad: Math.round(rss), settled: Math.round(settledRss) },
    summary,
    runs: results,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  // Quick runs are smoke checks: their results stay out of git (bench/results/tmp is ignored).
  const folder = path.join(import.meta.dirname, 'results', quick ? 'tmp' : '');
  await fs.mkdir(folder, { recursive: true });
  const file = path.join(folder, `perf-${report.date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  if (!quick) await writeDoc(report);
  log(`Anchorlink RSS right after the load ${Math.round(rss)} MB, settled ${Math.round(settledRss)} MB; results in ${path.relative(process.cwd(), file)}; ${report.seconds} s in all`);

  const r = (key: string) => {
    const row = summary.find((s) => s.scenario === key)!;
    return row.ratioPostgraphile === null ? '-' : row.ratioPostgraphile.toFixed(2);
  };
  console.log(`bench: s1 ${r('s1')} s2 ${r('s2')} s3 ${r('s3')} s4 ${r('s4')} s5 ${r('s5')} sql ${maxStatements}`);
}

async function writeDoc(report: any): Promise<void> {
  const doc = path.join(process.cwd(), 'docs/benchmarks.md');
  const text = await fs.readFile(doc, 'utf8');
  const fmt = (v: number | null | undefined, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
  const rows = report.summary.map(
    (s: any) =>
      `| ${s.scenario} | ${s.title} | ${fmt(s.anchorlink.rps)} | ${fmt(s.postgraphile?.rps)} | ${fmt(s.floor.rps)} | **${fmt(s.ratioPostgraphile, 2)}** | ${fmt(s.ratioFloor, 2)} | ${fmt(s.anchorlink.p50, 1)} / ${fmt(s.anchorlink.p95, 1)} / ${fmt(s.anchorlink.p99, 1)} | ${s.postgraphile ? `${fmt(s.postgraphile.p50, 1)} / ${fmt(s.postgraphile.p95, 1)} / ${fmt(s.postgraphile.p99, 1)}` : '–'} | ${fmt(s.floor.p50, 1)} / ${fmt(s.floor.p95, 1)} |`,
  );
  const statementsRows = ['s1', 's2', 's3'].map((k) => {
    const cell = (server: string) => (k === 's1' ? `${report.statements[`${k}/${server}/1`]}` : [10, 50, 200].map((n) => report.statements[`${k}/${server}/${n}`]).join(' / '));
    return `| ${k} | ${cell('anchorlink')} | ${cell('postgraphile')} |`;
  });
  const section = [
    '<!-- perf:start (written by `npm run bench`) -->',
    `Last full run: ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${report.machine.cpus} × ${report.machine.model}, ${report.machine.memoryGb} GiB, Node ${report.machine.node}, PostgreSQL ${report.versions.postgresql}, PostGraphile ${report.versions.postgraphile}, autocannon ${report.versions.autocannon}; ${report.load.connections} connections, ${report.load.durationSeconds} s per run, ${report.load.rounds} rounds alternating the servers, medians. Reproduce: \`npm run bench\`.`,
    '',
    '| | scenario | Anchorlink req/s | PostGraphile req/s | floor req/s | Anchorlink / PostGraphile | Anchorlink / floor | Anchorlink p50 / p95 / p99 ms | PostGraphile p50 / p95 / p99 ms | floor p50 / p95 ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'SQL statements per request (every round trip to PostgreSQL, transaction control included; page sizes 10 / 50 / 200):',
    '',
    '| | Anchorlink | PostGraphile |',
    '|---|---|---|',
    ...statementsRows,
    '',
    `Anchorlink RSS right after the last load: ${report.anchorlinkRssMb.afterLoad} MB; once idle (V8's memory reducer): ${report.anchorlinkRssMb.settled} MB.`,
    '<!-- perf:end -->',
  ].join('\n');
  const replaced = /<!-- perf:start[\s\S]*?<!-- perf:end -->/.test(text) ? text.replace(/<!-- perf:start[\s\S]*?<!-- perf:end -->/, section) : `${text.trimEnd()}\n\n## Side by side with PostGraphile\n\n${section}\n`;
  await fs.writeFile(doc, replaced);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const child of children) await stop(child).catch(() => undefined);
  });
