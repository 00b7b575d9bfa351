import { Args, ID, Info, Int, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import {
  Ctx,
  Errors,
  Mutation,
  OrgKind,
  OrgKinds,
  type PlannedRow,
  REQUEST_CONTEXT_KEY,
  type RequestContext,
  Role,
  Roles,
  type Selection,
} from '@anchorlink/core';
import { Organization, OrganizationsService, User, UsersService } from '@anchorlink/identity';
import { PartsService } from '@anchorlink/parts';
import { GoodsReceipt } from './dto/goods-receipt.type.js';
import {
  CreatePurchaseOrderInput,
  CreateShipmentNoticeInput,
  LineProposal,
  LineResponseInput,
  LineRevisionInput,
  ProposalResolutionInput,
  PurchaseOrderConnection,
  PurchaseOrderFilter,
  RecordGoodsReceiptInput,
} from './dto/order.types.js';
import { OrderEvent } from './entities/order-event.entity.js';
import { PurchaseOrderLine } from './entities/purchase-order-line.entity.js';
import { PurchaseOrder } from './entities/purchase-order.entity.js';
import { ShipmentLine, ShipmentNotice } from './entities/shipment-notice.entity.js';
import { type OrderEventMessage, OrderEventsPublisher } from './order-events.publisher.js';
import { OrderAction } from './order-state.js';
import { type GoodsReceiptResult, OrdersService } from './orders.service.js';

async function organizationOf(organizations: OrganizationsService, ctx: RequestContext, id: string): Promise<Organization> {
  const organization = await organizations.loader(ctx).load(id);
  if (!organization) throw Errors.notFound(ctx, 'entity.organization');
  return organization;
}

@Resolver(() => PurchaseOrder)
export class PurchaseOrderResolver {
  constructor(
    private readonly service: OrdersService,
    private readonly organizations: OrganizationsService,
    private readonly publisher: OrderEventsPublisher,
  ) {}

  @Query(() => PurchaseOrderConnection)
  purchaseOrders(
    @Ctx() ctx: RequestContext,
    @Info() selection: Selection,
    @Args('filter', { type: () => PurchaseOrderFilter, nullable: true }) filter?: PurchaseOrderFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<PlannedRow> {
    return this.service.page(ctx, filter, first, after, selection);
  }

  @Query(() => PurchaseOrder, { nullable: true })
  purchaseOrder(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Info() selection: Selection): Promise<PlannedRow> {
    return this.service.read(ctx, id, selection);
  }

  @Query(() => [ShipmentNotice])
  shipmentNotices(
    @Ctx() ctx: RequestContext,
    @Args('purchaseOrderId', { type: () => ID }) purchaseOrderId: string,
  ): Promise<ShipmentNotice[]> {
    return this.service.shipmentNotices(ctx, purchaseOrderId);
  }

  @Roles(Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => PurchaseOrder)
  createPurchaseOrder(@Ctx() ctx: RequestContext, @Args('input') input: CreatePurchaseOrderInput): Promise<PurchaseOrder> {
    return this.service.create(ctx, input);
  }

  @Roles(Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => PurchaseOrder)
  publishPurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<PurchaseOrder> {
    return this.service.publish(ctx, id, expectedVersion);
  }

  @Roles(Role.SUPPLIER_SALES)
  @OrgKinds(OrgKind.SUPPLIER)
  @Mutation(() => PurchaseOrder)
  respondToPurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('lines', { type: () => [LineResponseInput] }) lines: LineResponseInput[],
  ): Promise<PurchaseOrder> {
    return this.service.respond(ctx, id, expectedVersion, lines);
  }

  @Roles(Role.SUPPLIER_SALES)
  @OrgKinds(OrgKind.SUPPLIER)
  @Mutation(() => PurchaseOrder)
  confirmPurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<PurchaseOrder> {
    return this.service.confirm(ctx, id, expectedVersion);
  }

  @Roles(Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => PurchaseOrder)
  resolveChangeProposals(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('resolutions', { type: () => [ProposalResolutionInput] }) resolutions: ProposalResolutionInput[],
  ): Promise<PurchaseOrder> {
    return this.service.resolveProposals(ctx, id, expectedVersion, resolutions);
  }

  @Roles(Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => PurchaseOrder)
  revisePurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('changes', { type: () => [LineRevisionInput] }) changes: LineRevisionInput[],
  ): Promise<PurchaseOrder> {
    return this.service.revise(ctx, id, expectedVersion, changes);
  }

  @Roles(Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => PurchaseOrder)
  cancelPurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason') reason: string,
  ): Promise<PurchaseOrder> {
    return this.service.cancel(ctx, id, expectedVersion, reason);
  }

  @Roles(Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => PurchaseOrder)
  closePurchaseOrder(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<PurchaseOrder> {
    return this.service.close(ctx, id, expectedVersion);
  }

  @Roles(Role.SUPPLIER_SALES)
  @OrgKinds(OrgKind.SUPPLIER)
  @Mutation(() => ShipmentNotice)
  createShipmentNotice(@Ctx() ctx: RequestContext, @Args('input') input: CreateShipmentNoticeInput): Promise<ShipmentNotice> {
    return this.service.createShipment(ctx, input);
  }

  @Roles(Role.PROCUREMENT)
  @OrgKinds(OrgKind.ANCHOR)
  @Mutation(() => GoodsReceipt)
  recordGoodsReceipt(@Ctx() ctx: RequestContext, @Args('input') input: RecordGoodsReceiptInput): Promise<GoodsReceiptResult> {
    return this.service.recordReceipt(ctx, input);
  }

  /** Every event of an order the caller's organization may see; a supplier never gets draft-time events. */
  @Subscription(() => OrderEvent, {
    filter: (message: OrderEventMessage, _args: unknown, context: Record<symbol, RequestContext | undefined>) => {
      const ctx = context[REQUEST_CONTEXT_KEY];
      if (!ctx?.principal) return false;
      const { event } = message;
      return (
        event.anchorOrganizationId === ctx.organizationId || (event.supplierOrganizationId === ctx.organizationId && event.supplierVisible)
      );
    },
    resolve: (message: OrderEventMessage) => message.event,
  })
  orderEvents(): AsyncIterableIterator<OrderEventMessage> {
    return this.publisher.subscribe();
  }

  // Queries read orders in one statement (SqlPlanner, orders.sql-types.ts); these answer the orders mutations return.
  @ResolveField(() => Organization)
  anchor(@Ctx() ctx: RequestContext, @Parent() order: PurchaseOrder): Promise<Organization> {
    return organizationOf(this.organizations, ctx, order.anchorOrganizationId);
  }

  @ResolveField(() => Organization)
  supplier(@Ctx() ctx: RequestContext, @Parent() order: PurchaseOrder): Promise<Organization> {
    return organizationOf(this.organizations, ctx, order.supplierOrganizationId);
  }

  @ResolveField(() => [PurchaseOrderLine])
  lines(@Ctx() ctx: RequestContext, @Parent() order: PurchaseOrder): Promise<PurchaseOrderLine[]> {
    return this.service.linesLoader(ctx).load(order.id);
  }

  /** What the caller may do next (the portal's buttons), from the order's lifecycle. */
  @ResolveField(() => [OrderAction])
  availableActions(@Ctx() ctx: RequestContext, @Parent() order: PurchaseOrder): OrderAction[] {
    return this.service.availableActions(ctx, order);
  }

  /** Oldest first. */
  @ResolveField(() => [OrderEvent])
  events(@Ctx() ctx: RequestContext, @Parent() order: PurchaseOrder): Promise<OrderEvent[]> {
    return this.service.eventsLoader(ctx).load(order.id);
  }
}

