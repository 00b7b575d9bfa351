import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import { graphql } from './gql/index.js';

const ORDER_EVENTS = graphql(`
  subscription OrderEvents {
    orderEvents { id purchaseOrderId type at details }
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
 * for each and shows a notification, so new orders and answers appear without
 * reloading the page.
 */
export function useOrderEvents(onEvent: (event: LiveOrderEvent) => void): void {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const latest = useRef(onEvent);
  latest.current = onEvent;
  const [{ data }] = useSubscription({ query: ORDER_EVENTS });
  const event = data?.orderEvents;
  useEffect(() => {
    if (!event) return;
    latest.current(event);
    const number = (event.details as { number?: string } | null)?.number ?? '';
    notification.info({ title: t('orders.live', { number, event: t(`event.${event.type}`) }), placement: 'bottomRight', duration: 4 });
  }, [event?.id]);
}
