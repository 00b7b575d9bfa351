import { OrderEvent } from './entities/order-event.entity.js';
import { PurchaseOrderLine } from './entities/purchase-order-line.entity.js';
import { PurchaseOrder } from './entities/purchase-order.entity.js';
import { GoodsReceipt, GoodsReceiptLine, ShipmentLine, ShipmentNotice } from './entities/shipment-notice.entity.js';

export { OrderEvent, OrderEventType } from './entities/order-event.entity.js';
export { ChangeReason, PurchaseOrderLine } from './entities/purchase-order-line.entity.js';
export { PurchaseOrder } from './entities/purchase-order.entity.js';
export { GoodsReceipt, GoodsReceiptLine, ShipmentLine, ShipmentNotice } from './entities/shipment-notice.entity.js';
export * from './order-state.js';

export const ORDERS_ENTITIES = [PurchaseOrder, PurchaseOrderLine, OrderEvent, ShipmentNotice, ShipmentLine, GoodsReceipt, GoodsReceiptLine];
export * from './orders.module.js';
export * from './orders.service.js';
export * from './order-events.publisher.js';
export { LineDecision, type LineResponseInput, type PurchaseOrderFilter } from './dto/order.types.js';
export * from './orders.sql-types.js';
