import { App, Button, Card, Empty, Form, Input, List, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { isDecimal, lessThan, remaining } from '../decimal.js';
import { businessToday } from '../format.js';
import { newIdempotencyKey } from '../ids.js';
import { useCompact } from '../compact.js';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { OrderQuery, ShipmentsQuery } from '../gql/graphql.js';
import { currentLocale, formatDate, formatDecimal } from '../i18n.js';

const SHIPMENTS = graphql(`
  query Shipments($orderId: ID!) {
    shipmentNotices(purchaseOrderId: $orderId) {
      id
      number
      shipDate
      expectedArrival
      carrier
      trackingNumber
      lines {
        quantity
        orderLine {
          id
          lineNumber
          uom
          shippedQuantity
          receivedQuantity
          part {
            partNumber
          }
        }
      }
    }
  }
`);

const SHIP = graphql(`
  mutation Ship($input: CreateShipmentNoticeInput!) {
    createShipmentNotice(input: $input) {
      id
      number
      purchaseOrder {
        id
        status
        version
      }
    }
  }
`);

const RECEIVE = graphql(`
  mutation Receive($input: RecordGoodsReceiptInput!) {
    recordGoodsReceipt(input: $input) {
      id
      receivedOn
    }
  }
`);

type Order = NonNullable<OrderQuery['purchaseOrder']>;
type Shipment = ShipmentsQuery['shipmentNotices'][number];

const today = () => businessToday();

/** Shipment notices of an order; the supplier creates them, the anchor records what arrived. */
/** `canShip`, `canReceive`: from the order's availableActions (the server's lifecycle). */
export function Shipments({ order, canShip, canReceive }: { order: Order; canShip: boolean; canReceive: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [{ data, error }, reexecute] = useQuery({ query: SHIPMENTS, variables: { orderId: order.id } });
  // Shipments and receipts change the order's version: the order page refetches it live, this list follows.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch when the order changes, not when urql hands out a new function
  useEffect(() => reexecute({ requestPolicy: 'network-only' }), [order.version]);
  const [shipping, setShipping] = useState(false);
  const [receiving, setReceiving] = useState<Shipment | null>(null);
  const shipments = data?.shipmentNotices ?? [];
  const compact = useCompact();
  if (!canShip && !shipments.length) return null;
  return (
    <Card
      title={t('shipment.title')}
      extra={
        canShip && (
          <Button type="primary" size={compact ? 'large' : 'middle'} onClick={() => setShipping(true)} data-testid="create-shipment">
            {t('shipment.create')}
          </Button>
        )
      }
    >
      <ErrorAlert error={error} />
      {compact ? (
        <List
          dataSource={shipments}
          locale={{ emptyText: <Empty description={t('shipment.empty')} /> }}
          renderItem={(s) => (
            <List.Item style={{ display: 'block' }}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                <Typography.Text strong>{s.number}</Typography.Text>
                {canReceive && (
                  <Button size="large" onClick={() => setReceiving(s)} data-testid="record-receipt">
                    {t('receipt.record')}
                  </Button>
                )}
              </Space>
              <div>{`${t('shipment.shipDate')}: ${formatDate(s.shipDate, locale)} · ${t('shipment.expectedArrival')}: ${formatDate(s.expectedArrival, locale)}`}</div>
              {(s.carrier || s.trackingNumber) && <div>{[s.carrier, s.trackingNumber].filter(Boolean).join(' · ')}</div>}
              {s.lines.map((l) => (
                <div
                  key={l.orderLine.id}
                >{`#${l.orderLine.lineNumber} ${l.orderLine.part.partNumber} × ${formatDecimal(l.quantity, locale)}`}</div>
              ))}
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={shipments}
          locale={{ emptyText: <Empty description={t('shipment.empty')} /> }}
          columns={[
            { title: t('shipment.number'), dataIndex: 'number' },
            { title: t('shipment.shipDate'), render: (_, s) => formatDate(s.shipDate, locale) },
            { title: t('shipment.expectedArrival'), render: (_, s) => formatDate(s.expectedArrival, locale) },
            { title: t('shipment.carrier'), render: (_, s) => [s.carrier, s.trackingNumber].filter(Boolean).join(' · ') || '–' },
            {
              title: t('shipment.lines'),
              render: (_, s) =>
                s.lines
                  .map((l) => `#${l.orderLine.lineNumber} ${l.orderLine.part.partNumber} × ${formatDecimal(l.quantity, locale)}`)
                  .join(t('list.separator')),
            },
            ...(canReceive
              ? [
                  {
                    title: '',
                    render: (_: unknown, s: Shipment) => (
                      <Button size="small" onClick={() => setReceiving(s)} data-testid="record-receipt">
                        {t('receipt.record')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {shipping && (
        <ShipModal
          order={order}
          onClose={(done) => {
            setShipping(false);
            if (done) reexecute({ requestPolicy: 'network-only' });
          }}
        />
      )}
      {receiving && <ReceiveModal shipment={receiving} onClose={() => setReceiving(null)} />}
    </Card>
  );
}

function ShipModal({ order, onClose }: { order: Order; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [state, ship] = useMutation(SHIP);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const accepted = order.lines.filter((l) => l.status === 'ACCEPTED');
  const [quantities, setQuantities] = useState<Record<string, string>>(() =>
    Object.fromEntries(accepted.map((l) => [l.id, remaining(l.confirmedQuantity ?? l.quantity, l.shippedQuantity)])),
  );
  const [form] = Form.useForm<{ shipDate: string; expectedArrival: string; carrier?: string; trackingNumber?: string }>();
  const compact = useCompact();
  const submit = async () => {
    const values = await form.validateFields();
    if (Object.values(quantities).some((q) => q && !isDecimal(q))) return;
    const lines = Object.entries(quantities)
      .filter(([, q]) => q && q !== '0')
      .map(([lineId, quantity]) => ({ lineId, quantity }));
    const result = await ship({
      input: {
        purchaseOrderId: order.id,
        shipDate: values.shipDate,
        expectedArrival: values.expectedArrival,
        carrier: values.carrier || null,
        trackingNumber: values.trackingNumber || null,
        lines,
        idempotencyKey,
      },
    });
    if (result.data) {
      void message.success(t('shipment.created', { number: result.data.createShipmentNotice.number }));
      onClose(true);
    }
  };
  return (
    <Modal
      open
      title={t('shipment.create')}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={state.fetching}
      okText={t('shipment.send')}
      width={720}
      okButtonProps={{ size: compact ? 'large' : 'middle' }}
      cancelButtonProps={{ size: compact ? 'large' : 'middle' }}
      destroyOnHidden
    >
      <ErrorAlert error={state.error} />
      <Form
        form={form}
        layout={compact ? 'vertical' : 'inline'}
        size={compact ? 'large' : 'middle'}
        initialValues={{ shipDate: today(), expectedArrival: today() }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="shipDate" label={t('shipment.shipDate')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="expectedArrival" label={t('shipment.expectedArrival')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="carrier" label={t('shipment.carrier')}>
          <Input style={{ width: compact ? '100%' : 140 }} />
        </Form.Item>
        <Form.Item name="trackingNumber" label={t('shipment.tracking')}>
          <Input style={{ width: compact ? '100%' : 160 }} />
        </Form.Item>
      </Form>
      {compact ? (
        <List
          dataSource={accepted}
          renderItem={(l) => (
            <List.Item style={{ display: 'block' }}>
              <Typography.Text strong>{`#${l.lineNumber} ${l.part.partNumber}`}</Typography.Text>
              <div>{`${t('shipment.confirmed')}: ${l.confirmedQuantity ?? l.quantity} ${l.uom} · ${t('shipment.shipped')}: ${l.shippedQuantity}`}</div>
              <Input
                size="large"
                inputMode="decimal"
                addonBefore={t('shipment.quantity')}
                status={quantities[l.id] && !isDecimal(quantities[l.id]) ? 'error' : undefined}
                value={quantities[l.id]}
                onChange={(e) => setQuantities((q) => ({ ...q, [l.id]: e.target.value.trim() }))}
                data-testid={`ship-quantity-${l.lineNumber}`}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={accepted}
          columns={[
            { title: t('line.number'), dataIndex: 'lineNumber', width: 64 },
            { title: t('line.part'), render: (_, l) => l.part.partNumber },
            { title: t('shipment.confirmed'), render: (_, l) => `${l.confirmedQuantity ?? l.quantity} ${l.uom}` },
            { title: t('shipment.shipped'), render: (_, l) => l.shippedQuantity },
            {
              title: t('shipment.quantity'),
              render: (_, l) => (
                <Input
                  size="small"
                  style={{ width: 100 }}
                  status={quantities[l.id] && !isDecimal(quantities[l.id]) ? 'error' : undefined}
                  value={quantities[l.id]}
                  onChange={(e) => setQuantities((q) => ({ ...q, [l.id]: e.target.value.trim() }))}
                  data-testid={`ship-quantity-${l.lineNumber}`}
                />
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}

function ReceiveModal({ shipment, onClose }: { shipment: Shipment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [state, receive] = useMutation(RECEIVE);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [receivedOn, setReceivedOn] = useState(today());
  // What is still to receive on each line, at most what this notice shipped.
  const [quantities, setQuantities] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      shipment.lines.map((l) => {
        const open = remaining(l.orderLine.shippedQuantity, l.orderLine.receivedQuantity);
        return [l.orderLine.id, lessThan(open, l.quantity) ? open : l.quantity];
      }),
    ),
  );
  const submit = async () => {
    if (Object.values(quantities).some((q) => q && !isDecimal(q))) return;
    const lines = Object.entries(quantities)
      .filter(([, q]) => q && q !== '0')
      .map(([lineId, quantity]) => ({ lineId, quantity }));
    const result = await receive({ input: { shipmentNoticeId: shipment.id, receivedOn, lines, idempotencyKey } });
    if (result.data) {
      void message.success(t('receipt.recorded'));
      onClose();
    }
  };
  return (
    <Modal
      open
      title={`${t('receipt.record')} · ${shipment.number}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={state.fetching}
      okText={t('receipt.save')}
      destroyOnHidden
    >
      <ErrorAlert error={state.error} />
      <Space style={{ marginBottom: 16 }}>
        {t('receipt.receivedOn')}
        <Input type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
      </Space>
      <Table
        rowKey={(l) => l.orderLine.id}
        size="small"
        pagination={false}
        dataSource={shipment.lines}
        columns={[
          { title: t('line.number'), render: (_, l) => l.orderLine.lineNumber, width: 64 },
          { title: t('line.part'), render: (_, l) => l.orderLine.part.partNumber },
          { title: t('shipment.quantity'), render: (_, l) => `${l.quantity} ${l.orderLine.uom}` },
          {
            title: t('receipt.quantity'),
            render: (_, l) => (
              <Input
                size="small"
                style={{ width: 100 }}
                status={quantities[l.orderLine.id] && !isDecimal(quantities[l.orderLine.id]) ? 'error' : undefined}
                value={quantities[l.orderLine.id]}
                onChange={(e) => setQuantities((q) => ({ ...q, [l.orderLine.id]: e.target.value.trim() }))}
                data-testid={`receive-quantity-${l.orderLine.lineNumber}`}
              />
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('receipt.help')}
      </Typography.Paragraph>
    </Modal>
  );
}
