import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { parse } from 'yaml';

/**
 * This machine has no Docker engine: the container files are checked
 * statically here (what they build, run, expose and health-check), not run.
 */
describe('docker files (static checks)', () => {
  const dockerfile = fs.readFileSync('docker/Dockerfile', 'utf8');
  const compose = parse(fs.readFileSync('docker/compose.yml', 'utf8'), { merge: true }) as {
    services: Record<string, any>;
    volumes?: object;
  };
  const caddyfile = fs.readFileSync('docker/Caddyfile', 'utf8');
  const services = compose.services;

  it('builds in stages and runs the built app as a non-root user with production dependencies only', () => {
    const stages = dockerfile.split('\n').filter((l) => /^FROM /.test(l));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((l) => l.includes('node:20'))).toBe(true);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const build = dockerfile.slice(0, dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist/);
    // The web portal is built with the API and served by it.
    expect(build).toMatch(/npm run build:portal/);
    expect(runtime).toMatch(/COPY --from=build \/app\/apps\/portal\/dist \.\/apps\/portal\/dist/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(runtime).toMatch(/CMD \[.*dist\/apps\/api\/src\/main\.js/);
    expect(runtime).toMatch(/ENV NODE_ENV=production/);
    expect(fs.readFileSync('.dockerignore', 'utf8')).toMatch(/^node_modules$/m);
  });

  it('composes PostgreSQL, Redis, two API instances, the worker and a reverse proxy, each health-checked', () => {
    expect(Object.keys(services).sort()).toEqual(['api1', 'api2', 'postgres', 'proxy', 'redis', 'worker']);
    expect(services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(services.redis.healthcheck.test).toContain('ping');
    expect(services.worker.healthcheck).toBeDefined();
    for (const name of ['api1', 'api2', 'worker']) {
      const env = services[name].environment;
      expect({ name, env: Object.keys(env).sort() }).toEqual({
        name,
        env: expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'NODE_ENV']),
      });
      expect(env.NODE_ENV).toBe('production');
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      // Secrets only from the environment: compose refuses to start without them.
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    }
    // The API instances leave the outbox to the worker; only one instance migrates.
    expect([services.api1.environment.RUN_WORKER, services.api2.environment.RUN_WORKER]).toEqual(['false', 'false']);
    expect(services.worker.command.join(' ')).toContain('dist/apps/worker/src/main.js');
    expect([services.api1.environment.MIGRATE_ON_START, services.api2.environment.MIGRATE_ON_START]).toEqual(['true', 'false']);
    expect(services.api1.depends_on.postgres.condition).toBe('service_healthy');
    expect(services.api2.depends_on.api1.condition).toBe('service_healthy');
  });

  it('publishes only the proxy, which balances both instances with health checks (WebSockets pass through)', () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([n]) => n);
    expect(published).toEqual(['proxy']);
    expect(services.proxy.ports).toEqual(['8080:80']);
    expect(services.proxy.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddyfile).toMatch(/reverse_proxy api1:3000 api2:3000/);
    expect(caddyfile).toMatch(/health_uri \/health/);
    expect(services.api1.environment.TRUST_PROXY).toBe('1');
  });
});
