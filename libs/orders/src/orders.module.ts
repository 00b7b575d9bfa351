import { Module } from '@nestjs/common';
import { IdentityModule } from '@anchorlink/identity';
import { PartsModule } from '@anchorlink/parts';
import { OrderEventsPublisher } from './order-events.publisher.js';
import {
  GoodsReceiptResolver,
  OrderEventResolver,
  PurchaseOrderLineResolver,
  PurchaseOrderResolver,
  ShipmentLineResolver,
  ShipmentNoticeResolver,
} from './orders.resolver.js';
import { OrdersRepository } from './orders.repository.js';
import { OrdersService } from './orders.service.js';

/** Purchase orders: publishing, line-level answers, revisions, shipping and receipt, live order events. */
@Module({
  imports: [IdentityModule, PartsModule],
  providers: [
    OrdersRepository,
    OrdersService,
    OrderEventsPublisher,
    PurchaseOrderResolver,
    PurchaseOrderLineResolver,
    OrderEventResolver,
    ShipmentNoticeResolver,
    ShipmentLineResolver,
    GoodsReceiptResolver,
  ],
  exports: [OrdersService, OrderEventsPublisher],
})
export class OrdersModule {}
