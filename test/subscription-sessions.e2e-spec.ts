import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ANCHOR_ADMIN, BUYER } from './support/fixtures.js';
import { publishedOrder } from './support/orders.js';
import { TestApp } from './support/test-app.js';

const CREATE_KEY = `mutation($name: String!, $roles: [Role!]!) { createApiKey(name: $name, roles: $roles) { id secret } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) }`;

interface Session {
  client: Client;
  events: { type: string; purchaseOrderId: string }[];
  errors: unknown[];
  closed: Promise<{ code: number; reason: string; at: number }>;
}

/**
 * A graphql-ws subscription lives no longer than what opened it: the socket
 * closes at its access token's expiry (4403, which graphql-ws clients retry
 * with fresh connection parameters), and at the first event after its API
 * key was revoked, before that event is sent.
 */
describe('subscriptions and the credentials that opened them', () => {
  let t: TestApp;
  let url: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    t = await TestApp.start();
    url = `ws://127.0.0.1:${await t.listen()}/graphql`;
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await t?.close();
  });

  /** An access token for `email` that expires in `seconds`, signed as the API signs its own (identity lib, AuthService.signIn). */
  async function shortLivedToken(email: string, seconds: number): Promise<{ token: string; expiresAt: number }> {
    const jwt = t.app.get(JwtService);
    const { sub, org, kind, roles, locale } = jwt.decode<Record<string, unknown>>(await t.tokenFor(email));
    const token = await jwt.signAsync(
      { sub, org, kind, roles, locale },
      { expiresIn: seconds, issuer: 'anchorlink', audience: 'anchorlink-api', algorithm: 'HS256' },
    );
    return { token, expiresAt: jwt.decode<{ exp: number }>(token).exp * 1000 };
  }

  async function open(connectionParams: Record<string, unknown> | (() => Record<string, unknown>), retryAttempts = 0): Promise<Session> {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams,
      lazy: false,
      retryAttempts,
      retryWait: async () => undefined,
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
      client.on('closed', (event) =>
        resolve({ code: (event as { code: number }).code, reason: String((event as { reason?: unknown }).reason), at: Date.now() }),
      ),
    );
    await new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      void closed.then(({ code }) => reject(new Error(`closed ${code}`)));
    });
    const session: Session = { client, events: [], errors: [], closed };
    client.subscribe(
      { query: 'subscription { orderEvents { type purchaseOrderId } }' },
      {
        next: (value) => session.events.push((value.data as any).orderEvents),
        error: (e) => session.errors.push(e),
        complete: () => undefined,
      },
    );
    await new Promise((r) => setTimeout(r, 200));
    return session;
  }

  /** The socket's close, or a timeout (an open socket fails the test rather than hang it). */
  const closing = (session: Session, ms = 7000) =>
    Promise.race([
      session.closed,
      new Promise<{ code: number; reason: string; at: number }>((resolve) =>
        setTimeout(() => resolve({ code: 0, reason: 'still open', at: Date.now() }), ms),
      ),
    ]);

  const settle = async (done: () => boolean, ms = 3000) => {
    for (let waited = 0; waited < ms && !done(); waited += 50) await new Promise((r) => setTimeout(r, 50));
  };

  it('closes the socket when the access token that opened it expires, and delivers nothing after', async () => {
    const { token, expiresAt } = await shortLivedToken(BUYER, 4);
    const session = await open({ authorization: `Bearer ${token}` });
    const before = await publishedOrder(t);
    await settle(() => session.events.length >= 2);
    expect(session.events.map((e) => e.type)).toEqual(['CREATED', 'PUBLISHED']);

    const closed = await closing(session);
    expect(closed.code).toBe(4403);
    expect(closed.at).toBeGreaterThanOrEqual(expiresAt - 100);
    expect(closed.at).toBeLessThan(expiresAt + 1000);
    const after = await publishedOrder(t);
    await new Promise((r) => setTimeout(r, 500));
    expect(session.events.every((e) => e.purchaseOrderId === before.id)).toBe(true);
    expect(after.id).not.toBe(before.id);
  });

  it('lets a client that reconnects with a fresh token carry on (graphql-ws retries 4403 with new connection parameters)', async () => {
    const first = await shortLivedToken(BUYER, 4);
    const fresh = await t.tokenFor(BUYER);
    let connections = 0;
    const session = await open(() => ({ authorization: `Bearer ${connections++ === 0 ? first.token : fresh}` }), 3);
    await new Promise((r) => setTimeout(r, Math.max(0, first.expiresAt - Date.now()) + 700));
    expect(connections).toBe(2);
    const order = await publishedOrder(t);
    await settle(() => session.events.filter((e) => e.purchaseOrderId === order.id).length >= 2);
    expect(session.events.filter((e) => e.purchaseOrderId === order.id).map((e) => e.type)).toEqual(['CREATED', 'PUBLISHED']);
    expect(session.errors).toEqual([]);
  });

  it('stops a subscription opened with an API key as soon as the key is revoked: the next event is not sent and the socket closes', async () => {
    const key = (await t.ok(CREATE_KEY, { name: 'ERP events', roles: ['VIEWER'] }, ANCHOR_ADMIN)).createApiKey;
    const session = await open({ 'x-api-key': key.secret });
    const delivered = await publishedOrder(t);
    await settle(() => session.events.length >= 2);
    expect(session.events.map((e) => e.purchaseOrderId)).toEqual([delivered.id, delivered.id]);

    expect((await t.ok(REVOKE_KEY, { id: key.id }, ANCHOR_ADMIN)).revokeApiKey).toBe(true);
    await publishedOrder(t);
    const closed = await closing(session);
    expect(closed.code).toBe(4403);
    await new Promise((r) => setTimeout(r, 300));
    expect(session.events.map((e) => e.purchaseOrderId)).toEqual([delivered.id, delivered.id]);

    // A revoked or unknown key opens no connection.
    for (const secret of [key.secret, 'alk_' + 'x'.repeat(43)]) {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: { 'x-api-key': secret },
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined,
      });
      clients.push(client);
      expect(await new Promise<number>((resolve) => client.on('closed', (e) => resolve((e as { code: number }).code)))).toBe(4403);
    }
  });
});
