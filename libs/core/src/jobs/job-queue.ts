import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

/** The connection string of the database (the embedded one has no DATABASE_URL). */
export const DATABASE_URL = Symbol('DATABASE_URL');

/** pg-boss queues, created by the Integration migration. */
export const JOB_QUEUES = {
  /** One job per outbox event: fan it out to subscriptions, webhooks and e-mails. */
  dispatch: 'outbox-dispatch',
  /** Drains one webhook subscription's pending deliveries (singleton key: the subscription). */
  webhook: 'webhook-deliver',
  /** Sends one e-mail notification. */
  email: 'email-send',
  /** Prunes what is kept for a while only (deliveries, dispatched events, expired tokens); scheduled hourly. */
  retention: 'retention-prune',
} as const;
export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];

export interface JobOptions {
  singletonKey?: string;
  startAfter?: Date;
}

/**
 * The PostgreSQL job queue (pg-boss). Jobs are enqueued inside the caller's
 * transaction, so a job exists exactly when the change that caused it
 * committed. The worker side (`work`) starts pg-boss's own pool only in a
 * process that runs the worker; the API alone never opens it.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly boss: PgBoss;
  private started: Promise<void> | null = null;
  private readonly localWorkers = new Map<string, string[]>();

  constructor(
    @Inject(DATABASE_URL) databaseUrl: string,
    private readonly config: AppConfig,
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      application_name: 'anchorlink-worker',
      // Seven workers (the integration worker's 2 + 2 + 1 + 1 for retention, and pg-boss's own cron sender)
      // fetch at once, plus maintenance and the cron monitor. With too few, a fetch waited for a connection,
      // and one still waiting when stop() closed the pool never ended: pg-boss then polled for that worker
      // forever (at a Jest teardown it killed the test process).
      max: 10,
      // The schema is created by our migrations; later pg-boss versions upgrade it here.
      migrate: true,
      // Cron schedules (retention) are kept in the database: whichever worker runs, each fires once.
      schedule: true,
      // Hourly schedules need no quick pickup: the cron sender polls every 30 s instead of 5.
      cronWorkerIntervalSeconds: 30,
      supervise: true,
      // Expired jobs (a worker killed mid-job) are failed and retried by this maintenance.
      maintenanceIntervalSeconds: 30,
      // Completed jobs are history only; the outbox and delivery tables keep what matters.
      deleteAfterDays: 7,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /**
   * Enqueues a job in the transaction of `em`: it exists exactly when that
   * transaction commits. Returns its id, or null when the queue's policy
   * already holds an equivalent job (same singleton key).
   */
  async send(em: EntityManager, queue: JobQueueName, data: object, options: JobOptions = {}): Promise<string | null> {
    return this.boss.send(queue, data, {
      ...options,
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await em.query(text, values) }) },
    });
  }

  /** Handles jobs of `queue` in this process, `concurrency` at a time. */
  async work<T extends object>(
    queue: JobQueueName,
    concurrency: number,
    handler: (data: T, job: { id: string; retryCount: number }) => Promise<void>,
  ): Promise<void> {
    await this.start();
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i += 1) {
      let id = '';
      id = await this.boss.work<T>(
        queue,
        { batchSize: 1, pollingIntervalSeconds: this.config.workerPollIntervalMs / 1000, includeMetadata: true },
        async ([job]) => {
          if (!job) return;
          // pg-boss waits a polling interval after every fetch; while there is work, fetch again at once.
          this.boss.notifyWorker(id);
          await handler(job.data, { id: job.id, retryCount: job.retryCount });
        },
      );
      ids.push(id);
    }
    this.localWorkers.set(queue, [...(this.localWorkers.get(queue) ?? []), ...ids]);
  }

  /** Runs `queue` on a cron schedule (UTC), kept in the database: registering it again replaces it. */
  async schedule(queue: JobQueueName, cron: string): Promise<void> {
    await this.start();
    await this.boss.schedule(queue, cron);
  }

  /** Wakes this process's workers of `queue` now instead of at their next poll (after a commit that enqueued). */
  wake(queue: JobQueueName): void {
    for (const id of this.localWorkers.get(queue) ?? []) this.boss.notifyWorker(id);
  }

  /** Whether this process works on `queue`. */
  isWorking(queue: JobQueueName): boolean {
    return (this.localWorkers.get(queue)?.length ?? 0) > 0;
  }

  private start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    // Graceful: jobs in progress finish (or fail back to the queue) before the pool closes.
    await this.boss
      .stop({ graceful: true, wait: true, timeout: 15000 })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'job queue stop'));
    this.localWorkers.clear();
  }
}
