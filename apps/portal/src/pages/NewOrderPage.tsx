import { App, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { isDecimal } from '../decimal.js';
import { ErrorAlert } from '../errors.js';
import { newIdempotencyKey } from '../ids.js';
import { graphql } from '../gql/index.js';
import { useSupplierParts } from '../parts.js';
import { useActiveSupplierOptions } from '../suppliers.js';

const CREATE = graphql(`
  mutation CreateOrder($input: CreatePurchaseOrderInput!) {
    createPurchaseOrder(input: $input) {
      id
      number
    }
  }
`);

interface Row {
  key: number;
  partId?: string;
  quantity: string;
  unitPrice: string;
  requestedDate: string;
}

/** A new order: one supplier, parts from its mapping, quantities, prices and dates. Saved as a draft to publish from its page. */
export function NewOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const suppliers = useActiveSupplierOptions();
  const [supplierId, setSupplierId] = useState<string>();
  const [currency, setCurrency] = useState('CNY');
  const [notes, setNotes] = useState('');
  const [rows, setRows] = useState<Row[]>([{ key: 1, quantity: '', unitPrice: '', requestedDate: '' }]);
  const [state, create] = useMutation(CREATE);
  // One key per form: a retry after a lost answer returns the first order instead of making a second.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const parts = useSupplierParts(supplierId);
  const update = (key: number, change: Partial<Row>) => setRows((r) => r.map((x) => (x.key === key ? { ...x, ...change } : x)));
  const complete =
    supplierId && rows.length && rows.every((r) => r.partId && isDecimal(r.quantity) && isDecimal(r.unitPrice) && r.requestedDate);
  const submit = async () => {
    if (!complete) return;
    const result = await create({
      input: {
        supplierId,
        currency: currency.trim().toUpperCase(),
        notes: notes.trim() || null,
        lines: rows.map((r) => ({ partId: r.partId!, quantity: r.quantity, unitPrice: r.unitPrice, requestedDate: r.requestedDate })),
        idempotencyKey,
      },
    });
    const order = result.data?.createPurchaseOrder;
    if (order) {
      void message.success(t('newOrder.created', { number: order.number }));
      void navigate(`/orders/${order.id}`);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/orders">← {t('orders.back')}</Link>
      <Card title={t('newOrder.title')}>
        <ErrorAlert error={suppliers.error ?? state.error} />
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            style={{ width: 260 }}
            placeholder={t('orders.supplier')}
            value={supplierId}
            data-testid="order-supplier"
            onChange={(v) => {
              setSupplierId(v);
              setRows((r) => r.map((x) => ({ ...x, partId: undefined })));
            }}
            options={suppliers.options}
          />
          <Space>
            {t('newOrder.currency')}
            <Input style={{ width: 80 }} value={currency} onChange={(e) => setCurrency(e.target.value)} />
          </Space>
          <Input style={{ width: 360 }} placeholder={t('newOrder.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Space>
        {supplierId && parts.empty && <Typography.Paragraph type="warning">{t('newOrder.noParts')}</Typography.Paragraph>}
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          data-testid="order-lines"
          columns={[
            { title: t('line.number'), width: 64, render: (_, __, i) => i + 1 },
            {
              title: t('line.part'),
              render: (_, r) => (
                <Select
                  style={{ width: 320 }}
                  showSearch={{ filterOption: false, onSearch: parts.setSearch }}
                  loading={parts.fetching}
                  disabled={!supplierId}
                  value={r.partId}
                  onChange={(v) => {
                    update(r.key, { partId: v });
                    parts.setSearch('');
                  }}
                  labelRender={({ value, label }) => {
                    const p = parts.labelOf(String(value));
                    return p ? `${p.partNumber} · ${p.description}` : label;
                  }}
                  options={parts.options}
                  data-testid="line-part"
                />
              ),
            },
            {
              title: t('line.quantity'),
              render: (_, r) => (
                <Input
                  style={{ width: 110 }}
                  inputMode="decimal"
                  status={r.quantity && !isDecimal(r.quantity) ? 'error' : undefined}
                  value={r.quantity}
                  onChange={(e) => update(r.key, { quantity: e.target.value.trim() })}
                  data-testid="line-quantity"
                />
              ),
            },
            {
              title: t('line.unitPrice'),
              render: (_, r) => (
                <Input
                  style={{ width: 110 }}
                  inputMode="decimal"
                  status={r.unitPrice && !isDecimal(r.unitPrice) ? 'error' : undefined}
                  value={r.unitPrice}
                  onChange={(e) => update(r.key, { unitPrice: e.target.value.trim() })}
                  data-testid="line-price"
                />
              ),
            },
            {
              title: t('line.requestedDate'),
              render: (_, r) => (
                <Input
                  style={{ width: 160 }}
                  type="date"
                  value={r.requestedDate}
                  onChange={(e) => update(r.key, { requestedDate: e.target.value })}
                  data-testid="line-date"
                />
              ),
            },
            {
              title: '',
              width: 60,
              render: (_, r) =>
                rows.length > 1 && (
                  <Button type="text" danger size="small" onClick={() => setRows((x) => x.filter((y) => y.key !== r.key))}>
                    {t('standards.remove')}
                  </Button>
                ),
            },
          ]}
        />
        <Space style={{ marginTop: 16 }}>
          <Button
            onClick={() =>
              setRows((r) => [
                ...r,
                {
                  key: Math.max(0, ...r.map((x) => x.key)) + 1,
                  quantity: '',
                  unitPrice: '',
                  requestedDate: r[r.length - 1]?.requestedDate ?? '',
                },
              ])
            }
            data-testid="add-line"
          >
            {t('newOrder.addLine')}
          </Button>
          <Button type="primary" disabled={!complete} loading={state.fetching} onClick={submit} data-testid="create-order">
            {t('newOrder.create')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
