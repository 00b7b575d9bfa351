import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { INTERCEPTORS_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost, TypeMetadataStorage } from '@nestjs/graphql';
import { AppConfig, DatabaseGate, dataSourceOptions, OrgKind, RecentWrites, RequestContext, RequestScopeInterceptor, Role } from '@anchorlink/core';
import { TestApp } from './support/test-app.js';
import { databaseUrl } from './support/test-database.js';
import { ORG } from './support/fixtures.js';

/**
 * The request transaction as DatabaseGate opens it: its start goes out with the first statement
 * (pipelined), a GraphQL query's transaction is READ ONLY and its COMMIT is not waited for.
 * These check what must hold whatever the timing: no statement ever runs without the tenant's
 * settings, a read-only request writes nothing, and a connection handed back with its COMMIT
 * still on the wire serves its next transaction correctly.
 */
describe('request transactions (DatabaseGate)', () => {
  let t: TestApp;
  /** A pool of one connection: every transaction below reuses the previous one's connection. */
  let single: DataSource;
  let gate: DatabaseGate;

  const contextFor = (organizationId: string, kind: OrgKind, readOnly: boolean) => {
    const ctx = new RequestContext(`test-${Math.random()}`, { userId: null, organizationId, organizationKind: kind, roles: [Role.ORG_ADMIN], locale: 'en' });
    ctx.readOnly = readOnly;
    return ctx;
  };
  const anchorReads = () => contextFor(ORG.anchor, OrgKind.ANCHOR, true);
  /** A gate whose read-only COMMITs wait `holdMs` for the connection's next statements. */
  const gateHolding = (holdMs: number) =>
    new DatabaseGate(single, Object.assign(Object.create(t.app.get(AppConfig)) as AppConfig, { readOnlyCommitHoldMs: holdMs }), t.app.get(RecentWrites));

  beforeAll(async () => {
    t = await TestApp.start();
    single = new DataSource({ ...dataSourceOptions({ url: databaseUrl(t.databaseName), entities: [], migrations: [], poolSize: 1 }) });
    await single.initialize();
    gate = new DatabaseGate(single, t.app.get(AppConfig), t.app.get(RecentWrites));
  });
  afterAll(async () => {
    await single?.destroy();
    await t?.close();
  });

  // The savepoint of a mutation and the commit of a REST call are bound where they are needed (a global
  // interceptor cost every query a trip through NestJS's RxJS pipeline): none may be missed.
  it('binds every mutation of the schema, and every REST controller but the probes, to its request scope', () => {
    const interceptorsOf = (target: object) => (Reflect.getMetadata(INTERCEPTORS_METADATA, target) ?? []) as unknown[];
    const mutations = Object.keys(t.app.get(GraphQLSchemaHost).schema.getMutationType()!.getFields());
    const handlers = new Map(TypeMetadataStorage.getMutationsMetadata().map((m) => [m.schemaName, (m.target.prototype as Record<string, object>)[m.methodName]!]));
    expect(mutations.length).toBeGreaterThan(30);
    expect(mutations.filter((name) => !handlers.has(name) || !interceptorsOf(handlers.get(name)!).includes(RequestScopeInterceptor))).toEqual([]);
    // Every controller but the probes, which never open a request transaction (a new one must be bound or listed here).
    const probes = ['health', 'metrics'];
    const controllers = [...t.app.get(ModulesContainer).values()]
      .flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype as Function))
      .filter((controller) => !probes.includes(String(Reflect.getMetadata(PATH_METADATA, controller))));
    expect(controllers.length).toBeGreaterThan(0);
    expect(controllers.filter((controller) => !interceptorsOf(controller).includes(RequestScopeInterceptor)).map((c) => c.name)).toEqual([]);
  });

  it("runs the first statement inside the tenant's transaction", async () => {
    const ctx = anchorReads();
    const em = await gate.manager(ctx);
    const [row] = await em.query(
      `SELECT current_user AS role, current_setting('app.org_id') AS org, current_setting('transaction_read_only') AS ro, (SELECT count(*)::int FROM parts) AS parts`,
    );
    await gate.finish(ctx, true);
    expect(row).toEqual({ role: 'anchorlink_app', org: ORG.anchor, ro: 'on', parts: 14 });
  });

  it("refuses every write in a GraphQL query's transaction, and changes nothing", async () => {
    const [before] = await t.sql(`SELECT name FROM organizations WHERE id = $1`, [ORG.anchor]);
    const ctx = anchorReads();
    const em = await gate.manager(ctx);
    await expect(em.query(`UPDATE organizations SET name = 'changed' WHERE id = $1`, [ORG.anchor])).rejects.toThrow(/read-only transaction/);
    await gate.finish(ctx, true);
    const [after] = await t.sql(`SELECT name FROM organizations WHERE id = $1`, [ORG.anchor]);
    expect(after).toEqual(before);
  });

  it('gives a connection handed back before its COMMIT was answered to the next transaction with its own settings', async () => {
    const writerSees = async () => {
      const writer = contextFor(ORG.bearings, OrgKind.SUPPLIER, false);
      const [row] = await (await gate.manager(writer)).query(
        `SELECT current_setting('app.org_id') AS org, current_setting('transaction_read_only') AS ro, (SELECT count(*)::int FROM parts) AS parts`,
      );
      await gate.finish(writer, false); // a rollback, answered before the connection goes back
      return row;
    };
    const alone = await writerSees();
    expect(alone).toMatchObject({ org: ORG.bearings, ro: 'off' });
    expect(alone.parts).toBeLessThan((await t.sql(`SELECT count(*)::int AS n FROM parts`))[0].n);
    for (let i = 0; i < 20; i++) {
      const reader = i % 2 ? contextFor(ORG.castings, OrgKind.SUPPLIER, true) : anchorReads();
      await (await gate.manager(reader)).query(`SELECT count(*) FROM parts`);
      await gate.finish(reader, true); // returns before COMMIT's answer: the next transaction is written behind it
      // A new transaction, read-write, with the writer's organization: the reader's had ended.
      expect(await writerSees()).toEqual(alone);
    }
  });

  it('sends the start and the statements asked for in one turn in one write, and answers each its own', async () => {
    const ctx = anchorReads();
    const em = await gate.manager(ctx);
    const stream = socketOf(ctx);
    let answers: unknown[] = [];
    const writes = await writesOf(stream, async () => {
      answers = await Promise.all([
        em.query(`SELECT 'first' AS a`),
        em.query(`SELECT current_setting('app.org_id') AS org`),
        em.query(`SELECT count(*)::int AS parts FROM parts`),
      ]);
    });
    await gate.finish(ctx, true);
    expect(answers).toEqual([[{ a: 'first' }], [{ org: ORG.anchor }], [{ parts: 14 }]]);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/START TRANSACTION READ ONLY[\s\S]*'first'[\s\S]*app\.org_id[\s\S]*FROM parts/);
  });

  it('fails the statements asked for behind a failed one, answers those before it, and leaves the connection clean', async () => {
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    const em = await gate.manager(ctx);
    const [before, failed, behind] = await Promise.allSettled([em.query(`SELECT 'before' AS a`), em.query(`SELECT 1 / 0`), em.query(`SELECT 'behind' AS b`)]);
    await gate.finish(ctx, false);
    expect(before).toEqual({ status: 'fulfilled', value: [{ a: 'before' }] });
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/division by zero/) } });
    expect(behind).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/current transaction is aborted/) } });
    const next = anchorReads();
    const [row] = await (await gate.manager(next)).query(`SELECT current_setting('app.org_id') AS org, (SELECT count(*)::int FROM parts) AS parts`);
    await gate.finish(next, true);
    expect(row).toEqual({ org: ORG.anchor, parts: 14 });
  });

  it("sends a read-only transaction's COMMIT in one write with the connection's next transaction", async () => {
    const holding = gateHolding(60_000); // longer than this test: only the next statement sends it
    const reader = anchorReads();
    await (await holding.manager(reader)).query(`SELECT 'reader' AS a`);
    const stream = socketOf(reader);
    let row: unknown;
    const writes = await writesOf(stream, async () => {
      await holding.finish(reader, true);
      const next = contextFor(ORG.castings, OrgKind.SUPPLIER, false);
      [row] = await (await holding.manager(next)).query(`SELECT current_setting('app.org_id') AS org, current_setting('transaction_read_only') AS ro`);
      await holding.finish(next, false); // a rollback: its write waits for nothing
    });
    expect(row).toEqual({ org: ORG.castings, ro: 'off' });
    expect(writes[0]).toMatch(/COMMIT[\s\S]*START TRANSACTION;[\s\S]*transaction_read_only/);
    expect(writes).toHaveLength(2); // and the ROLLBACK
  });

  it("sends a read-only transaction's COMMIT on its own once the connection has stayed idle", async () => {
    const holding = gateHolding(300);
    const reader = anchorReads();
    const [{ pid }] = await (await holding.manager(reader)).query(`SELECT pg_backend_pid() AS pid`);
    const stateOf = async () => (await t.sql(`SELECT state FROM pg_stat_activity WHERE pid = $1`, [pid]))[0]?.state;
    await holding.finish(reader, true);
    expect(await stateOf()).toBe('idle in transaction'); // held, with nothing to follow it yet
    const deadline = Date.now() + 5_000;
    while ((await stateOf()) !== 'idle' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stateOf()).toBe('idle');
  });

  it('refuses a statement asked once the transaction is ending, rather than running it behind the COMMIT', async () => {
    for (const readOnly of [true, false]) {
      const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, readOnly);
      const em = await gate.manager(ctx);
      // Asked before the end: answered inside the transaction, before the COMMIT.
      const before = em.query(`SELECT current_setting('app.org_id') AS org`);
      const finishing = gate.finish(ctx, true);
      // Asked after: refused (sent behind the COMMIT it would run as the connecting role, without the tenant).
      const after = em.query(`SELECT current_setting('app.org_id', true) AS org, current_user AS role`);
      await expect(before).resolves.toEqual([{ org: ORG.anchor }]);
      await expect(after).rejects.toThrow(/request transaction has ended/);
      await finishing;
    }
  });

  it('keeps the connection of a read-only transaction that ran no statement', async () => {
    const first = anchorReads();
    const [{ pid }] = await (await gate.manager(first)).query(`SELECT pg_backend_pid() AS pid`);
    await gate.finish(first, true);
    const idle = anchorReads();
    await gate.manager(idle);
    await gate.finish(idle, true);
    const next = anchorReads();
    const [row] = await (await gate.manager(next)).query(`SELECT pg_backend_pid() AS pid, current_setting('app.org_id') AS org`);
    await gate.finish(next, true);
    expect(row).toEqual({ pid, org: ORG.anchor });
  });

  it('reports the COMMIT of a transaction a failed statement had aborted as a failure', async () => {
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    const em = await gate.manager(ctx);
    await expect(em.query(`SELECT 1 / 0`)).rejects.toThrow(/division by zero/);
    await expect(gate.finish(ctx, true)).rejects.toThrow(/rolled back instead of committed/);
  });

  it('opens no new transaction for a context finished for good (its client went away mid-request)', async () => {
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    await (await gate.manager(ctx)).query(`SELECT 1`);
    await gate.finish(ctx, false, { final: true });
    await expect(gate.manager(ctx)).rejects.toThrow(/already ended/);
    // Without `final` (a subscription's next event), the context opens a new one.
    const reused = contextFor(ORG.anchor, OrgKind.ANCHOR, true);
    await (await gate.manager(reused)).query(`SELECT 1`);
    await gate.finish(reused, true);
    const [row] = await (await gate.manager(reused)).query(`SELECT current_setting('app.org_id') AS org`);
    await gate.finish(reused, true);
    expect(row).toEqual({ org: ORG.anchor });
  });

  it("rolls a failed mutation's savepoint back after the statements it had already asked for", async () => {
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    const em = await gate.manager(ctx);
    ctx.loaders.set('read.in.the.failed.mutation', {});
    await expect(
      gate.savepoint(ctx, async () => {
        void em.query(`SELECT set_config('app.marker', 'stood', true)`).catch(() => undefined); // asked, not awaited
        throw new Error('the mutation failed');
      }),
    ).rejects.toThrow('the mutation failed');
    const [row] = await em.query(`SELECT current_setting('app.marker', true) AS marker`);
    await gate.finish(ctx, false);
    expect(row.marker ?? '').toBe('');
    // What the request's loaders hold may be undone with it: later mutations read again.
    expect(ctx.loaders.size).toBe(0);
  });

  it('drops a connection released before its first statement (shutdown): its start never reaches the next user', async () => {
    const reader = anchorReads();
    await gate.manager(reader); // the start waits, corked, for a first statement that never comes
    const writer = contextFor(ORG.bearings, OrgKind.SUPPLIER, false);
    const waiting = gate.manager(writer); // the pool's one connection is taken: this waits
    // What TypeORM's closePool does to every connected runner.
    await (reader.transaction as { queryRunner: { release(): Promise<void> } }).queryRunner.release();
    const [row] = await (await waiting).query(`SELECT current_setting('app.org_id') AS org, current_setting('transaction_read_only') AS ro`);
    await gate.finish(writer, false);
    // The writer's own read-write transaction on a new connection, not the reader's READ ONLY one.
    expect(row).toEqual({ org: ORG.bearings, ro: 'off' });
  });

  it("fails the first statement with the start's error when the transaction cannot start, and runs nothing as the owner", async () => {
    const config = Object.assign(Object.create(t.app.get(AppConfig)) as AppConfig, { statementTimeoutMs: -1 });
    const broken = new DatabaseGate(single, config, t.app.get(RecentWrites));
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    const em = await broken.manager(ctx);
    // Run without the settings (as the connecting superuser) this would count every organization.
    await expect(em.query(`SELECT count(*)::int AS n FROM organizations`)).rejects.toThrow(/statement_timeout/);
    await expect(em.query(`SELECT count(*)::int AS n FROM organizations`)).rejects.toThrow(/current transaction is aborted/);
    await broken.finish(ctx, false);
    // The connection went back to the pool clean.
    const next = anchorReads();
    const [row] = await (await gate.manager(next)).query(`SELECT current_setting('app.org_id') AS org, (SELECT count(*)::int FROM parts) AS parts`);
    await gate.finish(next, true);
    expect(row).toEqual({ org: ORG.anchor, parts: 14 });
  });
});

