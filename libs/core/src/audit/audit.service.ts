import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../context/request-context.js';
import { DatabaseGate } from '../database/database-gate.js';
import { auditInsert, auditRow } from '../events/change-records.js';

export interface AuditEntry {
  /** What happened, as `<entity>.<verb>`: `part.created`, `order.published`. */
  action: string;
  entityType: string;
  entityId: string;
  /** Before/after of the changed fields, or what was created. */
  details?: Record<string, unknown>;
  /** Sign-in flows record for the account they act on, before (or without) a signed-in caller. */
  organizationId?: string;
  actorUserId?: string | null;
}

/**
 * Writes audit rows (审计记录) in the caller's transaction: they commit or roll
 * back with the change itself. Every mutation that changes data records here.
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: DatabaseGate) {}

  async record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    const sql = await this.db.sql(ctx);
    // clock_timestamp(): rows written by one transaction keep their order.
    await sql.query(auditInsert('$1'), [JSON.stringify([auditRow(ctx, entry)])]);
  }
}

/** The fields whose values differ, as { field: { before, after } }. */
export function changedFields<T extends object>(before: T, after: Partial<T>): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    const previous = (before as Record<string, unknown>)[key];
    if (JSON.stringify(previous) !== JSON.stringify(value)) changes[key] = { before: previous ?? null, after: value ?? null };
  }
  return changes;
}
