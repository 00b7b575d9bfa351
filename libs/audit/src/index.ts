import { AuditEvent } from './entities/audit-event.entity.js';

export { AuditEvent } from './entities/audit-event.entity.js';
export * from './dto/audit-log.types.js';
export * from './audit-log.service.js';
export * from './audit.module.js';

export const AUDIT_ENTITIES = [AuditEvent];
