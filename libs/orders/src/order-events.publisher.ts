import { Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import type { OrderEvent } from './entities/order-event.entity.js';

export const ORDER_EVENTS_TOPIC = 'orderEvents';

export interface OrderEventMessage {
  event: OrderEvent;
}

/**
 * Announces committed order events to GraphQL subscribers. In-process for now
 * (one API process is a complete installation); the integration work moves it
 * onto the transactional outbox and Redis so several instances share events.
 */
@Injectable()
export class OrderEventsPublisher {
  readonly pubSub = new PubSub<{ [ORDER_EVENTS_TOPIC]: OrderEventMessage }>();

  publish(event: OrderEvent): Promise<void> {
    return this.pubSub.publish(ORDER_EVENTS_TOPIC, { event });
  }

  subscribe(): AsyncIterableIterator<OrderEventMessage> {
    return this.pubSub.asyncIterableIterator(ORDER_EVENTS_TOPIC);
  }
}
