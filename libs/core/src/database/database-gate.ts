import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { RequestContext } from '../context/request-context.js';
import { AppConfig } from '../config/app-config.js';
import { isUuid } from '../ids.js';
import { APP_ROLE, TENANT_DATA_SOURCE } from './data-source-options.js';
import { GATE_OWNED, type GateRunnerState } from './gate-transaction-guard.js';
import { RecentWrites } from './recent-writes.js';

/** Transaction-local settings that open narrow windows for sign-in flows (see the RLS policies). */
export type LookupSetting = 'app.auth_email' | 'app.auth_refresh_token_hash' | 'app.auth_invitation_token_hash' | 'app.auth_credit_code';

/**
 * Hand-written SQL on the request transaction's connection: pg's own client
 * (public API), for the statements the API plans itself. `name` makes it a
 * prepared statement, parsed and planned once per connection (prepared-query.ts).
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[], name?: string): Promise<T[]>;
}

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/;
const ENDED = 'DatabaseGate: the request transaction has ended';
/** Statements asked before now that have passed GateTransactionGuard reach pg's queue within this turn of the event loop. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One request's transaction: a pooled connection of the tenant DataSource, opened with the caller's settings. */
class TenantTransaction implements Sql {
  /** TypeORM's view of the connection, for repositories written with its EntityManager. */
  runner!: QueryRunner;
  /** pg's client behind `runner` (what `runner.connect()` returns). */
  client!: pg.PoolClient;
  on: 'primary' | 'replica' = 'primary';
  /** `open` until the gate starts ending it: from then on it takes no statement. */
  state: 'open' | 'ending' = 'open';
  /** Shared with GateTransactionGuard through the runner's `data`: TypeORM's statements are refused while set. */
  readonly guard: GateRunnerState = { refusing: null };
  /** Savepoints opened so far (each mutation of a request gets one). */
  savepoints = 0;
  ready!: Promise<void>;

  constructor(readonly readOnly: boolean) {}

  query<T>(text: string, params?: readonly unknown[], name?: string): Promise<T[]> {
    if (this.state !== 'open') return Promise.reject(new Error(ENDED));
    if (this.guard.refusing) return Promise.reject(new Error(this.guard.refusing));
    const config = { text, values: params as unknown[] | undefined, ...(name ? { name } : {}) };
    return this.client.query(config).then((result) => result.rows as T[]);
  }
}

/**
 * The only way to the database for request work. Each request gets one
 * transaction on the tenant pool (whose sessions are APP_ROLE: no BYPASSRLS),
 * opened on first use by one message: START TRANSACTION, SET LOCAL ROLE, the
 * caller's organization and the statement timeout, all transaction-local.
 * With no caller the organization is empty and row-level security shows no
 * tenant rows at all.
 *
 * The transaction ends when the response is ready (GraphQL plugin, REST
 * interceptor): its COMMIT is awaited before the connection goes back to the
 * pool. Each mutation runs in a savepoint, so a failed one changes nothing
 * while earlier ones in the same request stand.
 *
 * Only public APIs: TypeORM's QueryRunner (`connect`, `query`, `release`,
 * `data`, `manager`) and pg's client. TypeORM is not told of the transaction;
 * GateTransactionGuard refuses any transaction TypeORM would start inside it.
 */
@Injectable()
export class DatabaseGate {
  private readonly logger = new Logger('DatabaseGate');
  private readonly hasReplicas: boolean;

