import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@anchorlink/demo-data';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, databaseUrl, dropTestDatabase, testConfig } from './test-database.js';

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors?: { message: string; path?: string[]; extensions: Record<string, any> }[];
}

/** The whole API on its own cloned database, driven over HTTP with supertest. */
export class TestApp {
  private tokens = new Map<string, string>();

  private constructor(
    readonly app: NestExpressApplication,
    readonly databaseName: string,
    /** False for a second instance on another app's database: closing it leaves the database. */
    private readonly ownsDatabase = true,
  ) {}

  static async start(overrides: Parameters<typeof testConfig>[0] = {}): Promise<TestApp> {
    const database = await createTestDatabase();
    const app = await createApiApp(testConfig(overrides), database.url, { logger: false });
    await app.init();
    return new TestApp(app, database.name);
  }

  /** The API on a database this test manages itself (a replica set-up): closing it leaves the database. */
  static async startOn(url: string, overrides: Parameters<typeof testConfig>[0] = {}): Promise<TestApp> {
    const app = await createApiApp(testConfig(overrides), url, { logger: false });
    await app.init();
    return new TestApp(app, new URL(url).pathname.slice(1), false);
  }

  /** Another API instance on the same database as `other` (several instances behind a load balancer). */
  static async startBeside(other: TestApp, overrides: Parameters<typeof testConfig>[0] = {}): Promise<TestApp> {
    const app = await createApiApp(testConfig(overrides), databaseUrl(other.databaseName), { logger: false });
    await app.init();
    return new TestApp(app, other.databaseName, false);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  /** POST /graphql as `as` (an e-mail of a signed-in account, or a raw access token). */
  async gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResult<T>> {
    let req = this.http.post('/graphql').set('content-type', 'application/json');
    if (as) {
      const token = as.includes('@') ? await this.tokenFor(as) : as;
      req = req.set('authorization', `Bearer ${token}`);
    }
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body?.data, errors: res.body?.errors };
  }

  /** Like gql, but fails the test on any error and returns `data`. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, as?: string): Promise<T> {
    const result = await this.gql<T>(query, variables, as);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result, null, 2)}`);
    }
    return result.data;
  }

  /** An access token for a demo (or test-created) account, cached per file. */
  async tokenFor(email: string, password = DEMO_PASSWORD, fresh = false): Promise<string> {
    const cached = this.tokens.get(email);
    if (cached && !fresh) return cached;
    const res = await this.gql<{ login: { accessToken: string } }>(
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
      { email, password },
    );
    if (!res.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
    this.tokens.set(email, res.data.login.accessToken);
    return res.data.login.accessToken;
  }

  /** Runs SQL as the connecting (privileged) user: for assertions on the database itself. */
  sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(text, params);
  }

  /** Listens on a free port (for WebSocket tests) and returns it. */
  async listen(): Promise<number> {
    if (!this.app.getHttpServer().listening) await this.app.listen(0, '127.0.0.1');
    return (this.app.getHttpServer().address() as { port: number }).port;
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.ownsDatabase) await dropTestDatabase(this.databaseName);
  }
}

/** The error codes of a result, for compact assertions. */
export function codes(result: GraphQLResult): string[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
