import { Injectable } from '@nestjs/common';
import { DatabaseGate, type RequestContext } from '@anchorlink/core';
import { AuditEvent } from './entities/audit-event.entity.js';

export interface AuditLogQuery {
  organizationId: string;
  entityType: string | null;
  entityId: string | null;
  actorId: string | null;
  from: Date | null;
  to: Date | null;
  /** Keyset: the (at, id) of the last row of the previous page; `at` as UTC text with microseconds. */
  after: [string, string] | null;
  limit: number;
}

export interface AuditLogRow extends AuditEvent {
  /** `at` with its full (microsecond) precision, for the cursor. */
  atKey: string;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly db: DatabaseGate) {}

  /** Newest first; up to `limit + 1` rows so the caller knows whether there is a next page. */
  async list(ctx: RequestContext, query: AuditLogQuery): Promise<{ rows: AuditLogRow[]; totalCount: number }> {
    const em = await this.db.manager(ctx);
    const conditions = ['org_id = $1'];
    const params: unknown[] = [query.organizationId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (query.entityType !== null) add('entity_type = ?', query.entityType);
    if (query.entityId !== null) add('entity_id = ?', query.entityId);
    if (query.actorId !== null) add('actor_user_id = ?', query.actorId);
    if (query.from !== null) add('at >= ?', query.from);
    if (query.to !== null) add('at < ?', query.to);
    const where = conditions.join(' AND ');
    const [{ count }] = await em.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM audit_events WHERE ${where}`, params);
    const pageParams = [...params];
    let keyset = '';
    if (query.after) {
      pageParams.push(query.after[0], query.after[1]);
      keyset = ` AND (at, id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`;
    }
    pageParams.push(query.limit + 1);
    const rows = await em.query<
      {
        id: string;
        at: Date;
        org_id: string;
        actor_user_id: string | null;
        api_key_id: string | null;
        action: string;
        entity_type: string;
        entity_id: string;
        details: Record<string, unknown>;
        request_id: string | null;
        at_key: string;
      }[]
    >(
      `SELECT id, at, org_id, actor_user_id, api_key_id, action, entity_type, entity_id, details, request_id,
              to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key
         FROM audit_events
        WHERE ${where}${keyset}
        ORDER BY at DESC, id DESC
        LIMIT $${pageParams.length}`,
      pageParams,
    );
    return {
      totalCount: count,
      rows: rows.map((r) =>
        Object.assign(new AuditEvent(), {
          id: r.id,
          at: r.at,
          organizationId: r.org_id,
          actorUserId: r.actor_user_id,
          apiKeyId: r.api_key_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          details: r.details,
          requestId: r.request_id,
          atKey: r.at_key,
        }),
      ),
    };
  }
}
