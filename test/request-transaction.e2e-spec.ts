import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { INTERCEPTORS_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost, TypeMetadataStorage } from '@nestjs/graphql';
import {
  AppConfig,
  DatabaseGate,
  dataSourceOptions,
  OrgKind,
  RecentWrites,
  RequestContext,
  RequestScopeInterceptor,
  Role,
  ScopeSlot,
} from '@anchorlink/core';
import { TestApp } from './support/test-app.js';
import { databaseUrl } from './support/test-database.js';
import { ORG } from './support/fixtures.js';

const READ_BEFORE = new ScopeSlot('test.readBefore', (): string[] => []);

/**
 * The request transaction as DatabaseGate opens it: one message starts it with the tenant's
 * settings, a GraphQL query's transaction is READ ONLY, its COMMIT is awaited before the
 * connection goes back. These check what must hold whatever the timing: no statement ever runs
 * with another tenant's settings or as the connecting user, a read-only request writes nothing,
 * and a connection serves its next transaction with that transaction's own settings.
 */
describe('request transactions (DatabaseGate)', () => {
  let t: TestApp;
  /** A tenant pool of one connection: every transaction below reuses the previous one's connection. */
  let single: DataSource;
  let gate: DatabaseGate;

  const contextFor = (organizationId: string, kind: OrgKind, readOnly: boolean) => {
    const ctx = new RequestContext(`test-${Math.random()}`, {
      userId: null,
      organizationId,
      organizationKind: kind,
      roles: [Role.ORG_ADMIN],
      locale: 'en',
    });
    ctx.readOnly = readOnly;
    return ctx;
  };
  const anchorReads = () => contextFor(ORG.anchor, OrgKind.ANCHOR, true);

  beforeAll(async () => {
    t = await TestApp.start();
    single = new DataSource(dataSourceOptions({ url: databaseUrl(t.databaseName), entities: [], migrations: [], poolSize: 1 }, 'tenant'));
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
    const handlers = new Map(
      TypeMetadataStorage.getMutationsMetadata().map((m) => [m.schemaName, (m.target.prototype as Record<string, object>)[m.methodName]]),
    );
    expect(mutations.length).toBeGreaterThan(30);
    expect(
      mutations.filter((name) => !handlers.has(name) || !interceptorsOf(handlers.get(name)!).includes(RequestScopeInterceptor)),
    ).toEqual([]);
    // Every controller but the probes, which never open a request transaction (a new one must be bound or listed here).
    const probes = ['health', 'metrics'];
    const controllers = [...t.app.get(ModulesContainer).values()]
      .flatMap((module) =>
        [...module.controllers.values()].map((wrapper) => wrapper.metatype as abstract new (...args: never[]) => unknown),
      )
      .filter((controller) => !probes.includes(String(Reflect.getMetadata(PATH_METADATA, controller))));
    expect(controllers.length).toBeGreaterThan(0);
    expect(controllers.filter((controller) => !interceptorsOf(controller).includes(RequestScopeInterceptor)).map((c) => c.name)).toEqual(
      [],
    );
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
    await expect(em.query(`UPDATE organizations SET name = 'changed' WHERE id = $1`, [ORG.anchor])).rejects.toThrow(
      /read-only transaction/,
    );
    // Its COMMIT is PostgreSQL's ROLLBACK of the aborted transaction: nothing to keep, not a failure of the request.
    await gate.finish(ctx, true);
    const [after] = await t.sql(`SELECT name FROM organizations WHERE id = $1`, [ORG.anchor]);
    expect(after).toEqual(before);
  });

  it("gives a reused connection to the next transaction with that transaction's own settings", async () => {
    const writerSees = async () => {
      const writer = contextFor(ORG.bearings, OrgKind.SUPPLIER, false);
      const [row] = await (
        await gate.manager(writer)
      ).query(
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
      await gate.finish(reader, true);
      // A new transaction, read-write, with the writer's organization: the reader's had ended.
      expect(await writerSees()).toEqual(alone);
    }
  });

  it('fails the statements asked for behind a failed one, answers those before it, and leaves the connection clean', async () => {
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    const em = await gate.manager(ctx);
    const [before, failed, behind] = await Promise.allSettled([
      em.query(`SELECT 'before' AS a`),
      em.query(`SELECT 1 / 0`),
      em.query(`SELECT 'behind' AS b`),
    ]);
    await gate.finish(ctx, false);
    expect(before).toEqual({ status: 'fulfilled', value: [{ a: 'before' }] });
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/division by zero/) } });
    expect(behind).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/current transaction is aborted/) } });
    const next = anchorReads();
    const [row] = await (
      await gate.manager(next)
    ).query(`SELECT current_setting('app.org_id') AS org, (SELECT count(*)::int FROM parts) AS parts`);
    await gate.finish(next, true);
    expect(row).toEqual({ org: ORG.anchor, parts: 14 });
  });

  it('refuses a statement asked once the transaction is ending, rather than running it behind the COMMIT', async () => {
    for (const readOnly of [true, false]) {
      const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, readOnly);
      const em = await gate.manager(ctx);
      const sql = await gate.sql(ctx);
      await expect(em.query(`SELECT current_setting('app.org_id') AS org`)).resolves.toEqual([{ org: ORG.anchor }]);
      // Asked once the end has begun, through either path: refused before it is sent.
      const finishing = gate.finish(ctx, true);
      const viaSql = sql.query(`SELECT 1`);
      const viaTypeOrm = em.query(`SELECT count(*)::int AS parts FROM parts`);
      await expect(viaSql).rejects.toThrow(/request transaction has ended/);
      await expect(viaTypeOrm).rejects.toThrow(/request transaction has ended/);
      await finishing;
      await expect(em.query(`SELECT 1`)).rejects.toThrow(/released/);
    }
  });

  it('serves no tenant row on a tenant-pool connection outside a request transaction', async () => {
    const runner = single.createQueryRunner();
    try {
      const [row] = await runner.query(
        `SELECT current_user AS role, coalesce(current_setting('app.org_id', true), '') AS org, (SELECT count(*)::int FROM parts) AS parts, (SELECT count(*)::int FROM purchase_orders) AS orders`,
      );
      expect(row).toEqual({ role: 'anchorlink_app', org: '', parts: 0, orders: 0 });
      await expect(runner.query(`UPDATE organizations SET name = 'x'`)).resolves.toBeDefined();
      expect((await t.sql(`SELECT count(*)::int AS n FROM organizations WHERE name = 'x'`))[0].n).toBe(0);
    } finally {
      await runner.release();
    }
  });

  it('refuses TypeORM a transaction of its own inside the request transaction', async () => {
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    const em = await gate.manager(ctx);
    await expect(em.transaction(async (inner) => inner.query(`SELECT 1`))).rejects.toThrow(/DatabaseGate owns this transaction/);
    const [row] = await em.query(`SELECT current_setting('app.org_id') AS org`);
    await gate.finish(ctx, false);
    expect(row).toEqual({ org: ORG.anchor });
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
    ctx.scope.get(READ_BEFORE).push('read in the failed mutation');
    await expect(
      gate.savepoint(ctx, async () => {
        void em.query(`SELECT set_config('app.marker', 'stood', true)`).catch(() => undefined); // asked, not awaited
        throw new Error('the mutation failed');
      }),
    ).rejects.toThrow('the mutation failed');
    const [row] = await em.query(`SELECT current_setting('app.marker', true) AS marker`);
    await gate.finish(ctx, false);
    expect(row.marker ?? '').toBe('');
    // What the request's scope holds may be undone with it: later mutations read again.
    expect(ctx.scope.size).toBe(0);
  });

  it("clears the request's scope when a mutation succeeds: its later fields read what it wrote", async () => {
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    ctx.scope.get(READ_BEFORE).push('read before the mutation');
    const inside = await gate.savepoint(ctx, async () => ctx.scope.get(READ_BEFORE).length);
    await gate.finish(ctx, false);
    expect(inside).toBe(1); // the mutation itself still sees what the request read before it
    expect(ctx.scope.size).toBe(0);
    expect(ctx.scope.get(READ_BEFORE)).toEqual([]);
  });

  it('refuses the request when its transaction cannot start, and runs nothing as the owner', async () => {
    const config = Object.assign(Object.create(t.app.get(AppConfig)) as AppConfig, { statementTimeoutMs: -1 });
    const broken = new DatabaseGate(single, config, t.app.get(RecentWrites));
    const ctx = contextFor(ORG.anchor, OrgKind.ANCHOR, false);
    await expect(broken.manager(ctx)).rejects.toThrow(/statement_timeout/);
    await broken.finish(ctx, false);
    // The connection went back to the pool clean (or was closed).
    const next = anchorReads();
    const [row] = await (
      await gate.manager(next)
    ).query(`SELECT current_setting('app.org_id') AS org, (SELECT count(*)::int FROM parts) AS parts`);
    await gate.finish(next, true);
    expect(row).toEqual({ org: ORG.anchor, parts: 14 });
  });
});
