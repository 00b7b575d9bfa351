import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { DATABASE_URL } from '../jobs/job-queue.js';

/**
 * Counters that expire: failed sign-ins per account and per IP. In Redis when
 * REDIS_URL is set, so every API instance counts together; in memory otherwise
 * (one process is a complete installation).
 */
@Injectable()
export class CounterStore implements OnModuleDestroy {
  private readonly logger = new Logger('CounterStore');
  private readonly redis: Redis | null;
  private readonly memory = new Map<string, { count: number; expiresAt: number }>();

  constructor(config: AppConfig, @Inject(DATABASE_URL) databaseUrl: string) {
    // Keys are per installation (named after its database): installations sharing a Redis do not mix.
    const installation = new URL(databaseUrl).pathname.replace(/^\//, '') || 'default';
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, keyPrefix: `anchorlink:${installation}:` })
      : null;
    this.redis?.on('error', (error) => this.logger.warn({ err: error }, 'redis error'));
  }

  /** The current count (0 when absent or expired). */
  async get(key: string): Promise<number> {
    if (this.redis) return Number((await this.redis.get(key)) ?? 0);
    const entry = this.memory.get(key);
    if (!entry || entry.expiresAt <= Date.now()) return 0;
    return entry.count;
  }

  /** Adds one; the window starts with the first increment. Returns the new count. */
  async increment(key: string, windowSeconds: number): Promise<number> {
    if (this.redis) {
      const [[, count]] = (await this.redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec()) as [[Error | null, number]];
      return count;
    }
    const now = Date.now();
    const entry = this.memory.get(key);
    if (!entry || entry.expiresAt <= now) {
      this.memory.set(key, { count: 1, expiresAt: now + windowSeconds * 1000 });
      if (this.memory.size > 100_000) this.sweep(now);
      return 1;
    }
    entry.count += 1;
    return entry.count;
  }

  async reset(key: string): Promise<void> {
    if (this.redis) await this.redis.del(key);
    else this.memory.delete(key);
  }

  /** Seconds until the counter expires. */
  async ttl(key: string): Promise<number> {
    if (this.redis) return Math.max(0, await this.redis.ttl(key));
    const entry = this.memory.get(key);
    return entry ? Math.max(0, Math.ceil((entry.expiresAt - Date.now()) / 1000)) : 0;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.memory) if (entry.expiresAt <= now) this.memory.delete(key);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
