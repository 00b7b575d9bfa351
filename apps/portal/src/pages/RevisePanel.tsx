import { App, Button, Card, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { LineRevisionInput, OrderQuery } from '../gql/graphql.js';
import { useSupplierParts } from '../parts.js';
import { isDecimal } from '../decimal.js';

const REVISE = graphql(`
  mutation Revise($id: ID!, $version: Int!, $changes: [LineRevisionInput!]!) {
    revisePurchaseOrder(id: $id, expectedVersion: $version, changes: $changes) {
      id
      status
      revision
      version
    }
  }
`);

type Order = NonNullable<OrderQuery['purchaseOrder']>;
interface Edit {
  quantity: string;
  unitPrice: string;
  requestedDate: string;
  cancel: boolean;
}
interface NewLine {
  key: number;
  partId?: string;
  quantity: string;
  unitPrice: string;
  requestedDate: string;
}

/** The buyer's revision of a published order: changed quantities, prices and dates, cancelled and new lines. The supplier answers again. */
export function RevisePanel({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const open = order.lines.filter((l) => l.status !== 'CANCELLED');
  const [edits, setEdits] = useState<Record<string, Edit>>(() =>
    Object.fromEntries(
      open.map((l) => [l.id, { quantity: l.quantity, unitPrice: l.unitPrice, requestedDate: l.requestedDate, cancel: false }]),
    ),
  );
  const [added, setAdded] = useState<NewLine[]>([]);
  const parts = useSupplierParts(order.supplier.id);
  const [state, revise] = useMutation(REVISE);
  const set = (id: string, change: Partial<Edit>) => setEdits((e) => ({ ...e, [id]: { ...e[id], ...change } }));
  const changes = (): LineRevisionInput[] => [
    ...open.flatMap((l) => {
      const e = edits[l.id];
      if (e.cancel) return [{ lineId: l.id, cancel: true }];
      const change: LineRevisionInput = { lineId: l.id };
      if (e.quantity !== l.quantity) change.quantity = e.quantity;
      if (e.unitPrice !== l.unitPrice) change.unitPrice = e.unitPrice;
      if (e.requestedDate !== l.requestedDate) change.requestedDate = e.requestedDate;
      return Object.keys(change).length > 1 ? [change] : [];
    }),
    ...added
      .filter((a) => a.partId)
      .map((a) => ({ partId: a.partId, quantity: a.quantity, unitPrice: a.unitPrice, requestedDate: a.requestedDate })),
  ];
  // Every changed value a decimal, every new line complete: otherwise the button stays off.
  const valid =
    open.every(
      (l) => edits[l.id].cancel || (isDecimal(edits[l.id].quantity) && isDecimal(edits[l.id].unitPrice) && edits[l.id].requestedDate),
    ) && added.every((a) => !a.partId || (isDecimal(a.quantity) && isDecimal(a.unitPrice) && a.requestedDate));
  const submit = async () => {
    const result = await revise({ id: order.id, version: order.version, changes: changes() });
    if (result.data) {
      void message.success(t('revise.done', { revision: result.data.revisePurchaseOrder.revision }));
      onDone();
    }
  };
  return (
    <Card title={t('revise.title', { number: order.number })} data-testid="revise-panel">
      <Typography.Paragraph type="secondary">{t('revise.help')}</Typography.Paragraph>
      <ErrorAlert error={state.error} />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={open}
        columns={[
          { title: t('line.number'), dataIndex: 'lineNumber', width: 64 },
          { title: t('line.part'), render: (_, l) => l.part.partNumber },
          {
            title: t('line.quantity'),
            render: (_, l) => (
              <Input
                size="small"
                style={{ width: 110 }}
                disabled={edits[l.id].cancel}
                value={edits[l.id].quantity}
                onChange={(e) => set(l.id, { quantity: e.target.value.trim() })}
                data-testid={`revise-quantity-${l.lineNumber}`}
              />
            ),
          },
          {
            title: t('line.unitPrice'),
            render: (_, l) => (
              <Input
                size="small"
                style={{ width: 110 }}
                disabled={edits[l.id].cancel}
                value={edits[l.id].unitPrice}
                onChange={(e) => set(l.id, { unitPrice: e.target.value.trim() })}
              />
            ),
          },
          {
            title: t('line.requestedDate'),
            render: (_, l) => (
              <Input
                size="small"
                type="date"
                style={{ width: 150 }}
                disabled={edits[l.id].cancel}
                value={edits[l.id].requestedDate}
                onChange={(e) => set(l.id, { requestedDate: e.target.value })}
              />
            ),
          },
          {
            title: t('revise.cancelLine'),
            render: (_, l) => <Checkbox checked={edits[l.id].cancel} onChange={(e) => set(l.id, { cancel: e.target.checked })} />,
          },
        ]}
      />
      {added.map((a) => (
        <Space key={a.key} wrap style={{ marginTop: 8 }}>
          <Select
            style={{ width: 280 }}
            placeholder={t('line.part')}
            value={a.partId}
            showSearch={{ filterOption: false, onSearch: parts.setSearch }}
            loading={parts.fetching}
            onChange={(v) => {
              setAdded((x) => x.map((y) => (y.key === a.key ? { ...y, partId: v } : y)));
              parts.setSearch('');
            }}
            labelRender={({ value, label }) => {
              const p = parts.labelOf(String(value));
              return p ? `${p.partNumber} · ${p.description}` : label;
            }}
            options={parts.options}
          />
          <Input
            style={{ width: 100 }}
            placeholder={t('line.quantity')}
            value={a.quantity}
            onChange={(e) => setAdded((x) => x.map((y) => (y.key === a.key ? { ...y, quantity: e.target.value.trim() } : y)))}
          />
          <Input
            style={{ width: 100 }}
            placeholder={t('line.unitPrice')}
            value={a.unitPrice}
            onChange={(e) => setAdded((x) => x.map((y) => (y.key === a.key ? { ...y, unitPrice: e.target.value.trim() } : y)))}
          />
          <Input
            type="date"
            style={{ width: 150 }}
            value={a.requestedDate}
            onChange={(e) => setAdded((x) => x.map((y) => (y.key === a.key ? { ...y, requestedDate: e.target.value } : y)))}
          />
        </Space>
      ))}
      <Space style={{ marginTop: 16 }}>
        <Button onClick={() => setAdded((x) => [...x, { key: x.length + 1, quantity: '', unitPrice: '', requestedDate: '' }])}>
          {t('newOrder.addLine')}
        </Button>
        <Button onClick={onDone}>{t('standards.back')}</Button>
        <Button
          type="primary"
          disabled={!valid || !changes().length}
          loading={state.fetching}
          onClick={submit}
          data-testid="submit-revision"
        >
          {t('revise.submit')}
        </Button>
      </Space>
    </Card>
  );
}
