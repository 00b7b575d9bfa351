/** What the crash and multi-instance scripts share: their database, the built API, GraphQL over fetch. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';

export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlFor(db: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${db}`;
  return url.toString();
}

export async function sql<T = any>(db: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlFor(db) });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Starts a built app (`dist/apps/<app>/src/main.js`) under `node` (by default the Node running this
 * script); for the API, waits until /health answers on `port`.
 * For investigations (environment): EXTRA_NODE_ARGS, Node/V8 flags that NODE_OPTIONS refuses
 * (`--single-threaded-gc`, `--trace-gc`); SERVER_STDOUT, a file for the app's stdout (`--trace-gc` writes there).
 */
export async function startBuilt(
  app: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  port?: number,
  node = process.execPath,
): Promise<ChildProcess> {
  const nodeArgs = (process.env.EXTRA_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const stdout = process.env.SERVER_STDOUT ? fs.openSync(process.env.SERVER_STDOUT, 'w') : 'ignore';
  const child = spawn(node, [...nodeArgs, `dist/apps/${app}/src/main.js`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'inherit'],
  });
  if (port === undefined) return child;
  for (let i = 0; ; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return child;
    if (i > 300 || child.exitCode !== null) throw new Error(`the ${app} on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill(signal);
  await new Promise((r) => child.once('exit', r));
}

/** A GraphQL call that throws on errors and returns `data`. */
export async function gql(port: number, token: string | null, query: string, variables: unknown = {}): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function login(port: number, email: string): Promise<string> {
  return (await gql(port, null, `mutation { login(email: "${email}", password: "Anchorlink-Demo-2026") { accessToken } }`)).login
    .accessToken;
}

/**
 * A TCP proxy in front of the database server that holds every chunk for `roundTripMs / 2` in each
 * direction, as if PostgreSQL ran on another host: what a round trip costs shows in the latency.
 * Returns `url` rewritten to go through the proxy.
 */
export async function startLatencyProxy(url: string, roundTripMs: number): Promise<{ url: string; close: () => void }> {
  const target = new URL(url);
  const oneWay = roundTripMs / 2;
  // Timers of one duration fire in the order they were set, so each direction keeps its byte order.
  const delayed = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => setTimeout(() => to.write(chunk), oneWay));
    from.on('end', () => setTimeout(() => to.end(), oneWay));
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    delayed(client, upstream);
    delayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as net.AddressInfo).port);
  return { url: proxied.toString(), close: () => server.close() };
}
