import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A primary and a streaming replica made with this machine's PostgreSQL
 * binaries (initdb, then pg_basebackup -R into a second directory, each on
 * its own port, under a temporary directory). The machine's own cluster is
 * left alone: its pg_hba.conf allows no replication connections. As root,
 * the servers run as the `postgres` OS user (PostgreSQL refuses root).
 */
export class ReplicaCluster {
  private constructor(
    readonly root: string,
    private readonly bin: string,
    readonly primaryPort: number,
    readonly replicaPort: number,
  ) {}

  static async binaries(): Promise<string | null> {
    const versions = await fs.readdir('/usr/lib/postgresql').catch(() => [] as string[]);
    const newest = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0];
    return newest ? `/usr/lib/postgresql/${newest}/bin` : null;
  }

  static async start(): Promise<ReplicaCluster> {
    const bin = await ReplicaCluster.binaries();
    if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql');
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'anchorlink-replica-'));
    const port = 56000 + (process.pid % 4000);
    const cluster = new ReplicaCluster(root, bin, port, port + 1);
    if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', root]);
    await cluster.as(`${bin}/initdb`, ['-D', cluster.dir('primary'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    await cluster.configure('primary', cluster.primaryPort, ['wal_level = replica', 'max_wal_senders = 4']);
    await cluster.as(`${bin}/pg_ctl`, ['-D', cluster.dir('primary'), '-l', cluster.dir('primary.log'), '-w', 'start']);
    await cluster.as(`${bin}/pg_basebackup`, [
      '-h',
      '127.0.0.1',
      '-p',
      String(cluster.primaryPort),
      '-U',
      'postgres',
      '-D',
      cluster.dir('replica'),
      '-R',
      '-X',
      'stream',
    ]);
    await cluster.configure('replica', cluster.replicaPort, ['hot_standby = on']);
    await cluster.as(`${bin}/pg_ctl`, ['-D', cluster.dir('replica'), '-l', cluster.dir('replica.log'), '-w', 'start']);
    return cluster;
  }

  url(server: 'primary' | 'replica', database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${server === 'primary' ? this.primaryPort : this.replicaPort}/${database}`;
  }

  async sql<T = any>(server: 'primary' | 'replica', text: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url(server, database) });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Waits until the replica has replayed everything the primary has written so far. */
  async caughtUp(timeoutMs = 20000): Promise<void> {
    const [{ lsn }] = await this.sql('primary', `SELECT pg_current_wal_lsn()::text AS lsn`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ ok }] = await this.sql('replica', `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn]);
      if (ok) return;
      if (Date.now() > deadline) throw new Error('the replica did not catch up');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    for (const server of ['replica', 'primary']) {
      await this.as(`${this.bin}/pg_ctl`, ['-D', this.dir(server), '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    await fs.rm(this.root, { recursive: true, force: true });
  }

  private dir(name: string): string {
    return path.join(this.root, name);
  }

  private async configure(server: string, port: number, extra: string[]): Promise<void> {
    const settings = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${this.root}'`,
      'fsync = off',
      ...extra,
    ];
    await this.as('sh', ['-c', `cat >> '${this.dir(server)}/postgresql.conf' <<'EOF'\n${settings.join('\n')}\nEOF`]);
  }

  private as(command: string, args: string[]) {
    return process.getuid?.() === 0
      ? run('runuser', ['-u', 'postgres', '--', command, ...args], { cwd: this.root })
      : run(command, args, { cwd: this.root });
  }
}
