import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';

describe('configuration', () => {
  it('has working defaults: embedded database with demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, seedDemo: true, migrateOnStart: true, dataDir: './.anchorlink' });
  });

  it('leaves the embedded PostgreSQL port to be chosen unless EMBEDDED_PG_PORT is set', () => {
    expect(loadConfig({}).embeddedPgPort).toBeUndefined();
    expect(loadConfig({ EMBEDDED_PG_PORT: '' }).embeddedPgPort).toBeUndefined();
    expect(loadConfig({ EMBEDDED_PG_PORT: '55432' }).embeddedPgPort).toBe(55432);
    expect(() => loadConfig({ EMBEDDED_PG_PORT: '70000' })).toThrow(/EMBEDDED_PG_PORT/);
  });

  it('keeps deliveries 90 days, expired tokens and used invitations 30 days, idempotency keys 24 hours, unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({
      retentionDays: 90,
      retentionExpiredDays: 30,
      idempotencyKeyHours: 24,
      retentionBatchSize: 1000,
    });
    expect(loadConfig({ RETENTION_DAYS: '365', IDEMPOTENCY_KEY_HOURS: '48' })).toMatchObject({
      retentionDays: 365,
      idempotencyKeyHours: 48,
    });
    for (const [name, value] of [
      ['RETENTION_DAYS', '0'],
      ['RETENTION_EXPIRED_DAYS', 'forever'],
      ['IDEMPOTENCY_KEY_HOURS', '0'],
      ['RETENTION_BATCH_SIZE', '1000000'],
    ]) {
      expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
    }
  });

  it('does not load demo data into a configured database unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('names every wrong variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', LOG_LEVEL: 'loud', MIGRATE_ON_START: 'maybe' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*MIGRATE_ON_START[\s\S]*LOG_LEVEL|PORT[\s\S]*DATABASE_URL/,
    );
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x' });
    } catch (error) {
      expect(String(error)).toContain('PORT');
      expect(String(error)).toContain('REDIS_URL');
    }
  });

  it('refuses to start in production without a strong JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).not.toThrow();
  });
});
