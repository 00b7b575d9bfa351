import { Injectable } from '@nestjs/common';
import { BadUserInputError, decodeCursor, isUuid, optionalText, type Page, pageSize, type RequestContext, toPage } from '@anchorlink/core';
import type { AuditFilter } from './dto/audit-log.types.js';
import { AuditLogRepository } from './audit-log.repository.js';
import type { AuditEvent } from './entities/audit-event.entity.js';

/** Reads an organization's own audit log (审计记录), newest first. */
@Injectable()
export class AuditLogService {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async list(
    ctx: RequestContext,
    filter: AuditFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<AuditEvent>> {
    const size = pageSize(ctx, first);
    const cursor = decodeCursor(ctx, after, ['timestamp', 'uuid']);
    const from = filter?.from ?? null;
    const to = filter?.to ?? null;
    if (from && to && from.getTime() > to.getTime()) throw new BadUserInputError(ctx.t('audit.rangeInvalid'), { field: 'filter.from' });
    const { rows, totalCount } = await this.auditLog.list(ctx, {
      organizationId: ctx.organizationId,
      entityType: optionalText(ctx, filter?.entityType, 'filter.entityType', 64),
      entityId: this.optionalId(ctx, filter?.entityId, 'filter.entityId'),
      actorId: this.optionalId(ctx, filter?.actorId, 'filter.actorId'),
      from,
      to,
      after: cursor,
      limit: size,
    });
    return toPage(rows, size, totalCount, (row) => [row.atKey, row.id]);
  }

  /** A filter on a malformed id is a mistake worth saying, unlike a lookup by id (which is just "not found"). */
  private optionalId(ctx: RequestContext, value: string | null | undefined, field: string): string | null {
    if (value === null || value === undefined) return null;
    if (!isUuid(value)) throw new BadUserInputError(ctx.t('error.idInvalid', { field }), { field });
    return value.toLowerCase();
  }
}