type Socket = { _write: (...args: any[]) => unknown; _writev: (...args: any[]) => unknown };

/** The socket of the connection a context's transaction runs on. */
function socketOf(ctx: RequestContext): Socket {
  return (ctx.transaction as { queryRunner: { databaseConnection: { connection: { stream: Socket } } } }).queryRunner.databaseConnection.connection.stream;
}

/** What `work` makes the socket write, one entry per write to the kernel (its bytes as text). */
async function writesOf(socket: Socket, work: () => Promise<void>): Promise<string[]> {
  const writes: string[] = [];
  const text = (chunk: unknown) => Buffer.from(chunk as Buffer).toString('latin1');
  const own = Object.getOwnPropertyNames(socket);
  const { _write: write, _writev: writev } = socket;
  socket._write = function (chunk: unknown, ...rest: unknown[]) {
    writes.push(text(chunk));
    return write.call(this, chunk, ...rest);
  };
  socket._writev = function (chunks: { chunk: unknown }[], ...rest: unknown[]) {
    writes.push(chunks.map((c) => text(c.chunk)).join(''));
    return writev.call(this, chunks, ...rest);
  };
  try {
    await work();
  } finally {
    for (const name of ['_write', '_writev'] as const) if (!own.includes(name)) delete (socket as Partial<Socket>)[name];
  }
  return writes;
}
