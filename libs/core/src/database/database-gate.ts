import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { APP_ROLE } from './data-source-options.js';
import { isUuid } from '../ids.js';
import { RecentWrites } from './recent-writes.js';

/** Transaction-local settings that open narrow windows for sign-in flows (see the RLS policies). */
export type LookupSetting =
  | 'app.auth_email'
  | 'app.auth_refresh_token_hash'
  | 'app.auth_invitation_token_hash'
  | 'app.auth_credit_code';

interface TenantTransaction {
  /** Settled once `ready` resolves: a replica's, or the primary's when the replica is behind the caller. */
  queryRunner: TrackedQueryRunner;
  /** Opened READ ONLY (a GraphQL query): PostgreSQL refuses any write in it, so its COMMIT has nothing to make durable. */
  readOnly: boolean;
  /** Where it runs: the primary or a streaming replica. */
  on: 'primary' | 'replica';
  ready: Promise<void>;
  finished: boolean;
}

/**
 * The only way to the database for request work. Each request gets one
 * transaction, opened on first use, that first switches to the request role
 * (no BYPASSRLS, owns nothing) and sets `app.org_id` to the caller's
 * organization with `SET LOCAL` (as `set_config(..., true)`): both are transaction-local, so
 * nothing survives into the pooled connection's next use. With no caller the
 * setting is empty and row-level security shows no tenant rows at all.
 *
 * The transaction ends when the response is ready (GraphQL plugin, REST
 * interceptor); each mutation runs in a savepoint so a failed one changes
 * nothing while earlier ones in the same request stand.
 */
@Injectable()
export class DatabaseGate {
  private readonly logger = new Logger('DatabaseGate');

