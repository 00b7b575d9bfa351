/**
 * Anchorlink side by side with PostGraphile 4.14 and a raw-SQL floor, on the
 * same database, data and machine, in the same run (ratios hold where
 * absolute numbers drift). `npm run bench` (full) or `npm run bench -- --quick`.
 *
 * Every server enforces the same row-level security: requests run as
 * anchorlink_app with app.org_id from the same signed access token. Results
 * go to bench/results/perf-<time>.json and docs/benchmarks.md; the last line
 * printed is `bench: s1 <r> s2 <r> s3 <r> s4 <r|-> s5 <r> sql <n>`.
 *
 * After the side-by-side runs, s1–s3 run once more with the database "on
 * another host" (a proxy adding REMOTE_RTT_MS to every round trip) over one
 * connection: what the round trips per request cost in latency.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBenchDatabase, LINES_PER_ORDER, ORDERS, PARTS, SUPPLIERS } from './perf-data.js';
import { benchRequire, CONNECTIONS, load, PORTS, startComparisonServer, type Request, type Run, SCENARIOS, SECRET, type ServerName } from './scenarios.js';
import { sql, startBuilt, startLatencyProxy, stop, urlFor } from './support.js';


const quick = process.argv.includes('--quick');
const DATABASE = 'anchorlink_bench';
// Four rounds of 5 s rather than two of 10: the same time, and a slow spell of the shared machine
// (tens of seconds, every process slower) falls on fewer of each server's runs and moves the median less.
const DURATION_S = quick ? 3 : 5;
const WARMUP_S = quick ? 1 : 3;
const ROUNDS = quick ? 1 : 4; // a quick run is a smoke check (under 3 minutes), not a measurement
const COUNTER_PORTS = { anchorlink: 41_101, postgraphile: 41_102, floor: 41_103 };
const REMOTE_RTT_MS = 2;
const REMOTE_S = quick ? 1 : 5;
const REMOTE_ROUNDS = quick ? 1 : 2;

function log(message: string): void {
  console.log(`bench: ${message}`);
}

// ---------------------------------------------------------------- servers

const children: ChildProcess[] = [];

async function startServers(databaseUrl = urlFor(DATABASE), countStatements = true): Promise<Record<ServerName, ChildProcess>> {
  const common = { DATABASE_URL: databaseUrl, JWT_SECRET: SECRET, NODE_ENV: 'production' };
  const counter = (server: ServerName, from: string) =>
    countStatements ? { SQL_COUNTER_PORT: String(COUNTER_PORTS[server]), SQL_COUNTER_PG_FROM: from, NODE_OPTIONS: `--require ${path.join(import.meta.dirname, 'servers/sql-counter.cjs')}` } : {};
  const anchorlink = await startBuilt('api', { ...common, ...counter('anchorlink', process.cwd()), PORT: String(PORTS.anchorlink), MIGRATE_ON_START: 'false', SEED_DEMO: 'false' }, PORTS.anchorlink);
  children.push(anchorlink);
  const side = async (server: 'postgraphile' | 'floor') => {
    const child = await startComparisonServer(server, { ...common, ...counter(server, import.meta.dirname) });
    children.push(child);
    return child;
  };
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function rssMb(pid: number): Promise<number> {
  return fs.readFile(`/proc/${pid}/status`, 'utf8').then((s) => Number(/VmRSS:\s+(\d+)/.exec(s)![1]) / 1024);
}

/**
 * s1–s3 with PostgreSQL REMOTE_RTT_MS away, one connection, the servers alternating: latency is then
 * mostly round trips. Restarts the servers behind the latency proxy.
 */
