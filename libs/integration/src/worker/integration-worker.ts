import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JOB_QUEUES, JobQueue } from '@anchorlink/core';
import { EmailSender, type EmailJob } from '../email/email-sender.js';
import { type DispatchJob, OutboxDispatcher } from './outbox-dispatcher.js';
import { RetentionPruner } from './retention-pruner.js';
import { type DrainJob, WebhookDeliverer } from './webhook-deliverer.js';

/** When retention runs (UTC): hourly, so each run has an hour's worth to prune. */
export const RETENTION_SCHEDULE = '17 * * * *';

/**
 * The worker: takes jobs from the PostgreSQL queue (pg-boss). Runs inside the
 * API process unless RUN_WORKER=false, and alone in apps/worker.
 */
@Injectable()
export class IntegrationWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('IntegrationWorker');

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly dispatcher: OutboxDispatcher,
    private readonly webhooks: WebhookDeliverer,
    private readonly emails: EmailSender,
    private readonly retention: RetentionPruner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runWorker) return;
    await this.start();
  }

  async start(): Promise<void> {
    await this.jobs.work<DispatchJob>(JOB_QUEUES.dispatch, 2, (job) => this.dispatcher.dispatch(job));
    await this.jobs.work<DrainJob>(JOB_QUEUES.webhook, 2, (job) => this.webhooks.drain(job));
    await this.jobs.work<EmailJob>(JOB_QUEUES.email, 1, (job, meta) => this.emails.send(job, meta.retryCount));
    await this.jobs.work(JOB_QUEUES.retention, 1, async () => void (await this.retention.prune()));
    await this.jobs.schedule(JOB_QUEUES.retention, RETENTION_SCHEDULE);
    this.logger.log('worker started: outbox dispatch, webhooks, e-mail, retention');
    // Events committed while no worker ran are waiting in the queue already.
    this.jobs.wake(JOB_QUEUES.dispatch);
  }
}
