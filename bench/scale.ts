/**
 * How the cost of single requests grows with the data:
 * `npm run bench:scale [-- --factor 10] [--dev] [--keep] [--reuse]`.
 *
 * Loads the benchmark's data set at a scale factor (default 10: 2,000
 * suppliers, 50,000 parts, 500,000 orders of 5 lines; `--factor 1` is the
 * side-by-side benchmark's data) into a fresh migrated database (vacuumed and
 * analysed: a settled database), starts the built API against it
 * (NODE_ENV=production, MIGRATE_ON_START=false, SEED_DEMO=false) and sends
 * each request ONE AT A TIME: two rounds of warm-up, then five rounds, the
 * requests in turn within a round; the median of the five is the result.
 * Every answer is checked (HTTP 200, no errors, rows in the data).
 *
 * A run at the default factor writes bench/results/scale-<time>.json and the
 * section between `<!-- scale:start` and `<!-- scale:end -->` in
 * docs/benchmarks.md; other factors and `--dev` write to bench/results/tmp
 * only. The database is dropped at the end unless `--keep`; `--reuse` skips
 * the load when the database is there, loaded at the same factor. The last
 * line printed is
 * `scale: suppliers <n> orders <n> search-ms <x> count-ms <x> overview-ms <x> scorecards-ms <x>`.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchSize, createBenchDatabase, type LoadReport } from './perf-data.js';
import { sql, startBuilt, stop, urlFor } from './support.js';
import { anchorToken, supplierToken } from './tokens.js';

const DEFAULT_FACTOR = 10;
const DATABASE = 'anchorlink_scale';
const PORT = 41_301;
const WARMUP_ROUNDS = 2;
const ROUNDS = 5;
const SECRET = randomUUID() + randomUUID();

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const factor = Number(option('factor') ?? DEFAULT_FACTOR);
const size = benchSize(factor);
const dev = args.includes('--dev') || factor !== DEFAULT_FACTOR;

function log(message: string): void {
  console.log(`scale: ${message}`);
}

/** A business date (China time, as the API and the portal count days) `daysAgo` days before now. */
function businessDate(daysAgo = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - daysAgo * 86_400_000));
}

interface Probe {
  key: string;
  title: string;
  /** In the last line. */
  headline: boolean;
  token: string;
  query: string;
  variables: Record<string, unknown>;
  /** Rows in the answer's data; an answer without rows fails the run. */
  rows: (data: any) => number;
}

// A search that matches a handful of orders at any factor: the numbers PO-B-…0120 to …0129 (10 orders).
const search = `PO-B-${'12'.padStart(size.numberWidth - 1, '0')}`;
const period = { from: businessDate(89), to: businessDate() };
const anchor = anchorToken(SECRET);
const nodes = (field: string) => (data: any) => data?.[field]?.nodes?.length ?? 0;
const list = (field: string) => (data: any) => (Array.isArray(data?.[field]) ? data[field].length : 0);

const PROBES: Probe[] = [
  {
    key: 'search',
    title: `anchor: orders searched for "${search}"`,
    headline: true,
    token: anchor,
    query: 'query($search: String!) { purchaseOrders(filter: { search: $search }) { nodes { id number } } }',
    variables: { search },
    rows: nodes('purchaseOrders'),
  },
  {
    key: 'count',
    title: 'anchor: first 50 orders with totalCount',
    headline: true,
    token: anchor,
    query: 'query { purchaseOrders(first: 50) { totalCount nodes { id number status } } }',
    variables: {},
    rows: (data) => (data?.purchaseOrders?.totalCount > 0 ? nodes('purchaseOrders')(data) : 0),
  },
  {
    key: 'overview',
    title: 'anchor: networkOverview (the portal network page’s fields)',
    headline: true,
    token: anchor,
    query:
      'query { networkOverview { supplierCount openOrders onTimeDeliveryRate activeRollouts completedRollouts suppliersByLevel { level count } } }',
    variables: {},
    rows: (data) => (data?.networkOverview?.supplierCount > 0 ? data.networkOverview.suppliersByLevel.length : 0),
  },
  {
    key: 'scorecards',
    title: `anchor: supplierScorecards over the last 90 days (${period.from} to ${period.to})`,
    headline: true,
    token: anchor,
    query:
      'query($from: Date!, $to: Date!) { supplierScorecards(from: $from, to: $to) { supplier { id } ordersCount onTimeRate otifRate forecastCommitRatio } }',
    variables: period,
    rows: list('supplierScorecards'),
  },
  {
    key: 'status-list',
    title: 'anchor: first 50 PUBLISHED orders with their supplier (the benchmark’s s3)',
    headline: false,
    token: anchor,
    query:
      'query { purchaseOrders(first: 50, filter: { status: [PUBLISHED] }) { nodes { id number status totalAmount supplier { name } } } }',
    variables: {},
    rows: nodes('purchaseOrders'),
  },
  {
    key: 'supplier-list',
    title: 'supplier 1: its first 50 orders with lines, parts and anchor (the benchmark’s s2)',
    headline: false,
    token: supplierToken(SECRET, 1),
    query:
      'query { purchaseOrders(first: 50) { nodes { id number status totalAmount anchor { name } lines { lineNumber quantity unitPrice requestedDate status part { partNumber description uom } } } } }',
    variables: {},
    rows: nodes('purchaseOrders'),
  },
  {
    key: 'risks',
    title: 'anchor: supplyRisks(firmOnly: true) (the portal risks page’s fields)',
    headline: false,
    token: anchor,
    query:
      'query($firmOnly: Boolean) { supplyRisks(firmOnly: $firmOnly) { periodStart demand committed firm part { id partNumber description } forecast { id supplier { id name } } } }',
    variables: { firmOnly: true },
    rows: list('supplyRisks'),
  },
];