async function measureRemote(): Promise<Record<string, Record<ServerName, { rps: number; p50: number }>>> {
  for (const child of children.splice(0)) await stop(child);
  const proxy = await startLatencyProxy(urlFor(DATABASE), REMOTE_RTT_MS);
  try {
    await startServers(proxy.url, false);
    const remote: Record<string, Record<ServerName, { rps: number; p50: number }>> = {};
    for (const scenario of SCENARIOS.filter((s) => ['s1', 's2', 's3'].includes(s.key))) {
      const runs = Object.fromEntries(scenario.servers.map((server) => [server, [] as Run[]])) as Record<ServerName, Run[]>;
      for (const server of scenario.servers) await load(server, scenario, quick ? 1 : WARMUP_S, 1);
      for (let round = 0; round < REMOTE_ROUNDS; round++) {
        for (const server of scenario.servers) runs[server].push(await load(server, scenario, REMOTE_S, 1));
      }
      remote[scenario.key] = Object.fromEntries(
        scenario.servers.map((server) => [server, { rps: median(runs[server].map((r) => r.requestsPerSecond)), p50: median(runs[server].map((r) => r.p50)) }]),
      ) as Record<ServerName, { rps: number; p50: number }>;
      log(`${scenario.key}, database ${REMOTE_RTT_MS} ms away, 1 connection: ${scenario.servers.map((server) => `${server} p50 ${remote[scenario.key]![server].p50.toFixed(1)} ms`).join(' | ')}`);
    }
    return remote;
  } finally {
    for (const child of children.splice(0)) await stop(child);
    proxy.close();
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  const { seconds } = await createBenchDatabase(DATABASE, SECRET, PORTS.anchorlink);
  log(`data: ${SUPPLIERS} suppliers, ${PARTS} parts, ${ORDERS} orders × ${LINES_PER_ORDER} lines, forecasts; loaded in ${seconds.toFixed(1)} s`);

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
  let anchorlinkIdleSince = Date.now();
  let atLastRequest = 0;
  for (const scenario of SCENARIOS) {
    results[scenario.key] = {} as Record<ServerName, Run[]>;
    for (const server of scenario.servers) {
      await load(server, scenario, WARMUP_S);
      results[scenario.key]![server] = [];
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of scenario.servers) {
        results[scenario.key]![server].push(await load(server, scenario, DURATION_S));
        if (server === 'anchorlink') {
          anchorlinkIdleSince = Date.now();
          atLastRequest = await rssMb(servers.anchorlink.pid!);
        }
      }
    }
    const line = scenario.servers
      .map((server) => {
        const runs = results[scenario.key]![server];
        return `${server} ${median(runs.map((r) => r.requestsPerSecond)).toFixed(0)} req/s p95 ${median(runs.map((r) => r.p95)).toFixed(1)} ms`;
      })
      .join(' | ');
    log(`${scenario.key} ${line}`);
  }
  // Three readings: right after Anchorlink's last request (the heap still holds the last scenario's
  // garbage: the forecast's), 20 s later (its idle collection, IDLE_GC_SECONDS = 10 by default, has run;
  // the reading earlier rounds called "after the load", when the other servers' two 10 s runs came last),
  // and the lowest of the next minute's readings.
  if (!quick) await new Promise((r) => setTimeout(r, Math.max(0, anchorlinkIdleSince + 20_000 - Date.now())));
  const rss = await rssMb(servers.anchorlink.pid!);
  let settledRss = rss;
  for (let waited = 0; waited < (quick ? 10 : 60); waited += 5) {
    await new Promise((r) => setTimeout(r, 5000));
    settledRss = Math.min(settledRss, await rssMb(servers.anchorlink.pid!));
    if (settledRss < rss * 0.6) break;
  }
  const remote = await measureRemote();

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
    anchorlinkRssMb: { atLastRequest: Math.round(atLastRequest), afterLoad: Math.round(rss), settled: Math.round(settledRss) },
    remoteDatabase: { roundTripMs: REMOTE_RTT_MS, connections: 1, durationSeconds: REMOTE_S, rounds: REMOTE_ROUNDS, medians: remote },
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
  log(`Anchorlink RSS at its last request ${Math.round(atLastRequest)} MB, ${quick ? "then" : "20 s later"} ${Math.round(rss)} MB, settled ${Math.round(settledRss)} MB; results in ${path.relative(process.cwd(), file)}; ${report.seconds} s in all`);

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
    'SQL statements per request (every statement sent to PostgreSQL, transaction control included; page sizes 10 / 50 / 200):',
    '',
    '| | Anchorlink | PostGraphile |',
    '|---|---|---|',
    ...statementsRows,
    '',
    `Anchorlink RSS: ${report.anchorlinkRssMb.atLastRequest} MB when its last request of the run was answered (the forecast scenario's garbage not yet collected), ${report.anchorlinkRssMb.afterLoad} MB 20 s later (the API collects its heap after 10 s without requests: IDLE_GC_SECONDS), lowest within the next minute ${report.anchorlinkRssMb.settled} MB.`,
    '',
    `With the database on another host: the same servers behind a proxy that adds ${report.remoteDatabase.roundTripMs} ms to every round trip to PostgreSQL, one connection (latency, not throughput), ${report.remoteDatabase.durationSeconds} s per run, ${report.remoteDatabase.rounds} rounds alternating, medians:`,
    '',
    '| | Anchorlink p50 ms | PostGraphile p50 ms | floor p50 ms | Anchorlink / PostGraphile req/s |',
    '|---|---|---|---|---|',
    ...['s1', 's2', 's3'].map((k) => {
      const m = report.remoteDatabase.medians[k];
      return `| ${k} | ${fmt(m.anchorlink.p50, 1)} | ${fmt(m.postgraphile.p50, 1)} | ${fmt(m.floor.p50, 1)} | **${fmt(m.anchorlink.rps / m.postgraphile.rps, 2)}** |`;
    }),
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
