import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AppConfig } from '@anchorlink/core';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A run stops after this; what is left waits for the next (hourly) run. */
const RUN_BUDGET_MS = 5 * 60_000;
/** Room for requests between two batches. */
const PAUSE_MS = 20;
/** PostgreSQL's lock_not_available (lock_timeout reached). */
const LOCK_NOT_AVAILABLE = '55P03';

interface Step {
  table: string;
  /** Which rows may go; `$1` is the cut-off time. */
  where: string;
  before: (now: number, config: AppConfig) => Date;
}

/**
 * What is kept for a while only, in the order it is pruned: deliveries before
 * the outbox events they refer to (an event is kept while any delivery of it
 * is, and one not yet dispatched is never pruned). The audit log is the
 * record and is never pruned.
 */
const STEPS: Step[] = [
  {
    table: 'webhook_deliveries',
    where: `status <> 'PENDING' AND created_at < $1`,
    before: (now, c) => new Date(now - c.retentionDays * DAY),
  },
  {
    table: 'email_deliveries',
    where: `status <> 'PENDING' AND created_at < $1`,
    before: (now, c) => new Date(now - c.retentionDays * DAY),
  },
  {
    table: 'outbox_events',
    where: `dispatched_at < $1
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = outbox_events.id)
      AND NOT EXISTS (SELECT 1 FROM email_deliveries e WHERE e.event_id = outbox_events.id)`,
    before: (now, c) => new Date(now - c.retentionDays * DAY),
  },
  {
    table: 'idempotency_keys',
    where: `created_at < $1`,
    before: (now, c) => new Date(now - c.idempotencyKeyHours * HOUR),
  },
  {
    table: 'refresh_tokens',
    where: `expires_at < $1`,
    before: (now, c) => new Date(now - c.retentionExpiredDays * DAY),
  },
  {
    // Pending ones from their expiry, accepted or revoked ones from their last change.
    table: 'invitations',
    where: `(status = 'PENDING' AND expires_at < $1) OR (status <> 'PENDING' AND updated_at < $1)`,
    before: (now, c) => new Date(now - c.retentionExpiredDays * DAY),
  },
];

/**
 * The worker's scheduled `retention-prune` job. Deletes in small batches
 * (RETENTION_BATCH_SIZE rows per statement, each its own short transaction,
 * with a pause between), so requests are never kept waiting behind it: the
 * rows it deletes are old ones no request touches, and it gives up a batch
 * rather than wait long for a row lock. Runs as `anchorlink_retention`
 * (migrations/1765100100000-retention.ts), whose policies refuse to delete
 * anything still in use whatever the configuration says.
 */
@Injectable()
export class RetentionPruner {
  private readonly logger = new Logger('RetentionPruner');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** One run over every table; the rows deleted per table. */
  async prune(now = Date.now()): Promise<Record<string, number>> {
    const deadline = Date.now() + RUN_BUDGET_MS;
    const deleted: Record<string, number> = {};
    for (const step of STEPS) {
      deleted[step.table] = await this.pruneTable(step, step.before(now, this.config), deadline);
    }
    const total = Object.values(deleted).reduce((a, b) => a + b, 0);
    if (total) this.logger.log({ deleted }, `retention: ${total} rows pruned`);
    return deleted;
  }

  private async pruneTable({ table, where }: Step, before: Date, deadline: number): Promise<number> {
    const batch = this.config.retentionBatchSize;
    let total = 0;
    for (;;) {
      const count = await this.deleteBatch(table, where, before, batch).catch(
        (error: { code?: string; driverError?: { code?: string } }) => {
          // A row locked by someone else: leave this table to the next run rather than wait.
          if ((error.driverError?.code ?? error.code) !== LOCK_NOT_AVAILABLE) throw error;
          this.logger.warn(`retention: ${table} skipped this run (a row it would prune is locked)`);
          return -1;
        },
      );
      if (count < 0) return total;
      total += count;
      if (count < batch || Date.now() > deadline) return total;
      await sleep(PAUSE_MS);
    }
  }

  private deleteBatch(table: string, where: string, before: Date, batch: number): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SET LOCAL ROLE anchorlink_retention`);
      // Never queue behind a request's lock for long: this batch fails and the next run tries again.
      await em.query(`SET LOCAL lock_timeout = '1s'`);
      await em.query(`SET LOCAL statement_timeout = '30s'`);
      // TypeORM answers a DELETE with [rows, affected].
      const [, affected] = await em.query<[unknown, number]>(
        `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE ${where} LIMIT ${batch}))`,
        [before],
      );
      return affected;
    });
  }
}
