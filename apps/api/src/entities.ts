import { IDENTITY_ENTITIES } from '@anchorlink/identity';
import { PARTS_ENTITIES } from '@anchorlink/parts';

/** Every TypeORM entity of the application, for the DataSource and the drift test. */
export const ALL_ENTITIES = [...IDENTITY_ENTITIES, ...PARTS_ENTITIES];
