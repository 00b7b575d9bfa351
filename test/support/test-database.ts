import 'reflect-metadata';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@anchorlink/core';
import { createApiApp } from '../../apps/api/src/bootstrap.js';

/** The settings every test app runs with (the e2e tests' own environment, not the caller's). */
export function testConfig(overrides: Partial<ReturnType<typeof loadConfig>> = {}) {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    jwtSecret: 'e2e-tests-jwt-secret-0123456789abcdef',
    migrateOnStart: false,
    seedDemo: false,
    seedDemoActivity: false,
    ...overrides,
  };
}

function serverUrl(): string {
  const url = process.env.ANCHORLINK_TEST_SERVER_URL;
  if (!url) throw new Error('ANCHORLINK_TEST_SERVER_URL is not set: run the e2e tests through jest (global setup)');
  return url;
}

export function databaseUrl(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Builds the template once per test run (the first test file to get here
 * migrates it and loads the demo data, through the application's own code);
 * an advisory lock keeps the other files waiting meanwhile.
 */
async function ensureTemplate(client: pg.Client, template: string): Promise<void> {
  const { rows } = await client.query(`SELECT datistemplate FROM pg_database WHERE datname = $1`, [template]);
  if (rows[0]?.datistemplate) return;
  if (!rows.length) await client.query(`CREATE DATABASE "${template}"`);
  const app = await createApiApp(testConfig({ migrateOnStart: true, seedDemo: true }), databaseUrl(template), { logger: false });
  await app.close();
  await client.query(`ALTER DATABASE "${template}" WITH IS_TEMPLATE true`);
}

/** A fresh database for one test file: a clone of the migrated, seeded template. */
export async function createTestDatabase(): Promise<{ url: string; name: string }> {
  const template = process.env.ANCHORLINK_TEST_TEMPLATE!;
  const name = `${template.replace('_tmpl_', '_t_')}_${randomBytes(4).toString('hex')}`;
  await withServer(async (client) => {
    await client.query(`SELECT pg_advisory_lock(hashtext('anchorlink:test-template'))`);
    try {
      await ensureTemplate(client, template);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('anchorlink:test-template'))`);
    }
  });
  return { url: databaseUrl(name), name };
}

export async function dropTestDatabase(name: string): Promise<void> {
  if (process.env.KEEP_TEST_DATABASES) return;
  await withServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
