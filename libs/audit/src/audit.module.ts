import { Module } from '@nestjs/common';
import { IdentityModule } from '@anchorlink/identity';
import { AuditLogRepository } from './audit-log.repository.js';
import { AuditLogResolver } from './audit-log.resolver.js';
import { AuditLogService } from './audit-log.service.js';

/** The audit log query. (Recording is AuditService in core: every domain module writes to it.) */
@Module({
  imports: [IdentityModule],
  providers: [AuditLogRepository, AuditLogService, AuditLogResolver],
})
export class AuditModule {}