  constructor(
    @InjectDataSource(TENANT_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly recentWrites: RecentWrites,
  ) {
    this.hasReplicas = config.databaseReplicaUrls.length > 0;
  }

  /** The EntityManager of the request's transaction. */
  async manager(ctx: RequestContext): Promise<EntityManager> {
    return (await this.transaction(ctx)).runner.manager;
  }

  /** pg's client of the request's transaction, for hand-written SQL (see Sql). */
  sql(ctx: RequestContext): Promise<Sql> {
    return this.transaction(ctx);
  }

  private async transaction(ctx: RequestContext, savepoint = false): Promise<TenantTransaction> {
    let tx = ctx.transaction as TenantTransaction | undefined;
    if (!tx) {
      // A read-only GraphQL query may read from a replica, once it has replayed the caller's own last write.
      const mustSee = this.hasReplicas && ctx.readOnly ? this.recentWrites.lastWrite(ctx) : undefined;
      tx = this.open(ctx.principal?.organizationId ?? null, { mustSee, readOnly: ctx.readOnly, savepoint });
      ctx.transaction = tx;
    }
    if (tx.state !== 'open') throw new Error('DatabaseGate: the request transaction has already ended');
    await tx.ready;
    return tx;
  }

  /** Runs `work` in a savepoint of the request transaction; on error its writes are undone. */
  async savepoint<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
    const opening = !ctx.transaction;
    // The request's first savepoint goes out with the transaction's start: no round trip of its own.
    const tx = await this.transaction(ctx, true);
    if (!opening) await tx.query(`SAVEPOINT m${tx.savepoints + 1}`);
    const name = `m${(tx.savepoints += 1)}`;
    const pending = ctx.afterCommit.length;
    ctx.wrote = true;
    try {
      // A savepoint that succeeded is not released: COMMIT keeps its work, and the round trip is saved.
      const result = await work();
      ctx.scope.clear(); // what the request read before or during the mutation may be stale now: later fields read again
      return result;
    } catch (error) {
      // What the failed mutation still asks for is refused; what it asked for before is sent ahead of the rollback.
      tx.guard.refusing = 'DatabaseGate: the mutation failed and is being undone';
      await nextTurn();
      // Should the rollback itself fail, the transaction is aborted and its COMMIT fails: nothing stands.
      await tx.client
        .query(`ROLLBACK TO SAVEPOINT ${name}`)
        .catch((rollbackError: unknown) => this.logger.warn({ err: rollbackError }, 'rollback to savepoint failed'));
      tx.guard.refusing = null;
      ctx.afterCommit.length = pending; // what the failed mutation meant to announce never happened
      ctx.scope.clear(); // what it read (or failed to) may be undone: later mutations read again
      throw error;
    }
  }

  /** Opens a narrow sign-in window (a policy matches rows by this value), for this transaction only. */
  async setLookup(ctx: RequestContext, setting: LookupSetting, value: string): Promise<void> {
    await (await this.transaction(ctx)).query('SELECT set_config($1, $2, true)', [setting, value]);
  }

  /**
   * Switches the transaction to an organization once a sign-in flow has
   * established who the caller is (login, refresh, accepting an invitation).
   */
  async actAsOrganization(ctx: RequestContext, organizationId: string): Promise<void> {
    await (await this.transaction(ctx)).query(`SELECT set_config('app.org_id', $1, true)`, [organizationId]);
  }

  /** Allows this request's statements more time than the default (bulk imports). */
  async extendStatementTimeout(ctx: RequestContext, milliseconds: number): Promise<void> {
    await (await this.transaction(ctx)).query(`SELECT set_config('statement_timeout', $1, true)`, [String(Math.trunc(milliseconds))]);
  }

