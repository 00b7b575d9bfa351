import { App, Button, Card, Descriptions, Empty, Input, List, Modal, Radio, Select, Space, Spin, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useCompact } from '../compact.js';
import { isDecimal } from '../decimal.js';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { ChangeReason, LineDecision, LineResponseInput, OrderAction, OrderQuery } from '../gql/graphql.js';
import { currentLocale, formatDate, formatDateTime, formatDecimal } from '../i18n.js';
import { useOrderEvents } from '../live.js';
import { LineStatusTag, OrderStatusTag } from '../status.js';
import { RevisePanel } from './RevisePanel.js';
import { Shipments } from './Shipments.js';

const ORDER = graphql(`
  query Order($id: ID!) {
    purchaseOrder(id: $id) {
      id
      number
      status
      revision
      version
      currency
      notes
      totalAmount
      publishedAt
      confirmedAt
      availableActions
      anchor {
        id
        name
      }
      supplier {
        id
        name
      }
      lines {
        id
        lineNumber
        supplierPartNumber
        quantity
        uom
        unitPrice
        requestedDate
        status
        confirmedQuantity
        confirmedDate
        confirmedUnitPrice
        shippedQuantity
        receivedQuantity
        part {
          id
          partNumber
          description
        }
        proposal {
          quantity
          deliveryDate
          unitPrice
          reasonCode
          reason
        }
      }
      events {
        id
        type
        revision
        at
        actor {
          displayName
        }
      }
    }
  }
`);

const RESPOND = graphql(`
  mutation Respond($id: ID!, $version: Int!, $lines: [LineResponseInput!]!) {
    respondToPurchaseOrder(id: $id, expectedVersion: $version, lines: $lines) {
      id
      status
      version
    }
  }
`);

const RESOLVE = graphql(`
  mutation Resolve($id: ID!, $version: Int!, $resolutions: [ProposalResolutionInput!]!) {
    resolveChangeProposals(id: $id, expectedVersion: $version, resolutions: $resolutions) {
      id
      status
      version
    }
  }
`);

const CANCEL = graphql(`
  mutation Cancel($id: ID!, $version: Int!, $reason: String!) {
    cancelPurchaseOrder(id: $id, expectedVersion: $version, reason: $reason) {
      id
      status
      version
    }
  }
`);

const PUBLISH = graphql(`
  mutation Publish($id: ID!, $version: Int!) {
    publishPurchaseOrder(id: $id, expectedVersion: $version) {
      id
      status
      version
    }
  }
`);

type Order = NonNullable<OrderQuery['purchaseOrder']>;
type Line = Order['lines'][number];
const REASONS: ChangeReason[] = ['QUANTITY_CHANGED', 'DATE_CHANGED', 'BACKORDERED', 'PRICE_CHANGED', 'SUBSTITUTED', 'ON_HOLD', 'OTHER'];