  private readonly hasReplicas: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly recentWrites: RecentWrites,
  ) {
    this.hasReplicas = config.databaseReplicaUrls.length > 0;
  }

  /** The EntityManager of the request's transaction. */
  async manager(ctx: RequestContext): Promise<EntityManager> {
    let tx = ctx.transaction as TenantTransaction | undefined;
    if (!tx) {
      // A read-only GraphQL query may read from a replica, once it has replayed the caller's own last write.
      const replica = this.hasReplicas && ctx.readOnly ? { mustSee: this.recentWrites.lastWrite(ctx) } : undefined;
      tx = this.open(ctx.principal?.organizationId ?? null, { replica, readOnly: ctx.readOnly });
      ctx.transaction = tx;
    }
    if (tx.finished) throw new Error('DatabaseGate: the request transaction has already ended');
    await tx.ready;
    return tx.queryRunner.manager;
  }

  /** Runs `work` in a savepoint of the request transaction; on error its writes are undone. */
  async savepoint<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
    const em = await this.manager(ctx);
    const queryRunner = em.queryRunner!;
    const pending = ctx.afterCommit.length;
    ctx.wrote = true;
    await queryRunner.startTransaction(); // nested: SAVEPOINT
    try {
      const result = await work();
      await queryRunner.commitTransaction(); // RELEASE SAVEPOINT
      return result;
    } catch (error) {
      // The failed mutation's statements already asked for go first: none may run after the rollback and stand.
      await (queryRunner as TrackedQueryRunner).settled();
      await queryRunner.rollbackTransaction(); // ROLLBACK TO SAVEPOINT
      ctx.afterCommit.length = pending; // what the failed mutation meant to announce never happened
      ctx.loaders.clear(); // what its loaders read (or failed to) may be undone: later mutations read again
      throw error;
    }
  }

  /** Opens a narrow sign-in window (a policy matches rows by this value), for this transaction only. */
  async setLookup(ctx: RequestContext, setting: LookupSetting, value: string): Promise<void> {
    const em = await this.manager(ctx);
    await em.query('SELECT set_config($1, $2, true)', [setting, value]);
  }

  /**
   * Switches the transaction to an organization once a sign-in flow has
   * established who the caller is (login, refresh, accepting an invitation).
   */
  async actAsOrganization(ctx: RequestContext, organizationId: string): Promise<void> {
    const em = await this.manager(ctx);
    await em.query(`SELECT set_config('app.org_id', $1, true)`, [organizationId]);
  }

  /** Allows this request's statements more time than the default (bulk imports). */
  async extendStatementTimeout(ctx: RequestContext, milliseconds: number): Promise<void> {
    const em = await this.manager(ctx);
    await em.query(`SELECT set_config('statement_timeout', $1, true)`, [String(milliseconds)]);
  }

  /**
   * Commits (or rolls back) the request transaction and returns its connection to the pool.
   * From the moment it is called the transaction takes no more statements: a straggler (a field
   * resolver still running, code holding the EntityManager) is refused rather than sent behind
   * the COMMIT, where it would run outside the tenant's settings. With `final`, the context
   * cannot open another transaction either (a request whose client went away mid-mutation: what
   * the mutation still asks for fails instead of running, and committing, in a new transaction);
   * without it the context's next use opens a new one (a subscription's next event, seeding).
   */
  async finish(ctx: RequestContext, commit: boolean, { final = false }: { final?: boolean } = {}): Promise<void> {
    const tx = ctx.transaction as TenantTransaction | undefined;
    if (!tx || tx.finished) return;
    tx.finished = true;
    tx.queryRunner.close();
    if (ctx.transaction === tx && !final) ctx.transaction = undefined;
    const hooks = ctx.afterCommit?.splice(0) ?? [];
    let lastWrite: string | null = null;
    try {
      await tx.ready;
      const queryRunner = tx.queryRunner;
      queryRunner.close(); // the runner the transaction ended up on (a replica that was behind: the primary's)
      // Every statement it accepted has been answered: none can follow the end of the transaction.
      await queryRunner.settled();
      if (commit && tx.readOnly) {
        // Nothing to make durable: the answer does not wait for COMMIT's round trip.
        commitInBackground(queryRunner, this.logger, this.config.readOnlyCommitHoldMs);
      } else if (commit) {
        await endTransaction(queryRunner, 'COMMIT');
        // Where the caller's writes end in the WAL: replicas serve them only from there on.
        if (this.hasReplicas && ctx.wrote && tx.on === 'primary' && ctx.principal) {
          const { rows } = (await pgClientOf(queryRunner).query(`SELECT pg_current_wal_insert_lsn()::text AS lsn`)) as { rows: { lsn: string }[] };
          lastWrite = rows[0]?.lsn ?? null;
        }
      } else if (queryRunner.isTransactionActive) {
        await endTransaction(queryRunner, 'ROLLBACK');
      }
    } catch (error) {
      if (tx.queryRunner.isTransactionActive) await endTransaction(tx.queryRunner, 'ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await tx.queryRunner.release();
    }
    if (lastWrite) await this.recentWrites.remember(ctx, lastWrite);
    if (!commit) return;
    for (const hook of hooks) {
      // The change is committed whatever a hook does: a failed announcement is logged, not reported as a failed request.
      await Promise.resolve()
        .then(hook)
        .catch((error: unknown) => this.logger.error({ requestId: ctx.requestId, err: error }, 'after-commit hook failed'));
    }
  }

  /**
   * Runs `work` in a transaction of its own with `ctx`'s tenant settings,
   * committed when `work` succeeds: background jobs, and the few writes that
   * must stand even when the request fails (revoking a reused token family).
   */
  run<T>(ctx: RequestContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.runForOrganization(ctx.principal?.organizationId ?? null, work);
  }

  /**
   * Runs service code for a context outside any HTTP request (seeding, jobs):
   * the context's lazily opened transaction commits when `work` succeeds.
   */
  async withContext<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
    let ok = false;
    try {
      const result = await work();
      ok = true;
      return result;
    } finally {
      await this.finish(ctx, ok);
    }
  }

  /** As `run`, for an organization other than the caller's (or none). */
  async runForOrganization<T>(organizationId: string | null, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const tx = this.open(organizationId);
    let ok = false;
    try {
      await tx.ready;
      const result = await work(tx.queryRunner.manager);
      ok = true;
      return result;
    } finally {
      const inner = { transaction: tx, afterCommit: [] } as unknown as RequestContext;
      await this.finish(inner, ok);
    }
  }

  private open(organizationId: string | null, options: { replica?: { mustSee: Promise<string | null> }; readOnly?: boolean } = {}): TenantTransaction {
    if (organizationId !== null && !isUuid(organizationId)) throw new Error('DatabaseGate: the organization id is not a UUID');
    const { replica, readOnly = false } = options;
    // One message opens the transaction and sets the tenant. The values are inlined (simple
    // protocol, several statements), which is safe: a constant, a checked UUID, an integer.
    // SET LOCAL is set_config(..., true) without a result row to describe, send and decode.
    const start =
      `START TRANSACTION${readOnly ? ' READ ONLY' : ''}; SET LOCAL ROLE ${APP_ROLE}; SET LOCAL app.org_id = '${organizationId ?? ''}'; ` +
      `SET LOCAL statement_timeout = ${Math.trunc(this.config.statementTimeoutMs)}`;
    const begin = async (runner: TrackedQueryRunner, waitForStart: boolean) => {
      await runner.connect();
      if (waitForStart) await runner.query(start);
      else sendWithFirstStatement(runner, start);
      // What TypeORM's startTransaction() records, so its savepoints, commit and EntityManager see the transaction.
      recordTransaction(runner, true);
    };
    const tx = {
      queryRunner: trackQueries(this.dataSource.createQueryRunner(replica ? 'slave' : 'master')),
      on: replica ? 'replica' : 'primary',
      readOnly,
      finished: false,
    } as TenantTransaction;
    tx.ready = (async () => {
      // On a replica the check below is the first statement: it needs the transaction's answer first.
      await begin(tx.queryRunner, Boolean(replica));
      if (!replica) return;
      const mustSee = await replica.mustSee;
      if (!mustSee) return;
      const [row] = (await tx.queryRunner.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up`, [mustSee])) as { caught_up: boolean | null }[];
      if (row?.caught_up) return;
      // The replica has not replayed the caller's own last write yet: read from the primary.
      await tx.queryRunner.rollbackTransaction();
      await tx.queryRunner.release();
      tx.queryRunner = trackQueries(this.dataSource.createQueryRunner('master'));
      tx.on = 'primary';
      await begin(tx.queryRunner, false);
    })();
    // A failed start must not leak the connection; callers see the error through `ready`.
    tx.ready.catch(async () => {
      tx.finished = true;
      const runner = tx.queryRunner;
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release().catch(() => undefined);
    });
    return tx;
  }
}

type TrackedQueryRunner = QueryRunner & {
  /** Resolves once every statement asked for so far has been answered. */
  settled(): Promise<unknown>;
  /** Refuses every statement asked for from now on (the gate ends the transaction itself). */
  close(): void;
};

/**
 * A request's field resolvers and DataLoader batches ask for statements concurrently on its one
 * connection. In pipeline mode pg sends each as it is asked for (TypeORM hands them to pg in call
 * order: every query goes through the same awaits) and PostgreSQL answers them in that order, so
 * the last one asked for is answered last. Should one fail, those behind it in the transaction
 * fail too, as they would have one after the other.
 */
function trackQueries(runner: QueryRunner): TrackedQueryRunner {
  const query = runner.query.bind(runner);
  let last: Promise<unknown> = Promise.resolve();
  let closed = false;
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    // Checked here, synchronously: TypeORM's own check (released?) comes before awaits that could let
    // the statement reach the connection after the gate's COMMIT.
    if (closed) return Promise.reject(new Error('DatabaseGate: the request transaction has ended'));
    const result = query(...args);
    last = result.catch(() => undefined);
    return result;
  }) as QueryRunner['query'];
  return Object.assign(runner, {
    settled: () => last,
    close: () => {
      closed = true;
    },
  });
}

/** The parts of pg's Client (pipeline mode, pg ≥ 8.21) this file relies on. */
interface PipelinedClient {
  query: (text: string, ...rest: unknown[]) => Promise<unknown>;
  pipeline: boolean;
  connection: { stream: { cork(): void; uncork(): void; destroy(): void } };
}

function pgClientOf(runner: QueryRunner): PipelinedClient {
  const client = (runner as unknown as { databaseConnection: PipelinedClient }).databaseConnection;
  // Without pipeline mode pg would hold the next statement until `start` is answered: correct, but the round trip is back.
  if (!client.pipeline) throw new Error('DatabaseGate: the pool must run its clients in pipeline mode (dataSourceOptions)');
  return client;
}

/**
 * What a pooled connection's socket holds back, so that the statements asked for in one turn of
 * the event loop leave in one write: a transaction's start with its first statement, DataLoader
 * batches dispatched together, and the previous read-only transaction's COMMIT. Each write to
 * PostgreSQL costs a system call here and a read and wake-up there, a large part of a small
 * request's CPU. One per pg client, created on the gate's first use of it; every statement on
 * the client goes through it from then on.
 */
class ConnectionWrites {
  private held = false;
  /** A start is held for its transaction's first statement: statements do not flush it. */
  startPending = false;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;

  constructor(
    private readonly client: PipelinedClient,
    /** pg's own query: sends without scheduling a flush. */
    readonly send: PipelinedClient['query'],
  ) {}

  hold(): void {
    if (this.held) return;
    this.client.connection.stream.cork();
    this.held = true;
  }

  /** Writes what is held once this turn of the event loop is over: statements asked for in it join. */
  flushThisTurn(): void {
    if (!this.held || this.immediate) return;
    this.cancelScheduled();
    this.immediate = setImmediate(this.flush);
  }

  /** Writes what is held after `ms`, unless a statement asks for it sooner. */
  flushWithin(ms: number): void {
    if (!this.held || this.immediate || this.timer) return;
    this.timer = setTimeout(this.flush, ms);
  }

  readonly flush = (): void => {
    this.cancelScheduled();
    if (!this.held) return;
    this.held = false;
    this.client.connection.stream.uncork();
  };

  /** Drops what is held with the connection itself: nothing held may reach anyone. */
  destroy(): void {
    this.cancelScheduled();
    this.startPending = false;
    this.client.connection.stream.destroy();
  }

  private cancelScheduled(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
  }
}

const connectionWrites = new WeakMap<PipelinedClient, ConnectionWrites>();

function writesOf(client: PipelinedClient): ConnectionWrites {
  let writes = connectionWrites.get(client);
  if (!writes) {
    const send = client.query;
    const created = new ConnectionWrites(client, send);
    client.query = function heldQuery(...args: Parameters<PipelinedClient['query']>) {
      created.hold();
      try {
        return send.apply(client, args);
      } finally {
        if (!created.startPending) created.flushThisTurn();
      }
    };
    connectionWrites.set(client, created);
    writes = created;
  }
  return writes;
}

/**
 * Sends `start` in the same write as the transaction's first statement, which pg's pipeline mode
 * sends without waiting for `start`'s answer: one round trip fewer per request. PostgreSQL runs
 * them in order; should `start` fail, the first statement fails inside the aborted transaction
 * (it never runs without the tenant's settings) and its caller sees `start`'s error.
 */
function sendWithFirstStatement(runner: QueryRunner, start: string): void {
  const client = pgClientOf(runner);
  const writes = writesOf(client);
  const query = client.query;
  const release = runner.release;
  writes.hold();
  writes.startPending = true;
  const started = writes.send.call(client, start);
  started.catch(() => undefined); // reported through the first statement
  const disarm = () => {
    client.query = query;
    runner.release = release;
    writes.startPending = false;
  };
  client.query = function firstStatement(...args: Parameters<PipelinedClient['query']>) {
    disarm();
    const answer = query.apply(client, args);
    return Promise.all([started, answer]).then(([, result]) => result);
  };
  // Released with no statement (TypeORM's closePool at shutdown releases every connected runner): the
  // start must never reach a later user of the connection, nor keep it open. The connection is dropped.
  runner.release = function releasedUnused() {
    disarm();
    writes.destroy();
    return (runner as unknown as { releasePostgresConnection(error: Error): Promise<void> }).releasePostgresConnection(
      new Error('DatabaseGate: released before its first statement'),
    );
  };
}

/**
 * Sends a read-only transaction's COMMIT and marks the runner finished at once, so the
 * connection goes back to the pool without waiting for the answer. The COMMIT waits up to
 * `holdMs` in the connection's buffer to leave with its next user's first write (under load the
 * pool hands the connection on well within a few milliseconds); that user's statements follow
 * it, and PostgreSQL answers in order. Meanwhile the idle transaction holds no snapshot and no
 * transaction id (read-only, READ COMMITTED, between statements), only its tables' ACCESS SHARE
 * locks, which block nothing but DDL, for those few milliseconds.
 */
function commitInBackground(runner: QueryRunner, logger: Logger, holdMs: number): void {
  const client = pgClientOf(runner);
  const writes = writesOf(client);
  const failed = (error: unknown) => logger.warn({ err: error }, 'COMMIT of a read-only transaction failed');
  if (writes.startPending) {
    // No statement ran: the COMMIT is the first one and goes out with the start (and disarms its hook).
    void client.query('COMMIT').catch(failed);
  } else {
    writes.hold();
    void writes.send.call(client, 'COMMIT').catch(failed);
    if (holdMs > 0) writes.flushWithin(holdMs);
    else writes.flushThisTurn();
  }
  recordTransaction(runner, false);
}

/**
 * Ends the transaction with a COMMIT or ROLLBACK the gate sends itself (its runner takes no more
 * statements by then). PostgreSQL answers the COMMIT of a transaction a failed statement had
 * aborted with ROLLBACK and no error: that is a failure, not a commit.
 */
async function endTransaction(runner: QueryRunner, command: 'COMMIT' | 'ROLLBACK'): Promise<void> {
  const result = (await pgClientOf(runner).query(command)) as { command?: string };
  recordTransaction(runner, false);
  if (command === 'COMMIT' && result.command === 'ROLLBACK') {
    throw new Error('DatabaseGate: the transaction had failed and was rolled back instead of committed');
  }
}

/** Sets what TypeORM's own startTransaction() and commitTransaction() record on a runner. */
function recordTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}
