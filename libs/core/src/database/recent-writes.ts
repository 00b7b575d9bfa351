import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../context/request-context.js';
import { DATABASE_URL } from '../jobs/job-queue.js';

/** How long a caller's last write is remembered: a replica further behind than this is broken anyway. */
const REMEMBER_SECONDS = 300;

/**
 * Read-your-writes with replicas: the WAL position of each caller's last
 * committed write. A replica serves that caller's reads only once it has
 * replayed up to there. Kept in Redis when REDIS_URL is set (the write and
 * the next read may reach different API instances), in memory otherwise.
 */
@Injectable()
export class RecentWrites implements OnApplicationShutdown {
  private readonly logger = new Logger('RecentWrites');
  private readonly memory = new Map<string, { lsn: string; expiresAt: number }>();
  private readonly redis: Redis | null;

  constructor(config: AppConfig, @Inject(DATABASE_URL) databaseUrl: string) {
    const installation = new URL(databaseUrl).pathname.replace(/^\//, '') || 'default';
    this.redis =
      config.redisUrl && config.databaseReplicaUrls.length
        ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, keyPrefix: `anchorlink:${installation}:last-write:` })
        : null;
    this.redis?.on('error', (error) => this.logger.warn({ err: error }, 'redis error'));
  }

  /** Whose writes these are: the user, the API key, or the organization. */
  private key(ctx: RequestContext): string | null {
    const principal = ctx.principal;
    if (!principal) return null;
    if (principal.apiKeyId) return `key:${principal.apiKeyId}`;
    return principal.userId ? `user:${principal.userId}` : `org:${principal.organizationId}`;
  }

  async remember(ctx: RequestContext, lsn: string): Promise<void> {
    const key = this.key(ctx);
    if (!key) return;
    if (this.redis) {
      await this.redis.set(key, lsn, 'EX', REMEMBER_SECONDS);
      return;
    }
    this.memory.set(key, { lsn, expiresAt: Date.now() + REMEMBER_SECONDS * 1000 });
    if (this.memory.size > 100_000) for (const [k, v] of this.memory) if (v.expiresAt <= Date.now()) this.memory.delete(k);
  }

  /** The WAL position the caller's reads must see, or null. */
  async lastWrite(ctx: RequestContext): Promise<string | null> {
    const key = this.key(ctx);
    if (!key) return null;
    if (this.redis) return this.redis.get(key);
    const entry = this.memory.get(key);
    return entry && entry.expiresAt > Date.now() ? entry.lsn : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
