/**
 * Anchorlink side by side with PostGraphile 5 and 4.14 and a raw-SQL floor, on
 * the same database, data and machine, in the same run (ratios hold where
 * absolute numbers drift). `npm run bench` (full) or `npm run bench -- --quick`.
 *
 * Two comparisons, each with both servers on the same Node: Anchorlink and
 * PostGraphile 5 on Node 22 (PostGraphile 5 needs it; Node 22 comes from the
 * npm registry, bench/package.json), Anchorlink and PostGraphile 4.14 on
 * Node 20. Anchorlink runs as two processes, one per Node; every server of a
 * scenario runs in each round, in turn. The floor runs on Node 20.
 *
 * Every server enforces the same row-level security: requests run as
 * anchorlink_app with app.org_id from the same signed access token. Results
 * go to bench/results/perf-<time>.json and docs/benchmarks.md; the last two
 * lines printed are `bench-v4: s1 <r> s2 <r> s3 <r> s5 <r>` (Anchorlink /
 * PostGraphile 4, Node 20) and `bench: s1 <r> s2 <r> s3 <r> s4 <f> s5 <r> sql <n>`
 * (Anchorlink / PostGraphile 5, Node 22; s4: Anchorlink / floor; sql: the most
 * statements Anchorlink sends for one request of s1–s3).
 *
 * After the side-by-side runs, s1–s3 run once more with the database "on
 * another host" (a proxy adding REMOTE_RTT_MS to every round trip) over one
 * connection: what the round trips per request cost in latency.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBenchDatabase, LINES_PER_ORDER, ORDERS, PARTS, SUPPLIERS } from './perf-data.js';
import {
  benchVersion,
  CONNECTIONS,
  POSTGRAPHILE4_DIR,
  load,
  NODE_22,
  nodeOf,
  PORTS,
  startComparisonServer,
  type Request,
  type Run,
  SCENARIOS,
  SECRET,
  type ServerName,
} from './scenarios.js';
import { sql, startBuilt, startLatencyProxy, stop, urlFor } from './support.js';

const quick = process.argv.includes('--quick');
const DATABASE = 'anchorlink_bench';
// Four rounds of 5 s rather than two of 10: the same time, and a slow spell of the shared machine
// (tens of seconds, every process slower) falls on fewer of each server's runs and moves the median less.
const DURATION_S = quick ? 3 : 5;
const WARMUP_S = quick ? 1 : 3;
const ROUNDS = quick ? 1 : 4; // a quick run is a smoke check (under 3 minutes), not a measurement
const COUNTER_PORTS: Record<ServerName, number> = {
  anchorlink: 41_101,
  postgraphile: 41_102,
  floor: 41_103,
  anchorlink22: 41_104,
  postgraphile5: 41_105,
};
/** The two comparisons: each Anchorlink against its peer on the same Node. */
const COMPARISONS = [
  { key: 'v5', anchorlink: 'anchorlink22', peer: 'postgraphile5', node: 22 },
  { key: 'v4', anchorlink: 'anchorlink', peer: 'postgraphile', node: 20 },
] as const;
/** The two Anchorlink processes, whose memory is read after the load. */
const ANCHORLINKS = ['anchorlink', 'anchorlink22'] as const;
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
    countStatements
      ? {
          SQL_COUNTER_PORT: String(COUNTER_PORTS[server]),
          SQL_COUNTER_PG_FROM: from,
          NODE_OPTIONS: `--require ${path.join(import.meta.dirname, 'servers/sql-counter.cjs')}`,
        }
      : {};
  // The same build, configuration and background worker in both Anchorlink processes; only the Node differs.
  const api = async (server: 'anchorlink' | 'anchorlink22') => {
    const child = await startBuilt(
      'api',
      { ...common, ...counter(server, process.cwd()), PORT: String(PORTS[server]), MIGRATE_ON_START: 'false', SEED_DEMO: 'false' },
      PORTS[server],
      nodeOf(server),
    );
    children.push(child);
    return child;
  };
  const side = async (server: 'postgraphile' | 'postgraphile5' | 'floor') => {
    // The counter patches the `pg` each server loads: PostGraphile 4's is in its own tree.
    const child = await startComparisonServer(server, {
      ...common,
      ...counter(server, server === 'postgraphile' ? POSTGRAPHILE4_DIR : import.meta.dirname),
    });
    children.push(child);
    return child;
  };
  return {
    anchorlink: await api('anchorlink'),
    anchorlink22: await api('anchorlink22'),
    postgraphile: await side('postgraphile'),
    postgraphile5: await side('postgraphile5'),
    floor: await side('floor'),
  };
}

