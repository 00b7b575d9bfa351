import { Module } from '@nestjs/common';
import { EmailPlanner } from '../email/email-planner.js';
import { EmailSender } from '../email/email-sender.js';
import { IntegrationWorker } from './integration-worker.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { RetentionPruner } from './retention-pruner.js';
import { WebhookDeliverer } from './webhook-deliverer.js';

/** The outbox worker's job handlers. Needs CoreModule (database, job queue, event bus). */
@Module({
  providers: [OutboxDispatcher, WebhookDeliverer, EmailPlanner, EmailSender, RetentionPruner, IntegrationWorker],
  exports: [IntegrationWorker, RetentionPruner],
})
export class IntegrationWorkerModule {}
