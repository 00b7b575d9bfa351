import { EventEmitter } from 'node:events';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { EventBus, type PublishedEvent } from '@anchorlink/core';
import { OrderEvent, OrderEventType } from './entities/order-event.entity.js';

export const ORDER_EVENTS_TOPIC = 'orderEvents';

export interface OrderEventMessage {
  event: OrderEvent;
}

/**
 * Feeds GraphQL subscriptions. Order events reach every API instance through
 * the EventBus once the worker has taken them from the outbox (so only
 * committed events are ever announced); each instance then filters them per
 * subscriber in the resolver.
 */
@Injectable()
export class OrderEventsPublisher implements OnModuleInit, OnModuleDestroy {
  // One listener per open subscription: thousands on a busy instance are normal, not a leak.
  readonly pubSub = new PubSub<{ [ORDER_EVENTS_TOPIC]: OrderEventMessage }>({ eventEmitter: new EventEmitter().setMaxListeners(0) });
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((published) => {
      const event = orderEventFrom(published);
      if (event) void this.pubSub.publish(ORDER_EVENTS_TOPIC, { event });
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  subscribe(): AsyncIterableIterator<OrderEventMessage> {
    return this.pubSub.asyncIterableIterator(ORDER_EVENTS_TOPIC);
  }
}

/** The order event an outbox event of an order describes (null for other events). */
export function orderEventFrom(published: PublishedEvent): OrderEvent | null {
  if (published.entityType !== 'PurchaseOrder' || !published.type.startsWith('order.')) return null;
  const type = published.type.slice('order.'.length).toUpperCase() as OrderEventType;
  if (!Object.values(OrderEventType).includes(type)) return null;
  const data = published.data as {
    orderEventId: string;
    at: string;
    anchorId: string;
    supplierId: string;
    revision: number;
    details: Record<string, unknown>;
  };
  return Object.assign(new OrderEvent(), {
    id: data.orderEventId,
    orderId: published.entityId,
    anchorOrganizationId: data.anchorId,
    supplierOrganizationId: data.supplierId,
    type,
    revision: data.revision,
    actorUserId: published.actorUserId,
    at: new Date(data.at),
    details: data.details,
    supplierVisible: (published.organizationIds ?? []).includes(data.supplierId),
  });
}
