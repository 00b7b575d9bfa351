import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The same checks as test/multi-instance.e2e-spec.ts with two real API
 * processes on their own ports (the built app): `npm run check:instances`
 * builds, starts both against one database and Redis, and reports.
 */
describe('two API processes', () => {
  it('share subscription events, sign-in throttling and idempotent retries through PostgreSQL and Redis', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'check:instances'], { timeout: 240_000, maxBuffer: 10 * 1024 * 1024 });
    const lines = stdout.split('\n').filter((l) => l.startsWith('two-instances:'));
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.startsWith('two-instances: ok'))).toBe(true);
  }, 300_000);
});
