/** What the crash and multi-instance scripts share: their database, the built API, GraphQL over fetch. */
import { type ChildProcess, spawn } from 'node:child_process';
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

/** Starts a built app (`dist/apps/<app>/src/main.js`); for the API, waits until /health answers on `port`. */
export async function startBuilt(app: 'api' | 'worker', env: NodeJS.ProcessEnv, port?: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [`dist/apps/${app}/src/main.js`], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (port === undefined) return child;
  for (let i = 0; ; i++) {
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok).catch(() => false)) return child;
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
  return (await gql(port, null, `mutation { login(email: "${email}", password: "Anchorlink-Demo-2026") { accessToken } }`)).login.accessToken;
}