  /**
   * Commits (or rolls back) the request transaction, waits for PostgreSQL's
   * answer, and returns the connection to the pool. From the moment it is
   * called the transaction takes no more statements of its own (Sql); a
   * straggler through TypeORM reaches a released runner, which refuses it, or
   * a session outside any transaction, which sees nothing (tenant pool).
   * With `final`, the context cannot open another transaction either (a
   * request whose client went away mid-mutation); without it the context's
   * next use opens a new one (a subscription's next event, seeding).
   */
  async finish(ctx: RequestContext, commit: boolean, { final = false }: { final?: boolean } = {}): Promise<void> {
    const tx = ctx.transaction as TenantTransaction | undefined;
    if (!tx || tx.state !== 'open') return;
    tx.state = 'ending';
    tx.guard.refusing = ENDED;
    if (!final) ctx.transaction = undefined;
    const hooks = ctx.afterCommit.splice(0);
    try {
      await tx.ready;
    } catch {
      return; // never opened: the opener has released it and its caller saw why
    }
    let lastWrite: string | null = null;
    let ended = false;
    try {
      if (commit) {
        // Where the caller's writes end in the WAL (replicas serve them from there on), in the same round trip.
        const withLsn = this.hasReplicas && ctx.wrote && tx.on === 'primary' && ctx.principal !== null;
        const results = (await tx.client.query(
          withLsn ? 'COMMIT; SELECT pg_current_wal_insert_lsn()::text AS lsn' : 'COMMIT',
        )) as unknown as pg.QueryResult | pg.QueryResult[];
        const [committed, lsn] = Array.isArray(results) ? results : [results];
        ended = true;
        // PostgreSQL answers the COMMIT of a transaction a failed statement had aborted with ROLLBACK: for a
        // transaction that may have written, that is a failure (a read-only one had nothing to keep).
        if (committed?.command !== 'COMMIT' && !tx.readOnly)
          throw new Error('DatabaseGate: the transaction had failed and was rolled back instead of committed');
        lastWrite = (lsn?.rows[0] as { lsn?: string } | undefined)?.lsn ?? null;
      } else {
        await tx.client.query('ROLLBACK');
        ended = true;
      }
    } finally {
      // A connection whose transaction could not be ended is closed rather than handed to someone else.
      if (!ended) await tx.client.end().catch(() => undefined);
      await tx.runner.release();
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
    const inner = new RequestContext(randomUUID(), null);
    const tx = this.open(organizationId, { readOnly: false });
    inner.transaction = tx;
    let ok = false;
    try {
      await tx.ready;
      const result = await work(tx.runner.manager);
      ok = true;
      return result;
    } finally {
      await this.finish(inner, ok);
    }
  }

  private open(
    organizationId: string | null,
    options: { mustSee?: Promise<string | null>; readOnly: boolean; savepoint?: boolean },
  ): TenantTransaction {
    if (organizationId !== null && !isUuid(organizationId)) throw new Error('DatabaseGate: the organization id is not a UUID');
    const { mustSee, readOnly, savepoint = false } = options;
    const tx = new TenantTransaction(readOnly);
    // One message opens the transaction and sets the tenant. The values are inlined (simple
    // protocol, several statements), which is safe: constants, a checked UUID, an integer, a checked LSN.
    const start = (lsn: string | null) =>
      [
        `START TRANSACTION${readOnly ? ' READ ONLY' : ''}`,
        `SET LOCAL ROLE ${APP_ROLE}`,
        `SET LOCAL app.org_id = '${organizationId ?? ''}'`,
        `SET LOCAL statement_timeout = ${Math.trunc(this.config.statementTimeoutMs)}`,
        ...(savepoint ? ['SAVEPOINT m1'] : []),
        ...(lsn ? [`SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS caught_up`] : []),
      ].join('; ');
    const connect = async (mode: 'master' | 'slave', lsn: string | null): Promise<boolean> => {
      tx.runner = this.dataSource.createQueryRunner(mode);
      tx.runner.data = { [GATE_OWNED]: tx.guard };
      tx.on = mode === 'slave' ? 'replica' : 'primary';
      tx.client = (await tx.runner.connect()) as pg.PoolClient;
      const results = (await tx.client.query(start(lsn))) as unknown as pg.QueryResult[];
      if (mode === 'master' || !lsn) return true;
      return (results[results.length - 1]?.rows[0] as { caught_up?: boolean | null } | undefined)?.caught_up === true;
    };
    tx.ready = (async () => {
      const lsn = mustSee ? await mustSee : null;
      // No replicas, or a remembered position that is not one: the primary.
      if (mustSee === undefined || (lsn !== null && !LSN.test(lsn))) {
        await connect('master', null);
        return;
      }
      if (await connect('slave', lsn)) return;
      // The replica has not replayed the caller's own last write yet: read from the primary.
      await tx.client.query('ROLLBACK');
      await tx.runner.release();
      await connect('master', null);
    })();
    // A failed start must not leak the connection; callers see the error through `ready`.
    tx.ready.catch(async () => {
      tx.state = 'ending';
      if (!tx.runner || tx.runner.isReleased) return;
      await tx.client?.end().catch(() => undefined);
      await tx.runner.release().catch(() => undefined);
    });
    return tx;
  }
}
