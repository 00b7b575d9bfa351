import { Module } from '@nestjs/common';
import { IdentityModule } from '@anchorlink/identity';
import { OrdersModule } from '@anchorlink/orders';
import { PartsModule } from '@anchorlink/parts';
import { OrderExportService } from './interchange/order-export.service.js';
import { PurchaseOrderInterchangeController } from './interchange/purchase-order-interchange.controller.js';
import { PurchaseOrderInterchangeService } from './interchange/purchase-order-interchange.service.js';
import { WebhooksRepository } from './webhooks/webhooks.repository.js';
import { WebhooksResolver } from './webhooks/webhooks.resolver.js';
import { WebhooksService } from './webhooks/webhooks.service.js';

/** The API side of integration: webhook subscriptions, UBL interchange and exports. */
@Module({
  imports: [IdentityModule, OrdersModule, PartsModule],
  controllers: [PurchaseOrderInterchangeController],
  providers: [WebhooksRepository, WebhooksService, WebhooksResolver, PurchaseOrderInterchangeService, OrderExportService],
})
export class IntegrationModule {}