@Resolver(() => PurchaseOrderLine)
export class PurchaseOrderLineResolver {
  constructor(private readonly parts: PartsService) {}

  @ResolveField(() => LineProposal, { nullable: true })
  proposal(@Parent() line: PurchaseOrderLine): LineProposal | null {
    if (!line.proposalReasonCode) return null;
    return {
      quantity: line.proposalQuantity,
      deliveryDate: line.proposalDate,
      unitPrice: line.proposalUnitPrice,
      reasonCode: line.proposalReasonCode,
      reason: line.proposalReason,
    };
  }
}

@Resolver(() => OrderEvent)
export class OrderEventResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { nullable: true })
  async actor(@Ctx() ctx: RequestContext, @Parent() event: OrderEvent): Promise<User | null> {
    return event.actorUserId ? this.users.loader(ctx).load(event.actorUserId) : null;
  }
}

@Resolver(() => ShipmentNotice)
export class ShipmentNoticeResolver {
  constructor(private readonly service: OrdersService) {}

  @ResolveField(() => PurchaseOrder)
  async purchaseOrder(@Ctx() ctx: RequestContext, @Parent() notice: ShipmentNotice): Promise<PurchaseOrder> {
    return this.service.get(ctx, notice.orderId);
  }

  @ResolveField(() => [ShipmentLine])
  lines(@Ctx() ctx: RequestContext, @Parent() notice: ShipmentNotice): Promise<ShipmentLine[]> {
    return this.service.shipmentLinesLoader(ctx).load(notice.id);
  }
}

@Resolver(() => ShipmentLine)
export class ShipmentLineResolver {
  constructor(private readonly service: OrdersService) {}

  @ResolveField(() => PurchaseOrderLine)
  async orderLine(@Ctx() ctx: RequestContext, @Parent() line: { orderLineId: string }): Promise<PurchaseOrderLine> {
    const orderLine = await this.service.lineLoader(ctx).load(line.orderLineId);
    if (!orderLine) throw Errors.notFound(ctx, 'entity.orderLine');
    return orderLine;
  }
}

@Resolver(() => GoodsReceipt)
export class GoodsReceiptResolver {
  constructor(private readonly service: OrdersService) {}

  @ResolveField(() => ShipmentNotice)
  async shipmentNotice(@Ctx() ctx: RequestContext, @Parent() receipt: GoodsReceiptResult): Promise<ShipmentNotice> {
    const notice = await this.service.shipmentLoader(ctx).load(receipt.shipmentId);
    if (!notice) throw Errors.notFound(ctx, 'entity.shipmentNotice');
    return notice;
  }
}
