import { AuditEvent } from './entities/audit-event.entity.js';

export { AuditEvent } from './entities/audit-event.entity.js';
export * from './audit.service.js';
export * from './audit.module.js';

export const AUDIT_ENTITIES = [AuditEvent];
