/**
 * Publishes a forecast of 10,000 parts × 52 weeks (520,000 buckets) through
 * the API and compares it with a raw COPY of the same rows on the same
 * database. Run with `npm run bench:forecast` (it builds the API first).
 *
 * It creates and drops its own database on the PostgreSQL server at
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), starts
 * the built API against it as a child process (so its peak RSS is its own),
 * and prints, last, exactly:
 *   forecast-publish: ratio <x.xx> peak-rss-mb <n> seconds <x.x>
 * Options: --parts N --weeks N (defaults 10000 and 52).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const PARTS = option('parts', 10_000);
const WEEKS = option('weeks', 52);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `anchorlink_bench_forecast_${process.pid}`;
const port = 39_000 + (process.pid % 1000);
const ANCHOR_PLANNER = 'planner@anchor.demo';
const PASSWORD = 'Anchorlink-Demo-2026';
const HORIZON = '2027-01-04';

function urlFor(db: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${db}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, db = new URL(serverUrl).pathname.slice(1) || 'postgres'): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor(db) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function graphql(token: string | null, query: string, variables: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 2000));
  return body.data;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main(): Promise<string> {
  await admin((c) => c.query(`CREATE DATABASE "${database}"`));
  const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: urlFor(database),
      PORT: String(port),
      NODE_ENV: 'production',
      JWT_SECRET: randomUUID() + randomUUID(),
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (i > 300 || api.exitCode !== null) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`forecast-publish: ${PARTS} parts × ${WEEKS} weeks = ${PARTS * WEEKS} buckets`);

    // The anchor's part master and the mappings to the supplier, written directly.
    const { anchorId, supplierId } = await admin(async (c) => {
      const [{ anchor, supplier }] = (
        await c.query(
          `SELECT (SELECT id FROM organizations WHERE name = '远航重工') AS anchor, (SELECT id FROM organizations WHERE name = '精工铸造') AS supplier`,
        )
      ).rows;
      await c.query(
        `INSERT INTO parts (anchor_org_id, part_number, description, uom, attributes)
         SELECT $1, 'BENCH-' || lpad(g::text, 6, '0'), 'bench part ' || g, 'H87', '{"material":"Q235"}' FROM generate_series(1, $2) g`,
        [anchor, PARTS],
      );
      await c.query(
        `INSERT INTO supplier_parts (part_id, anchor_org_id, supplier_org_id, supplier_part_number)
         SELECT id, $1, $2, 'S-' || part_number FROM parts WHERE anchor_org_id = $1 AND part_number LIKE 'BENCH-%'`,
        [anchor, supplier],
      );
      return { anchorId: anchor as string, supplierId: supplier as string };
    }, database);
    const partIds = await admin(
      async (c) =>
        (await c.query(`SELECT id FROM parts WHERE part_number LIKE 'BENCH-%' ORDER BY part_number`)).rows.map((r) => r.id as string),
      database,
    );

    const lines = partIds.map((partId, p) => ({
      partId,
      quantities: Array.from({ length: WEEKS }, (_, w) => String(((p * 31 + w * 7) % 500) + 1)),
    }));
    const login = await graphql(
      null,
      `
        mutation ($e: String!, $p: String!) {
          login(email: $e, password: $p) {
            accessToken
          }
        }
      `,
      {
        e: ANCHOR_PLANNER,
        p: PASSWORD,
      },
    );
    const token = login.login.accessToken as string;

    const started = process.hrtime.bigint();
    const result = await graphql(
      token,
      `
        mutation ($input: PublishForecastInput!) {
          publishForecast(input: $input) {
            id
            revision
            bucketCount
          }
        }
      `,
      { input: { supplierId, granularity: 'WEEK', horizonStart: HORIZON, bucketCount: WEEKS, firmBuckets: 4, lines } },
    );
    const apiSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rss = peakRssMb(api.pid!);
    const stored = await admin(
      async (c) =>
        Number((await c.query(`SELECT count(*) AS n FROM forecast_buckets WHERE forecast_id = $1`, [result.publishForecast.id])).rows[0].n),
      database,
    );
    if (stored !== PARTS * WEEKS) throw new Error(`expected ${PARTS * WEEKS} buckets, found ${stored}`);
    console.log(
      `forecast-publish: API published revision ${result.publishForecast.revision} in ${apiSeconds.toFixed(2)} s, peak RSS ${rss} MB`,
    );

    // The floor: COPY of the same rows into a scratch table shaped like forecast_buckets.
    const copySeconds = await admin(async (c) => {
      await c.query(`CREATE TABLE bench_copy (LIKE forecast_buckets INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
      const forecastId = randomUUID();
      const monday = new Date(`${HORIZON}T00:00:00Z`);
      const copyStarted = process.hrtime.bigint();
      function* rows() {
        for (let p = 0; p < lines.length; p++) {
          let chunk = '';
          for (let w = 0; w < WEEKS; w++) {
            const day = new Date(monday.getTime() + w * 7 * 86_400_000).toISOString().slice(0, 10);
            chunk += `${forecastId}\t${lines[p].partId}\t${w}\t${anchorId}\t${supplierId}\t${day}\t${lines[p].quantities[w]}\t\\N\t\\N\t\\N\t\\N\n`;
          }
          yield chunk;
        }
      }
      await pipeline(Readable.from(rows()), c.query(copyFrom(`COPY bench_copy FROM STDIN`)));
      const seconds = Number(process.hrtime.bigint() - copyStarted) / 1e9;
      await c.query(`DROP TABLE bench_copy`);
      return seconds;
    }, database);
    console.log(`forecast-publish: raw COPY of the same rows took ${copySeconds.toFixed(2)} s`);
    return `forecast-publish: ratio ${(apiSeconds / copySeconds).toFixed(2)} peak-rss-mb ${rss} seconds ${apiSeconds.toFixed(1)}`;
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  }
}

main().then(
  (summary) => console.log(summary),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
