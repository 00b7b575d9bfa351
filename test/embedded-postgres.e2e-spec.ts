import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { EmbeddedPostgres, EmbeddedPostgresPortInUseError } from '../libs/core/src/database/embedded-postgres.js';

const run = promisify(execFile);

/** A plain TCP server on 127.0.0.1, holding a port as another program would. */
async function occupy(port = 0): Promise<net.Server & { port: number }> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return Object.assign(server, { port: (server.address() as net.AddressInfo).port });
}

async function dataDir(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `anchorlink-${name}-`));
  // Traversable by the postgres OS user (the server's user when the tests run as root).
  await fs.chmod(dir, 0o711);
  return dir;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one')).rows[0].one === 1;
  } finally {
    await client.end();
  }
}

/**
 * The quick start's embedded PostgreSQL when its port is taken (another
 * checkout's server still running, any other program): without
 * EMBEDDED_PG_PORT it takes a free port and remembers it in DATA_DIR; with
 * it, it stops with one line that says what holds the port.
 */
describe('embedded PostgreSQL and its port', () => {
  const servers: EmbeddedPostgres[] = [];
  const held: net.Server[] = [];
  const dirs: string[] = [];

  afterAll(async () => {
    for (const server of servers) await server.destroy().catch(() => undefined);
    for (const server of held) server.close();
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it('without EMBEDDED_PG_PORT: takes a free port when the usual one is busy, and keeps it for the next start', async () => {
    const busy = await occupy();
    held.push(busy);
    const dir = await dataDir('pg-a');
    dirs.push(dir);
    const first = await EmbeddedPostgres.start({ dataDir: dir, preferredPort: busy.port });
    servers.push(first);
    expect(first.port).not.toBe(busy.port);
    expect(await answers(first.url)).toBe(true);
    expect((await fs.readFile(path.join(dir, 'postgres-port'), 'utf8')).trim()).toBe(String(first.port));
    await first.stop();

    // The next start uses the remembered port (the usual one is free again, and still not taken).
    busy.close();
    const again = await EmbeddedPostgres.start({ dataDir: dir, preferredPort: busy.port });
    servers.push(again);
    expect(again.port).toBe(first.port);
    expect(await answers(again.url)).toBe(true);
  }, 120_000);

  it('with EMBEDDED_PG_PORT set and busy: stops with one line naming the port and the variable', async () => {
    const busy = await occupy();
    held.push(busy);
    const dir = await dataDir('pg-b');
    dirs.push(dir);
    const refused = await EmbeddedPostgres.start({ dataDir: dir, port: busy.port }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(EmbeddedPostgresPortInUseError);
    const message = (refused as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toBe(
      `embedded PostgreSQL: port ${busy.port} is already in use by another program; free it, or set EMBEDDED_PG_PORT to a free port (or leave it unset to pick one)`,
    );
  }, 120_000);

  it("names the data directory when the port is held by another checkout's embedded PostgreSQL", async () => {
    const running = servers.at(-1)!; // the second start of the first test, still running
    const ownerDir = dirs[0];
    const dir = await dataDir('pg-c');
    dirs.push(dir);
    const refused = await EmbeddedPostgres.start({ dataDir: dir, port: running.port }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(EmbeddedPostgresPortInUseError);
    expect((refused as Error).message).toBe(
      `embedded PostgreSQL: port ${running.port} is already in use by the embedded PostgreSQL of the data directory ${ownerDir}; stop it, or set EMBEDDED_PG_PORT to a free port (or leave it unset to pick one)`,
    );
    expect(await answers(running.url)).toBe(true); // left alone
  }, 120_000);

  it('npm start prints that one line, not a stack trace, and exits with 1', async () => {
    const busy = await occupy();
    held.push(busy);
    const dir = await dataDir('pg-d');
    dirs.push(dir);
    const { code, stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir, EMBEDDED_PG_PORT: String(busy.port), LOG_LEVEL: 'silent' },
      timeout: 90_000,
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(`port ${busy.port} is already in use`)]);
    expect(stderr).toContain('EMBEDDED_PG_PORT');
    expect(stdout).not.toContain('at ');
  }, 120_000);
});