/** One request, timed from sending to the last byte of the answer; throws unless it is a 200 with rows and no errors. */
async function send(probe: Probe): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${probe.token}` },
    body: JSON.stringify({ query: probe.query, variables: probe.variables }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const rows = body?.data ? probe.rows(body.data) : 0;
  if (res.status !== 200 || !body || body.errors || !(rows > 0))
    throw new Error(`${probe.key}: HTTP ${res.status}, ${rows} rows: ${text.slice(0, 400)}`);
  return { ms, rows };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function prepareDatabase(): Promise<{ load: LoadReport | null; reused: boolean }> {
  const label = `bench:scale factor ${factor}`;
  if (args.includes('--reuse')) {
    const [row] = await sql<{ comment: string | null }>(
      'postgres',
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [DATABASE],
    );
    if (row?.comment === label) return { load: null, reused: true };
  }
  const load = await createBenchDatabase(DATABASE, SECRET, PORT, size, { vacuum: true });
  await sql('postgres', `COMMENT ON DATABASE ${DATABASE} IS '${label}'`);
  return { load, reused: false };
}

async function main(): Promise<void> {
  const started = Date.now();
  let api: ChildProcess | undefined;
  try {
    const { load, reused } = await prepareDatabase();
    const [counts] = await sql(
      DATABASE,
      `SELECT (SELECT count(*) FROM organizations WHERE kind = 'SUPPLIER')::int AS suppliers, (SELECT count(*) FROM parts)::int AS parts,
              (SELECT count(*) FROM purchase_orders)::int AS orders, (SELECT count(*) FROM purchase_order_lines)::int AS lines,
              (SELECT count(*) FROM order_events)::int AS events, (SELECT count(*) FROM forecast_buckets)::int AS buckets,
              (SELECT count(*) FROM purchase_orders WHERE created_at >= now() - interval '90 days')::int AS "ordersLast90Days",
              pg_database_size(current_database())::bigint AS bytes`,
    );
    const gb = (Number(counts.bytes) / 2 ** 30).toFixed(2);
    log(
      `data at factor ${factor}: ${counts.suppliers} suppliers, ${counts.parts} parts, ${counts.orders} orders (${counts.ordersLast90Days} in the last 90 days), ${counts.lines} lines, ${counts.events} order events, ${counts.buckets} forecast buckets; ` +
        (reused
          ? `database reused, ${gb} GiB`
          : `loaded in ${load!.seconds.toFixed(1)} s (${Object.entries(load!.phases)
              .map(([k, v]) => `${k} ${v.toFixed(1)}`)
              .join(', ')}), ${gb} GiB on disk`),
    );

    api = await startBuilt(
      'api',
      {
        DATABASE_URL: urlFor(DATABASE),
        JWT_SECRET: SECRET,
        NODE_ENV: 'production',
        MIGRATE_ON_START: 'false',
        SEED_DEMO: 'false',
        PORT: String(PORT),
      },
      PORT,
    );
    for (let round = 0; round < WARMUP_ROUNDS; round++) for (const probe of PROBES) await send(probe);
    const samples = Object.fromEntries(PROBES.map((p) => [p.key, [] as number[]]));
    const rows: Record<string, number> = {};
    // One request at a time, the requests in turn in each round: a slow spell of the shared machine falls on all.
    for (let round = 0; round < ROUNDS; round++) {
      for (const probe of PROBES) {
        const result = await send(probe);
        samples[probe.key].push(result.ms);
        rows[probe.key] = result.rows;
      }
    }
    const results = PROBES.map((p) => ({
      key: p.key,
      title: p.title,
      query: p.query,
      variables: p.variables,
      rows: rows[p.key],
      medianMs: median(samples[p.key]),
      minMs: Math.min(...samples[p.key]),
      maxMs: Math.max(...samples[p.key]),
      samplesMs: samples[p.key].map((ms) => Math.round(ms * 10) / 10),
    }));
    for (const r of results)
      log(
        `${r.key.padEnd(13)} ${r.medianMs.toFixed(1).padStart(8)} ms median (${r.minMs.toFixed(1)}–${r.maxMs.toFixed(1)}), ${r.rows} rows: ${r.title}`,
      );

    const report = {
      date: new Date().toISOString(),
      mode: dev ? 'dev' : 'recorded',
      factor,
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      versions: { postgresql: (await sql(DATABASE, 'SHOW server_version'))[0].server_version },
      data: { ...size, counts: { ...counts, bytes: Number(counts.bytes) } },
      load: reused ? { reused: true } : { reused: false, seconds: load!.seconds, phases: load!.phases },
      method: {
        oneAtATime: true,
        warmupRounds: WARMUP_ROUNDS,
        rounds: ROUNDS,
        statistic: 'median',
        order: 'the requests in turn within each round',
      },
      requests: results,
      seconds: Math.round((Date.now() - started) / 1000),
    };
    const folder = path.join(import.meta.dirname, 'results', dev ? 'tmp' : '');
    await fs.mkdir(folder, { recursive: true });
    const file = path.join(folder, `scale-${report.date.replace(/[:.]/g, '-')}${dev ? `-f${factor}` : ''}.json`);
    await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    if (!dev) await writeDoc(report);
    log(`results in ${path.relative(process.cwd(), file)}${dev ? '' : ' and docs/benchmarks.md'}; ${report.seconds} s in all`);
    const ms = (key: string) => results.find((r) => r.key === key)!.medianMs.toFixed(1);
    console.log(
      `scale: suppliers ${counts.suppliers} orders ${counts.orders} search-ms ${ms('search')} count-ms ${ms('count')} overview-ms ${ms('overview')} scorecards-ms ${ms('scorecards')}`,
    );
  } finally {
    if (api) await stop(api);
    if (!args.includes('--keep')) await sql('postgres', `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

