import { Injectable } from '@nestjs/common';
import { DatabaseGate, type RequestContext } from '@anchorlink/core';

export interface AuditEntry {
  /** What happened, as `<entity>.<verb>`: `part.created`, `order.published`. */
  action: string;
  entityType: string;
  entityId: string;
  /** Before/after of the changed fields, or what was created. */
  details?: Record<string, unknown>;
}

/** Writes audit rows in the caller's transaction: they commit or roll back with the change itself. */
@Injectable()
export class AuditService {
  constructor(private readonly db: DatabaseGate) {}

  async record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    const em = await this.db.manager(ctx);
    await em.query(
      // clock_timestamp(): rows written by one transaction keep their order.
      `INSERT INTO audit_events (org_id, actor_user_id, action, entity_type, entity_id, details, request_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())`,
      [
        ctx.organizationId,
        ctx.userId,
        entry.action,
        entry.entityType,
        entry.entityId,
        JSON.stringify(entry.details ?? {}),
        ctx.requestId.slice(0, 64),
      ],
    );
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