export function OrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const locale = currentLocale();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ORDER, variables: { id } });
  useOrderEvents((event) => {
    if (event.purchaseOrderId === id) reexecute({ requestPolicy: 'network-only' });
  });
  const order = data?.purchaseOrder;
  const [revising, setRevising] = useState(false);
  if (!data && fetching) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;
  // The server says what the caller may do next (its lifecycle, roles and side): the buttons follow it.
  const may = (action: OrderAction) => order?.availableActions.includes(action) ?? false;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/orders">← {t('orders.back')}</Link>
      <ErrorAlert error={error} />
      {!order ? (
        !error && <Empty description={t('orders.notFound')} />
      ) : (
        <>
          <Card title={<span data-testid="order-number">{order.number}</span>} extra={<OrderStatusTag status={order.status} />}>
            <Descriptions column={{ xs: 1, md: 3 }} size="small">
              <Descriptions.Item label={t('orders.anchor')}>{order.anchor.name}</Descriptions.Item>
              <Descriptions.Item label={t('orders.supplier')}>{order.supplier.name}</Descriptions.Item>
              <Descriptions.Item
                label={t('orders.total')}
              >{`${formatDecimal(order.totalAmount, locale)} ${order.currency}`}</Descriptions.Item>
              <Descriptions.Item label={t('orders.published')}>{formatDateTime(order.publishedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('orders.revision')}>{order.revision}</Descriptions.Item>
              <Descriptions.Item label={t('orders.version')}>{order.version}</Descriptions.Item>
            </Descriptions>
            {order.notes && <Typography.Paragraph type="secondary">{order.notes}</Typography.Paragraph>}
            <Space wrap>
              {may('PUBLISH') && <PublishButton order={order} />}
              {may('REVISE') && !revising && (
                <Button onClick={() => setRevising(true)} data-testid="revise-order">
                  {t('revise.open')}
                </Button>
              )}
              {may('CANCEL') && <CancelButton order={order} />}
            </Space>
          </Card>
          {revising ? (
            <RevisePanel order={order} key={order.version} onDone={() => setRevising(false)} />
          ) : may('RESPOND') ? (
            <AnswerForm order={order} key={order.version} />
          ) : may('RESOLVE') ? (
            <ResolveForm order={order} key={order.version} />
          ) : (
            <Card title={t('orders.lines')}>
              <LinesTable order={order} />
            </Card>
          )}
          <Shipments order={order} canShip={may('SHIP')} canReceive={may('RECEIVE')} />
          <Card title={t('orders.history')}>
            <Timeline
              data-testid="history"
              items={order.events.map((e) => ({
                key: e.id,
                children: `${formatDateTime(e.at, locale)} · ${t(`event.${e.type}`)}${e.actor ? ` · ${e.actor.displayName}` : ''}`,
              }))}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

function useLineColumns() {
  const { t } = useTranslation();
  const locale = currentLocale();
  return [
    { title: t('line.number'), dataIndex: 'lineNumber', width: 64 },
    {
      title: t('line.part'),
      render: (_: unknown, l: Line) => (
        <>
          {l.part.partNumber}
          <br />
          <Typography.Text type="secondary">{l.part.description}</Typography.Text>
        </>
      ),
    },
    {
      title: t('line.quantity'),
      align: 'right' as const,
      render: (_: unknown, l: Line) => `${formatDecimal(l.quantity, locale)} ${l.uom}`,
    },
    { title: t('line.unitPrice'), align: 'right' as const, render: (_: unknown, l: Line) => formatDecimal(l.unitPrice, locale) },
    { title: t('line.requestedDate'), render: (_: unknown, l: Line) => formatDate(l.requestedDate, locale) },
    { title: t('line.status'), render: (_: unknown, l: Line) => <LineStatusTag status={l.status} /> },
  ];
}

/** A line as a phone shows it: the part, then quantity, price and date, each on its own. */
function LineSummary({ line }: { line: Line }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text strong>{`#${line.lineNumber} ${line.part.partNumber}`}</Typography.Text>
        <LineStatusTag status={line.status} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {line.part.description}
      </Typography.Paragraph>
      <div>{`${t('line.quantity')}: ${formatDecimal(line.quantity, locale)} ${line.uom}`}</div>
      <div>{`${t('line.unitPrice')}: ${formatDecimal(line.unitPrice, locale)}`}</div>
      <div>{`${t('line.requestedDate')}: ${formatDate(line.requestedDate, locale)}`}</div>
    </>
  );
}

function LinesTable({ order }: { order: Order }) {
  const columns = useLineColumns();
  if (useCompact()) {
    return (
      <List
        dataSource={order.lines}
        renderItem={(l) => (
          <List.Item style={{ display: 'block' }}>
            <LineSummary line={l} />
          </List.Item>
        )}
      />
    );
  }
  return <Table rowKey="id" size="small" pagination={false} dataSource={order.lines} columns={columns} />;
}

function PublishButton({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [state, publish] = useMutation(PUBLISH);
  return (
    <>
      <ErrorAlert error={state.error} />
      <Button
        type="primary"
        loading={state.fetching}
        onClick={async () => {
          const result = await publish({ id: order.id, version: order.version });
          if (result.data) void message.success(t('orders.published_ok'));
        }}
      >
        {t('orders.publish')}
      </Button>
    </>
  );
}

function CancelButton({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [state, cancel] = useMutation(CANCEL);
  const submit = async () => {
    const result = await cancel({ id: order.id, version: order.version, reason: reason.trim() });
    if (result.data) {
      setOpen(false);
      void message.success(t('orders.cancelled'));
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="cancel-order">
        {t('orders.cancel')}
      </Button>
      <Modal
        open={open}
        title={t('orders.cancelTitle', { number: order.number })}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={state.fetching}
        okText={t('orders.cancel')}
        destroyOnHidden
      >
        <ErrorAlert error={state.error} />
        <Input.TextArea
          rows={3}
          placeholder={t('orders.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="cancel-reason"
        />
      </Modal>
    </>
  );
}

interface Answer {
  decision: LineDecision;
  quantity?: string;
  deliveryDate?: string;
  unitPrice?: string;
  reasonCode?: ChangeReason;
  reason?: string;
}

/** The supplier's answer, line by line: accept, reject with a reason, or propose quantity, date or price. */
function AnswerForm({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(order.lines.filter((l) => l.status !== 'CANCELLED').map((l) => [l.id, { decision: 'ACCEPT' }])),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [state, respond] = useMutation(RESPOND);
  const update = (lineId: string, change: Partial<Answer>) => setAnswers((a) => ({ ...a, [lineId]: { ...a[lineId], ...change } }));
  const submit = async () => {
    const lines: LineResponseInput[] = [];
    for (const [lineId, a] of Object.entries(answers)) {
      if (a.decision !== 'ACCEPT' && !a.reasonCode) return setProblem(t('line.needReason'));
      if (a.decision === 'PROPOSE_CHANGE' && !a.quantity && !a.deliveryDate && !a.unitPrice) return setProblem(t('line.needChange'));
      if (a.decision === 'PROPOSE_CHANGE' && [a.quantity, a.unitPrice].some((v) => v && !isDecimal(v)))
        return setProblem(t('line.notDecimal'));
      lines.push({
        lineId,
        decision: a.decision,
        ...(a.decision === 'PROPOSE_CHANGE'
          ? { quantity: a.quantity || null, deliveryDate: a.deliveryDate || null, unitPrice: a.unitPrice || null }
          : {}),
        ...(a.decision !== 'ACCEPT' ? { reasonCode: a.reasonCode, reason: a.reason || null } : {}),
      });
    }
    setProblem(null);
    const result = await respond({ id: order.id, version: order.version, lines });
    if (result.data) void message.success(t('line.answered'));
  };
  const columns = [
    ...useLineColumns().filter((c) => c.title !== t('line.status')),
    {
      title: t('line.answer'),
      render: (_: unknown, l: Line) => {
        const a = answers[l.id];
        if (!a) return <LineStatusTag status={l.status} />;
        return <AnswerControls line={l} answer={a} update={update} />;
      },
    },
  ];
  const compact = useCompact();
  return (
    <Card title={t('orders.lines')}>
      <ErrorAlert error={state.error} />
      {problem && <Typography.Paragraph type="danger">{problem}</Typography.Paragraph>}
      {compact ? (
        <List
          dataSource={order.lines}
          renderItem={(l) => (
            <List.Item style={{ display: 'block' }}>
              <LineSummary line={l} />
              {answers[l.id] && (
                <div style={{ marginTop: 8 }}>
                  <AnswerControls line={l} answer={answers[l.id]} update={update} />
                </div>
              )}
            </List.Item>
          )}
        />
      ) : (
        <Table rowKey="id" size="small" pagination={false} dataSource={order.lines} columns={columns} />
      )}
      <Button
        type="primary"
        size={compact ? 'large' : 'middle'}
        block={compact}
        style={{ marginTop: 16 }}
        loading={state.fetching}
        onClick={submit}
        data-testid="submit-answer"
      >
        {t('line.submitAnswer')}
      </Button>
    </Card>
  );
}

/** One line's answer: accept, propose (quantity, date, price) or reject, with a reason. Touch-sized and stacked on a phone. */
function AnswerControls({
  line: l,
  answer: a,
  update,
}: {
  line: Line;
  answer: Answer;
  update: (lineId: string, change: Partial<Answer>) => void;
}) {
  const { t } = useTranslation();
  const compact = useCompact();
  const size = compact ? 'large' : 'small';
  const width = (px: number) => (compact ? '100%' : px);
  return (
    <Space
      direction="vertical"
      size={compact ? 8 : 4}
      style={compact ? { width: '100%' } : undefined}
      data-testid={`answer-${l.lineNumber}`}
    >
      <Radio.Group
        value={a.decision}
        onChange={(e) => update(l.id, { decision: e.target.value as LineDecision })}
        optionType="button"
        size={size}
        buttonStyle="solid"
        options={[
          { value: 'ACCEPT', label: t('line.accept') },
          { value: 'PROPOSE_CHANGE', label: t('line.propose') },
          { value: 'REJECT', label: t('line.reject') },
        ]}
      />
      {a.decision === 'PROPOSE_CHANGE' && (
        <Space wrap size={4} direction={compact ? 'vertical' : 'horizontal'} style={compact ? { width: '100%' } : undefined}>
          <Input
            size={size}
            style={{ width: width(120) }}
            inputMode="decimal"
            placeholder={t('line.proposedQuantity')}
            aria-label={t('line.proposedQuantity')}
            value={a.quantity}
            onChange={(e) => update(l.id, { quantity: e.target.value.trim() })}
            data-testid="proposed-quantity"
          />
          <Input
            size={size}
            style={{ width: width(150) }}
            type="date"
            aria-label={t('line.proposedDate')}
            value={a.deliveryDate}
            onChange={(e) => update(l.id, { deliveryDate: e.target.value })}
          />
          <Input
            size={size}
            style={{ width: width(120) }}
            inputMode="decimal"
            placeholder={t('line.proposedPrice')}
            aria-label={t('line.proposedPrice')}
            value={a.unitPrice}
            onChange={(e) => update(l.id, { unitPrice: e.target.value.trim() })}
          />
        </Space>
      )}
      {a.decision !== 'ACCEPT' && (
        <Space wrap size={4} direction={compact ? 'vertical' : 'horizontal'} style={compact ? { width: '100%' } : undefined}>
          <Select
            size={size}
            style={{ width: width(160) }}
            placeholder={t('line.reasonCode')}
            value={a.reasonCode}
            onChange={(v) => update(l.id, { reasonCode: v })}
            options={REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
            data-testid="reason-code"
          />
          <Input
            size={size}
            style={{ width: width(220) }}
            placeholder={t('line.reason')}
            value={a.reason}
            onChange={(e) => update(l.id, { reason: e.target.value })}
            data-testid="reason"
          />
        </Space>
      )}
    </Space>
  );
}

/** The buyer's decision on each proposed change, the request and the proposal side by side. */
function ResolveForm({ order }: { order: Order }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const proposed = order.lines.filter((l) => l.status === 'CHANGE_PROPOSED');
  const [accept, setAccept] = useState<Record<string, boolean>>(() => Object.fromEntries(proposed.map((l) => [l.id, true])));
  const [state, resolve] = useMutation(RESOLVE);
  const submit = async () => {
    const result = await resolve({
      id: order.id,
      version: order.version,
      resolutions: proposed.map((l) => ({ lineId: l.id, accept: accept[l.id] })),
    });
    if (result.data) void message.success(t('line.resolved'));
  };
  const side = (l: Line, which: 'requested' | 'proposal') => {
    const p = l.proposal;
    const quantity = which === 'requested' ? l.quantity : (p?.quantity ?? l.quantity);
    const date = which === 'requested' ? l.requestedDate : (p?.deliveryDate ?? l.requestedDate);
    const price = which === 'requested' ? l.unitPrice : (p?.unitPrice ?? l.unitPrice);
    const changed = (a: unknown, b: unknown) => which === 'proposal' && a !== b;
    return (
      <Space direction="vertical" size={0}>
        <Typography.Text
          mark={changed(quantity, l.quantity)}
        >{`${t('line.quantity')}: ${formatDecimal(quantity, locale)} ${l.uom}`}</Typography.Text>
        <Typography.Text mark={changed(date, l.requestedDate)}>{`${t('line.requestedDate')}: ${formatDate(date, locale)}`}</Typography.Text>
        <Typography.Text mark={changed(price, l.unitPrice)}>{`${t('line.unitPrice')}: ${formatDecimal(price, locale)}`}</Typography.Text>
        {which === 'proposal' && p?.reasonCode && (
          <Typography.Text type="secondary">{`${t(`reason.${p.reasonCode}`)}${p.reason ? ` · ${p.reason}` : ''}`}</Typography.Text>
        )}
      </Space>
    );
  };
  return (
    <Card title={t('orders.lines')}>
      <ErrorAlert error={state.error} />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={order.lines}
        columns={[
          { title: t('line.number'), dataIndex: 'lineNumber', width: 64 },
          { title: t('line.part'), render: (_, l) => l.part.partNumber },
          { title: t('line.requested'), render: (_, l) => side(l, 'requested') },
          {
            title: t('line.proposal'),
            render: (_, l) => (l.status === 'CHANGE_PROPOSED' ? side(l, 'proposal') : <LineStatusTag status={l.status} />),
          },
          {
            title: t('line.answer'),
            render: (_, l) =>
              l.status === 'CHANGE_PROPOSED' ? (
                <Radio.Group
                  value={accept[l.id]}
                  onChange={(e) => setAccept((a) => ({ ...a, [l.id]: e.target.value === true }))}
                  optionType="button"
                  size="small"
                  data-testid={`resolve-${l.lineNumber}`}
                  options={[
                    { value: true, label: t('line.acceptProposal') },
                    { value: false, label: t('line.rejectProposal') },
                  ]}
                />
              ) : null,
          },
        ]}
      />
      <Button type="primary" style={{ marginTop: 16 }} loading={state.fetching} onClick={submit} data-testid="submit-resolution">
        {t('line.submitResolution')}
      </Button>
    </Card>
  );
}