async function send(server: ServerName, request: Request): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${PORTS[server]}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

/** True when `value` holds an empty list anywhere: every list these scenarios ask for has rows. */
function hasEmptyList(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0 || value.some(hasEmptyList);
  return value !== null && typeof value === 'object' && Object.values(value).some(hasEmptyList);
}

/** Every server answers every scenario with data, no empty list and no errors before anything is measured. */
async function validate(): Promise<void> {
  for (const scenario of SCENARIOS) {
    for (const server of scenario.servers) {
      const { status, body } = await send(server, scenario.request(server));
      const data = body?.data;
      const empty = !data || Object.values(data).some((v) => v === null) || hasEmptyList(data);
      if (status !== 200 || body?.errors || empty)
        throw new Error(`${scenario.key} on ${server}: HTTP ${status} ${JSON.stringify(body).slice(0, 400)}`);
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
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function rssMb(pid: number): Promise<number> {
  return fs.readFile(`/proc/${pid}/status`, 'utf8').then((s) => Number(/VmRSS:\s+(\d+)/.exec(s)![1]) / 1024);
}

/**
 * s1–s3 with PostgreSQL REMOTE_RTT_MS away, one connection, the servers alternating: latency is then
 * mostly round trips. Restarts the servers behind the latency proxy.
 */
async function measureRemote(): Promise<Record<string, Partial<Record<ServerName, { rps: number; p50: number }>>>> {
  for (const child of children.splice(0)) await stop(child);
  const proxy = await startLatencyProxy(urlFor(DATABASE), REMOTE_RTT_MS);
  try {
    await startServers(proxy.url, false);
    const remote: Record<string, Partial<Record<ServerName, { rps: number; p50: number }>>> = {};
    for (const scenario of SCENARIOS.filter((s) => ['s1', 's2', 's3'].includes(s.key))) {
      const runs = Object.fromEntries(scenario.servers.map((server) => [server, [] as Run[]])) as Record<ServerName, Run[]>;
      for (const server of scenario.servers) await load(server, scenario, quick ? 1 : WARMUP_S, 1);
      for (let round = 0; round < REMOTE_ROUNDS; round++) {
        for (const server of scenario.servers) runs[server].push(await load(server, scenario, REMOTE_S, 1));
      }
      remote[scenario.key] = Object.fromEntries(
        scenario.servers.map((server) => [
          server,
          { rps: median(runs[server].map((r) => r.requestsPerSecond)), p50: median(runs[server].map((r) => r.p50)) },
        ]),
      );
      log(
        `${scenario.key}, database ${REMOTE_RTT_MS} ms away, 1 connection: ${scenario.servers.map((server) => `${server} p50 ${remote[scenario.key][server]!.p50.toFixed(1)} ms`).join(' | ')}`,
      );
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
  const loaded = await createBenchDatabase(DATABASE, SECRET, PORTS.anchorlink);
  log(
    `data: ${SUPPLIERS} suppliers, ${PARTS} parts, ${ORDERS} orders × ${LINES_PER_ORDER} lines, forecasts; loaded in ${loaded.seconds.toFixed(1)} s`,
  );

  const servers = await startServers();
  const nodes = { 20: process.version, 22: execFileSync(NODE_22, ['--version'], { encoding: 'utf8' }).trim() };
  log(
    `servers: Anchorlink and PostGraphile ${benchVersion('postgraphile')} on Node ${nodes[22]}; Anchorlink, PostGraphile ${benchVersion('postgraphile', POSTGRAPHILE4_DIR)} and the floor on Node ${nodes[20]}`,
  );
  await validate();

  const statements: Record<string, number> = {};
  for (const scenario of SCENARIOS.filter((s) => ['s1', 's2', 's3'].includes(s.key))) {
    for (const server of ['anchorlink', 'anchorlink22', 'postgraphile', 'postgraphile5'] as const) {
      for (const size of scenario.key === 's1' ? [1] : [10, 50, 200]) {
        statements[`${scenario.key}/${server}/${size}`] = await statementCount(server, scenario.request(server, size));
      }
    }
  }
  log(`SQL statements per request: ${JSON.stringify(statements)}`);

  const results: Record<string, Partial<Record<ServerName, Run[]>>> = {};
  const idleSince = { anchorlink: Date.now(), anchorlink22: Date.now() };
  const atLastRequest = { anchorlink: 0, anchorlink22: 0 };
  for (const scenario of SCENARIOS) {
    const runs: Partial<Record<ServerName, Run[]>> = (results[scenario.key] = {});
    for (const server of scenario.servers) {
      await load(server, scenario, WARMUP_S);
      runs[server] = [];
    }
    // Every server of the scenario in each round, in turn: a slow spell of the shared machine falls on all.
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of scenario.servers) {
        runs[server]!.push(await load(server, scenario, DURATION_S));
        if (server === 'anchorlink' || server === 'anchorlink22') {
          idleSince[server] = Date.now();
          atLastRequest[server] = await rssMb(servers[server].pid!);
        }
      }
    }
    const line = scenario.servers
      .map(
        (server) =>
          `${server} ${median(runs[server]!.map((r) => r.requestsPerSecond)).toFixed(0)} req/s p95 ${median(runs[server]!.map((r) => r.p95)).toFixed(1)} ms`,
      )
      .join(' | ');
    log(`${scenario.key} ${line}`);
  }
  // For each Anchorlink, three readings: right after its last request (the heap still holds the last scenario's
  // garbage: the forecast's), 20 s later (its idle collection, IDLE_GC_SECONDS = 10 by default, has run),
  // and the lowest of the next minute's readings.
  const rss = { anchorlink: 0, anchorlink22: 0 };
  for (const server of ANCHORLINKS) {
    if (!quick) await new Promise((r) => setTimeout(r, Math.max(0, idleSince[server] + 20_000 - Date.now())));
    rss[server] = await rssMb(servers[server].pid!);
  }
  const settledRss = { ...rss };
  for (let waited = 0; waited < (quick ? 10 : 60); waited += 5) {
    await new Promise((r) => setTimeout(r, 5000));
    for (const server of ANCHORLINKS) settledRss[server] = Math.min(settledRss[server], await rssMb(servers[server].pid!));
    if (ANCHORLINKS.every((server) => settledRss[server] < rss[server] * 0.6)) break;
  }
  const remote = await measureRemote();

  const stats = (key: string, server: ServerName) => {
    const runs = results[key][server];
    if (!runs) return null;
    const stat = (field: keyof Run) => median(runs.map((r) => r[field]));
    return { rps: stat('requestsPerSecond'), p50: stat('p50'), p95: stat('p95'), p99: stat('p99'), errors: stat('errors') };
  };
  const summary = SCENARIOS.map((scenario) => {
    const row = {
      scenario: scenario.key,
      title: scenario.title,
      anchorlink: stats(scenario.key, 'anchorlink')!,
      postgraphile: stats(scenario.key, 'postgraphile'),
      anchorlink22: stats(scenario.key, 'anchorlink22'),
      postgraphile5: stats(scenario.key, 'postgraphile5'),
      floor: stats(scenario.key, 'floor')!,
    };
    const ratio = (a: { rps: number } | null, b: { rps: number } | null) => (a && b ? a.rps / b.rps : null);
    return {
      ...row,
      /** Anchorlink / PostGraphile 4, both on Node 20. */
      ratioPostgraphile: ratio(row.anchorlink, row.postgraphile),
      /** Anchorlink / PostGraphile 5, both on Node 22. */
      ratioPostgraphile5: ratio(row.anchorlink22, row.postgraphile5),
      /** Anchorlink on Node 20 / the floor (Node 20). */
      ratioFloor: ratio(row.anchorlink, row.floor)!,
    };
  });
  const anchorlinkStatements = Object.entries(statements).filter(([k]) => /\/anchorlink(22)?\//.test(k));
  const maxStatements = Math.max(...anchorlinkStatements.map(([, v]) => v));
  const report = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    versions: {
      postgresql: (await sql(DATABASE, 'SHOW server_version'))[0].server_version,
      postgraphile: benchVersion('postgraphile', POSTGRAPHILE4_DIR),
      postgraphile5: benchVersion('postgraphile'),
      autocannon: benchVersion('autocannon'),
      node20: nodes[20],
      node22: nodes[22],
    },
    /** The Node each server ran on. */
    serverNodes: { anchorlink: nodes[20], postgraphile: nodes[20], floor: nodes[20], anchorlink22: nodes[22], postgraphile5: nodes[22] },
    comparisons: COMPARISONS,
    load: {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      warmupSeconds: WARMUP_S,
      rounds: ROUNDS,
      order: `${SCENARIOS[0].servers.join('/')} in turn in each round (s4: anchorlink/floor)`,
    },
    data: {
      suppliers: SUPPLIERS,
      parts: PARTS,
      orders: ORDERS,
      linesPerOrder: LINES_PER_ORDER,
      loadSeconds: loaded.seconds,
      loadPhases: loaded.phases,
    },
    statements,
    anchorlinkRssMb: {
      atLastRequest: Math.round(atLastRequest.anchorlink),
      afterLoad: Math.round(rss.anchorlink),
      settled: Math.round(settledRss.anchorlink),
    },
    anchorlink22RssMb: {
      atLastRequest: Math.round(atLastRequest.anchorlink22),
      afterLoad: Math.round(rss.anchorlink22),
      settled: Math.round(settledRss.anchorlink22),
    },
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
  const rssLine = (server: 'anchorlink' | 'anchorlink22') =>
    `${Math.round(atLastRequest[server])} MB at its last request, ${quick ? 'then' : '20 s later'} ${Math.round(rss[server])} MB, settled ${Math.round(settledRss[server])} MB`;
  log(
    `Anchorlink RSS on Node 20: ${rssLine('anchorlink')}; on Node 22: ${rssLine('anchorlink22')}; results in ${path.relative(process.cwd(), file)}; ${report.seconds} s in all`,
  );

  const r = (key: string, field: 'ratioPostgraphile' | 'ratioPostgraphile5' | 'ratioFloor') => {
    const value = summary.find((s) => s.scenario === key)![field];
    return value === null ? '-' : value.toFixed(2);
  };
  console.log(
    `bench-v4: s1 ${r('s1', 'ratioPostgraphile')} s2 ${r('s2', 'ratioPostgraphile')} s3 ${r('s3', 'ratioPostgraphile')} s5 ${r('s5', 'ratioPostgraphile')}`,
  );
  console.log(
    `bench: s1 ${r('s1', 'ratioPostgraphile5')} s2 ${r('s2', 'ratioPostgraphile5')} s3 ${r('s3', 'ratioPostgraphile5')} s4 ${r('s4', 'ratioFloor')} s5 ${r('s5', 'ratioPostgraphile5')} sql ${maxStatements}`,
  );
}

async function writeDoc(report: any): Promise<void> {
  const doc = path.join(process.cwd(), 'docs/benchmarks.md');
  const text = await fs.readFile(doc, 'utf8');
  const fmt = (v: number | null | undefined, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
  const latency = (s: any, all = true) => (s ? `${fmt(s.p50, 1)} / ${fmt(s.p95, 1)}${all ? ` / ${fmt(s.p99, 1)}` : ''}` : '–');
  const throughputRows = report.summary.map(
    (s: any) =>
      `| ${s.scenario} | ${s.title} | ${fmt(s.anchorlink22?.rps)} | ${fmt(s.postgraphile5?.rps)} | **${fmt(s.ratioPostgraphile5, 2)}** | ${fmt(s.anchorlink.rps)} | ${fmt(s.postgraphile?.rps)} | **${fmt(s.ratioPostgraphile, 2)}** | ${fmt(s.floor.rps)} | ${fmt(s.ratioFloor, 2)} |`,
  );
  const latencyRows = report.summary.map(
    (s: any) =>
      `| ${s.scenario} | ${latency(s.anchorlink22)} | ${latency(s.postgraphile5)} | ${latency(s.anchorlink)} | ${latency(s.postgraphile)} | ${latency(s.floor, false)} |`,
  );
  const statementsRows = ['s1', 's2', 's3'].map((k) => {
    const cell = (server: string) =>
      k === 's1'
        ? `${report.statements[`${k}/${server}/1`]}`
        : [10, 50, 200].map((n) => report.statements[`${k}/${server}/${n}`]).join(' / ');
    const anchorlink =
      cell('anchorlink') === cell('anchorlink22') ? cell('anchorlink') : `${cell('anchorlink')} (Node 22: ${cell('anchorlink22')})`;
    return `| ${k} | ${anchorlink} | ${cell('postgraphile5')} | ${cell('postgraphile')} |`;
  });
  const rssLine = (rss: any) =>
    `${rss.atLastRequest} MB when its last request of the run was answered, ${rss.afterLoad} MB 20 s later, lowest within the next minute ${rss.settled} MB`;
  const v = report.versions;
  const section = [
    '<!-- perf:start (written by `npm run bench`) -->',
    `Last full run: ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${report.machine.cpus} × ${report.machine.model}, ${report.machine.memoryGb} GiB, PostgreSQL ${v.postgresql}, autocannon ${v.autocannon}. Two comparisons, each with both servers on the same Node: Anchorlink and PostGraphile ${v.postgraphile5} on Node ${v.node22}; Anchorlink, PostGraphile ${v.postgraphile} and the floor on Node ${v.node20} (the same Anchorlink build in two processes). ${report.load.connections} connections, ${report.load.durationSeconds} s per run, ${report.load.rounds} rounds with every server of a scenario in each round, medians. Reproduce: \`npm run bench\`.`,
    '',
    '| | scenario | Anchorlink req/s (Node 22) | PostGraphile 5 req/s | Anchorlink / PostGraphile 5 | Anchorlink req/s (Node 20) | PostGraphile 4 req/s | Anchorlink / PostGraphile 4 | floor req/s | Anchorlink (Node 20) / floor |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...throughputRows,
    '',
    'Latency, ms (p50 / p95 / p99; floor p50 / p95):',
    '',
    '| | Anchorlink (Node 22) | PostGraphile 5 | Anchorlink (Node 20) | PostGraphile 4 | floor |',
    '|---|---|---|---|---|---|',
    ...latencyRows,
    '',
    'SQL statements per request (every statement sent to PostgreSQL, transaction control included; page sizes 10 / 50 / 200):',
    '',
    '| | Anchorlink | PostGraphile 5 | PostGraphile 4 |',
    '|---|---|---|---|',
    ...statementsRows,
    '',
    `Anchorlink RSS on Node 20: ${rssLine(report.anchorlinkRssMb)}; on Node 22: ${rssLine(report.anchorlink22RssMb)} (the API collects its heap after 10 s without requests: IDLE_GC_SECONDS).`,
    '',
    `With the database on another host: the same servers behind a proxy that adds ${report.remoteDatabase.roundTripMs} ms to every round trip to PostgreSQL, one connection (latency, not throughput), ${report.remoteDatabase.durationSeconds} s per run, ${report.remoteDatabase.rounds} rounds in turn, medians:`,
    '',
    '| | Anchorlink p50 ms (Node 22) | PostGraphile 5 p50 ms | Anchorlink / PostGraphile 5 req/s | Anchorlink p50 ms (Node 20) | PostGraphile 4 p50 ms | Anchorlink / PostGraphile 4 req/s | floor p50 ms |',
    '|---|---|---|---|---|---|---|---|',
    ...['s1', 's2', 's3'].map((k) => {
      const m = report.remoteDatabase.medians[k];
      return `| ${k} | ${fmt(m.anchorlink22.p50, 1)} | ${fmt(m.postgraphile5.p50, 1)} | **${fmt(m.anchorlink22.rps / m.postgraphile5.rps, 2)}** | ${fmt(m.anchorlink.p50, 1)} | ${fmt(m.postgraphile.p50, 1)} | **${fmt(m.anchorlink.rps / m.postgraphile.rps, 2)}** | ${fmt(m.floor.p50, 1)} |`;
    }),
    '<!-- perf:end -->',
  ].join('\n');
  const replaced = /<!-- perf:start[\s\S]*?<!-- perf:end -->/.test(text)
    ? text.replace(/<!-- perf:start[\s\S]*?<!-- perf:end -->/, section)
    : `${text.trimEnd()}\n\n## Side by side with PostGraphile\n\n${section}\n`;
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
