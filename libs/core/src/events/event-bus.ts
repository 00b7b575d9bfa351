import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { EventEmitter } from 'node:events';
import { AppConfig } from '../config/app-config.js';
import { DATABASE_URL } from '../jobs/job-queue.js';

/** A committed business event as it travels to API instances (for GraphQL subscriptions). */
export interface PublishedEvent {
  id: string;
  type: string;
  /** The organizations that may see it; null: every organization. */
  organizationIds: string[] | null;
  entityType: string;
  entityId: string;
  actorUserId: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * Carries committed events from the worker to every API instance. Through
 * Redis pub/sub when REDIS_URL is set, so several API instances (and a
 * separate worker) share events; in-process otherwise. The channel is named
 * after the database, so installations sharing a Redis do not mix.
 */
@Injectable()
export class EventBus implements OnApplicationShutdown {
  private readonly logger = new Logger('EventBus');
  private readonly local = new EventEmitter();
  private readonly channel: string;
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private subscribed: Promise<unknown> | null = null;

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) databaseUrl: string,
  ) {
    this.local.setMaxListeners(0);
    this.channel = `anchorlink:events:${new URL(databaseUrl).pathname.replace(/^\//, '') || 'default'}`;
  }

  get usesRedis(): boolean {
    return Boolean(this.config.redisUrl);
  }

  async publish(event: PublishedEvent): Promise<void> {
    if (!this.config.redisUrl) {
      this.local.emit('event', event);
      return;
    }
    this.publisher ??= this.connect('publisher');
    await this.publisher.publish(this.channel, JSON.stringify(event));
  }

  /** Calls `listener` for every event published by any instance; returns the unsubscribe function. */
  subscribe(listener: (event: PublishedEvent) => void): () => void {
    if (this.config.redisUrl && !this.subscriber) {
      const subscriber = this.connect('subscriber');
      this.subscriber = subscriber;
      this.subscribed = subscriber.subscribe(this.channel);
      subscriber.on('message', (channel: string, message: string) => {
        if (channel !== this.channel) return;
        try {
          this.local.emit('event', JSON.parse(message) as PublishedEvent);
        } catch (error) {
          this.logger.warn({ err: error }, 'unreadable event on the bus');
        }
      });
    }
    this.local.on('event', listener);
    return () => this.local.off('event', listener);
  }

  /** Resolves once this instance receives events (the Redis subscription is confirmed). */
  async ready(): Promise<void> {
    await this.subscribed;
  }

  private connect(role: string): Redis {
    const redis = new Redis(this.config.redisUrl!, { maxRetriesPerRequest: 3, connectionName: `anchorlink-events-${role}` });
    redis.on('error', (error) => this.logger.warn({ err: error }, `redis ${role} error`));
    return redis;
  }

  async onApplicationShutdown(): Promise<void> {
    this.local.removeAllListeners();
    await Promise.all([this.publisher, this.subscriber].flatMap((redis) => (redis ? [redis.quit().catch(() => undefined)] : [])));
    this.publisher = this.subscriber = null;
  }
}
