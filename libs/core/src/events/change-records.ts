import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../context/request-context.js';
import type { AuditEntry } from '../audit/audit.service.js';
import type { DomainEvent } from './domain-events.js';

/**
 * The audit rows and outbox events of one change, as SQL that a repository
 * puts into the change's own statement (data-modifying CTEs), so a mutation
 * writes its rows, their audit trail and their events in one round trip.
 * AuditService.record and DomainEvents.emit write the same rows one at a time.
 */

/** An outbox event with its id, known before it is written (its dispatch job names it). */
export interface PreparedEvent extends DomainEvent {
  id: string;
}

export function prepareEvent(event: DomainEvent): PreparedEvent {
  return { ...event, id: randomUUID() };
}

/** The audit row of `entry`, in the shape `auditInsert` reads. */
export function auditRow(ctx: RequestContext, entry: AuditEntry): Record<string, unknown> {
  return {
    org_id: entry.organizationId ?? ctx.organizationId,
    actor_user_id: entry.actorUserId !== undefined ? entry.actorUserId : ctx.userId,
    api_key_id: ctx.principal?.apiKeyId ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    details: entry.details ?? {},
    request_id: ctx.requestId.slice(0, 64),
  };
}

/** INSERT of the audit rows in `param` (a jsonb array of auditRow), in order, stamped with clock_timestamp(). */
export function auditInsert(param: string): string {
  return `INSERT INTO audit_events (org_id, actor_user_id, api_key_id, action, entity_type, entity_id, details, request_id, at)
          SELECT r.org_id, r.actor_user_id, r.api_key_id, r.action, r.entity_type, r.entity_id, r.details, r.request_id, clock_timestamp()
            FROM jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS e(j, ord),
                 jsonb_to_record(e.j) AS r(org_id uuid, actor_user_id uuid, api_key_id uuid, action varchar, entity_type varchar, entity_id uuid, details jsonb, request_id varchar)
           ORDER BY e.ord`;
}

/** The outbox row of `event`, in the shape `outboxInsert` reads. */
export function outboxRow(ctx: RequestContext, event: PreparedEvent): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    organization_ids: event.organizationIds,
    entity_type: event.entityType,
    entity_id: event.entityId,
    ordering_key: event.orderingKey ?? event.entityId,
    actor_user_id: ctx.userId,
    data: event.data,
  };
}

/**
 * INSERT of the outbox rows in `param` (a jsonb array of outboxRow), in order (their seq is their order).
 * `patch(r)`: a jsonb expression merged into each row's data (values only the statement knows).
 */
export function outboxInsert(param: string, patch?: (row: string) => string): string {
  return `INSERT INTO outbox_events (id, type, organization_ids, entity_type, entity_id, ordering_key, actor_user_id, data)
          SELECT r.id, r.type, r.organization_ids, r.entity_type, r.entity_id, r.ordering_key, r.actor_user_id, ${patch ? `r.data || ${patch('r')}` : 'r.data'}
            FROM jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS e(j, ord),
                 jsonb_to_record(e.j) AS r(id uuid, type varchar, organization_ids uuid[], entity_type varchar, entity_id uuid, ordering_key varchar, actor_user_id uuid, data jsonb)
           ORDER BY e.ord`;
}