async function writeDoc(report: any): Promise<void> {
  const doc = path.join(process.cwd(), 'docs/benchmarks.md');
  const text = await fs.readFile(doc, 'utf8');
  const c = report.data.counts;
  const n = (v: number) => v.toLocaleString('en-US');
  const section = [
    '<!-- scale:start (written by `npm run bench:scale`) -->',
    `Last run: ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${report.machine.cpus} × ${report.machine.model}, ${report.machine.memoryGb} GiB, Node ${report.machine.node}, PostgreSQL ${report.versions.postgresql}. ` +
      `Factor ${report.factor}: ${n(c.suppliers)} suppliers, ${n(c.parts)} parts, ${n(c.orders)} orders one minute apart (${n(c.ordersLast90Days)} in the last 90 days), ${n(c.lines)} order lines, ${n(c.events)} order events, ${n(c.buckets)} forecast buckets; ` +
      `${(c.bytes / 2 ** 30).toFixed(2)} GiB${report.load.reused ? '' : `, loaded, indexed and vacuumed in ${report.load.seconds.toFixed(0)} s`}. ` +
      `The built API (production) answers each request alone: ${report.method.warmupRounds} rounds of warm-up, then ${report.method.rounds} rounds with the requests in turn; the median. Reproduce: \`npm run bench:scale\` (\`-- --factor 1\` for the side-by-side benchmark's data).`,
    '',
    '| request | median ms | min – max ms | rows answered |',
    '|---|---|---|---|',
    ...report.requests.map(
      (r: any) => `| ${r.key}: ${r.title} | **${r.medianMs.toFixed(1)}** | ${r.minMs.toFixed(1)} – ${r.maxMs.toFixed(1)} | ${r.rows} |`,
    ),
    '<!-- scale:end -->',
  ].join('\n');
  const marked = /<!-- scale:start[\s\S]*?<!-- scale:end -->/;
  const replaced = marked.test(text)
    ? text.replace(marked, section)
    : `${text.trimEnd()}\n\n## Single requests as the data grows (\`npm run bench:scale\`)\n\n${section}\n`;
  await fs.writeFile(doc, replaced);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
