import { IDENTITY_ENTITIES } from '@anchorlink/identity';
import { PARTS_ENTITIES } from '@anchorlink/parts';
import { AUDIT_ENTITIES } from '@anchorlink/audit';
import { STANDARDS_ENTITIES } from '@anchorlink/standards';
import { ORDERS_ENTITIES } from '@anchorlink/orders';
import { FORECASTS_ENTITIES } from '@anchorlink/forecasts';
import { REPLICATION_ENTITIES } from '@anchorlink/replication';
import { DocumentSequence, IdempotencyKey } from '@anchorlink/core';
import { INTEGRATION_ENTITIES } from '@anchorlink/integration';

/** Every TypeORM entity of the application, for the DataSource and the drift test. */
export const ALL_ENTITIES = [...IDENTITY_ENTITIES, ...PARTS_ENTITIES, ...AUDIT_ENTITIES, ...STANDARDS_ENTITIES, IdempotencyKey, DocumentSequence, ...ORDERS_ENTITIES, ...FORECASTS_ENTITIES, ...REPLICATION_ENTITIES, ...INTEGRATION_ENTITIES];
