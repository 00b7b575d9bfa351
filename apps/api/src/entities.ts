import { IDENTITY_ENTITIES, ORGANIZATION_SQL_TYPES } from '@anchorlink/identity';
import { PART_SQL_TYPES, PARTS_ENTITIES } from '@anchorlink/parts';
import { AUDIT_ENTITIES } from '@anchorlink/audit';
import { STANDARDS_ENTITIES } from '@anchorlink/standards';
import { ORDER_SQL_TYPES, ORDERS_ENTITIES } from '@anchorlink/orders';
import { FORECAST_SQL_TYPES, FORECASTS_ENTITIES } from '@anchorlink/forecasts';
import { REPLICATION_ENTITIES } from '@anchorlink/replication';
import { DocumentSequence, IdempotencyKey } from '@anchorlink/core';
import { INTEGRATION_ENTITIES } from '@anchorlink/integration';

/** Every TypeORM entity of the application, for the DataSource and the drift test. */
export const ALL_ENTITIES = [
  ...IDENTITY_ENTITIES,
  ...PARTS_ENTITIES,
  ...AUDIT_ENTITIES,
  ...STANDARDS_ENTITIES,
  IdempotencyKey,
  DocumentSequence,
  ...ORDERS_ENTITIES,
  ...FORECASTS_ENTITIES,
  ...REPLICATION_ENTITIES,
  ...INTEGRATION_ENTITIES,
];

/** Every GraphQL type read in one statement by SqlPlanner (hot reads). */
export const ALL_SQL_TYPES = [...ORGANIZATION_SQL_TYPES, ...PART_SQL_TYPES, ...ORDER_SQL_TYPES, ...FORECAST_SQL_TYPES];
