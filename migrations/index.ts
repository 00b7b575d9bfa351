import { Foundation1764316800000 } from './1764316800000-foundation.js';
import { StandardsAndAudit1764403200000 } from './1764403200000-standards-and-audit.js';
import { Orders1764489600000 } from './1764489600000-orders.js';
import { Forecasts1764576000000 } from './1764576000000-forecasts.js';
import { Replication1764662400000 } from './1764662400000-replication.js';
import { Integration1764748800000 } from './1764748800000-integration.js';
import { Performance1764835200000 } from './1764835200000-performance.js';
import { DistributionKeys1764921600000 } from './1764921600000-distribution-keys.js';
import { OrderStatusText1765008000000 } from './1765008000000-order-status-text.js';
import { ShipmentNumbers1765100000000 } from './1765100000000-shipment-numbers.js';
import { Retention1765100100000 } from './1765100100000-retention.js';
import { Search1765200000000 } from './1765200000000-search.js';

/** Every migration, in order. Imported (not globbed) so the built app, tsx and jest all see the same list. */
export const MIGRATIONS = [
  Foundation1764316800000,
  StandardsAndAudit1764403200000,
  Orders1764489600000,
  Forecasts1764576000000,
  Replication1764662400000,
  Integration1764748800000,
  Performance1764835200000,
  DistributionKeys1764921600000,
  OrderStatusText1765008000000,
  ShipmentNumbers1765100000000,
  Retention1765100100000,
  Search1765200000000,
];
