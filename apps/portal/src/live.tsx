import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useClient } from 'urql';
import { graphql } from './gql/index.js';
import i18next from './i18n.js';

const ORDER_EVENTS = graphql(`
  subscription OrderEvents {
    orderEvents {
      id
      purchaseOrderId
      type
      at
      details
    }
  }
`);

const ORDER_NUMBER = graphql(`
  query OrderNumber($id: ID!) {
    purchaseOrder(id: $id) {
      id
      number
    }
  }
`);

export interface LiveOrderEvent {
  id: string;
  purchaseOrderId: string;
  type: string;
  details: unknown;
}

/**
 * Order events as they happen (the orderEvents subscription): calls `onEvent`
 * for every one, also when several arrive together (a response that confirms
 * the order is two), and shows a notification naming the order, so new orders
 * and answers appear without reloading the page.
 */
export function useOrderEvents(onEvent: (event: LiveOrderEvent) => void): void {
  const { notification } = App.useApp();
  const client = useClient();
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => {
    const subscription = client.subscription(ORDER_EVENTS, {}).subscribe((result) => {
      const event = result.data?.orderEvents;
      if (!event) return;
      latest.current(event);
      void client
        .query(ORDER_NUMBER, { id: event.purchaseOrderId }, { requestPolicy: 'cache-first' })
        .toPromise()
        .then((r) => {
          const number = r.data?.purchaseOrder?.number ?? '';
          // Worded when shown, in the language of that moment.
          notification.info({
            title: i18next.t('orders.live', { number, event: i18next.t(`event.${event.type}`) }),
            placement: 'bottomRight',
            duration: 4,
          });
        });
    });
    return () => subscription.unsubscribe();
  }, [client, notification]);
}
