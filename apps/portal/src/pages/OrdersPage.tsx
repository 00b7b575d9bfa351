import { Badge, Button, Card, Empty, List, Select, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useCompact } from '../compact.js';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { PurchaseOrderStatus } from '../gql/graphql.js';
import { currentLocale, formatDateTime, formatDecimal } from '../i18n.js';
import { useOrderEvents } from '../live.js';
import type { Session } from '../session.js';
import { OrderStatusTag } from '../status.js';

const ORDERS = graphql(`
  query Orders($filter: PurchaseOrderFilter, $first: Int, $after: String) {
    purchaseOrders(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        status
        currency
        totalAmount
        publishedAt
        anchor {
          id
          name
        }
        supplier {
          id
          name
        }
      }
    }
  }
`);

const INBOX_COUNTS = graphql(`
  query InboxCounts {
    new: purchaseOrders(filter: { status: [PUBLISHED], revised: false }, first: 1) {
      totalCount
    }
    awaiting: purchaseOrders(filter: { status: [PUBLISHED] }, first: 1) {
      totalCount
    }
    changeProposed: purchaseOrders(filter: { status: [CHANGE_PROPOSED] }, first: 1) {
      totalCount
    }
    toShip: purchaseOrders(filter: { status: [CONFIRMED, PARTIALLY_SHIPPED] }, first: 1) {
      totalCount
    }
  }
`);

const SUPPLIERS = graphql(`
  query OrderFilterSuppliers {
    partnerships {
      id
      supplier {
        id
        name
      }
    }
  }
`);

/** The supplier's inbox: what needs an answer, what waits for the buyer, what to ship. */
type TabKey = 'new' | 'awaiting' | 'changeProposed' | 'toShip' | 'all';
const SUPPLIER_TABS: { key: TabKey; status?: PurchaseOrderStatus[]; revised?: boolean }[] = [
  // New: published and never answered or revised; awaiting my answer: every published order, revised ones included.
  { key: 'new', status: ['PUBLISHED'], revised: false },
  { key: 'awaiting', status: ['PUBLISHED'] },
  { key: 'changeProposed', status: ['CHANGE_PROPOSED'] },
  { key: 'toShip', status: ['CONFIRMED', 'PARTIALLY_SHIPPED'] },
  { key: 'all' },
];
const ALL_STATUSES: PurchaseOrderStatus[] = [
  'DRAFT',
  'PUBLISHED',
  'CHANGE_PROPOSED',
  'CONFIRMED',
  'REJECTED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'RECEIVED',
  'CLOSED',
  'CANCELLED',
];
const PAGE = 50;

export function OrdersPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  const isSupplier = session.user.organization.kind === 'SUPPLIER';
  // Tab and filters live in the address, so going back from an order returns to the same list.
  const [params, setParams] = useSearchParams();
  const tab = (SUPPLIER_TABS.some((x) => x.key === params.get('tab')) ? params.get('tab') : 'awaiting') as TabKey;
  const statuses = (params
    .get('status')
    ?.split(',')
    .filter((x) => ALL_STATUSES.includes(x as PurchaseOrderStatus)) ?? []) as PurchaseOrderStatus[];
  const supplierId = params.get('supplier') ?? undefined;
  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const setTab = (key: TabKey) => setParam('tab', key);
  const setStatuses = (value: PurchaseOrderStatus[]) => setParam('status', value.join(','));
  const setSupplierId = (value: string | undefined) => setParam('supplier', value);
  const [{ data: partners }] = useQuery({ query: SUPPLIERS, pause: isSupplier });
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const current = SUPPLIER_TABS.find((x) => x.key === tab)!;
  const filter = isSupplier
    ? { ...(current.status ? { status: current.status } : {}), ...(current.revised !== undefined ? { revised: current.revised } : {}) }
    : { ...(statuses.length ? { status: statuses } : {}), ...(supplierId ? { supplierId } : {}) };
  const [counts, refetchCounts] = useQuery({ query: INBOX_COUNTS, pause: !isSupplier });
  const [refresh, setRefresh] = useState(0);
  const reset = () => setPages([null]);
  useOrderEvents(() => {
    if (isSupplier) refetchCounts({ requestPolicy: 'network-only' });
    setRefresh((n) => n + 1);
  });

  const tabLabel = (key: TabKey) => {
    const n = key === 'all' ? undefined : counts.data?.[key].totalCount;
    return (
      <Space size={6} data-testid={`tab-${key}`}>
        {t(`orders.tabs.${key}`)}
        {n !== undefined && <Badge count={n} showZero color={n ? '#0b5394' : '#bbb'} />}
      </Space>
    );
  };

  return (
    <Card
      title={isSupplier ? t('orders.inbox') : t('orders.title')}
      extra={
        !isSupplier &&
        session.user.roles.includes('PROCUREMENT') && (
          <Link to="/orders/new">
            <Button type="primary" data-testid="new-order">
              {t('orders.new')}
            </Button>
          </Link>
        )
      }
    >
      {isSupplier ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setTab(key as typeof tab);
            reset();
          }}
          items={SUPPLIER_TABS.map((x) => ({ key: x.key, label: tabLabel(x.key) }))}
        />
      ) : (
        <Space style={{ marginBottom: 16 }} wrap>
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 280 }}
            placeholder={t('orders.filterStatus')}
            value={statuses}
            onChange={(value) => {
              setStatuses(value);
              reset();
            }}
            options={ALL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            data-testid="status-filter"
          />
          <Select
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('orders.supplier')}
            value={supplierId}
            onChange={(value) => {
              setSupplierId(value);
              reset();
            }}
            options={(partners?.partnerships ?? []).map((p) => ({ value: p.supplier.id, label: p.supplier.name }))}
            data-testid="supplier-filter"
          />
        </Space>
      )}
      {pages.map((after, index) => (
        <OrdersPageChunk
          key={`${tab}:${statuses.join()}:${supplierId}:${index}:${after}`}
          filter={filter}
          after={after}
          isSupplier={isSupplier}
          first={index === 0}
          refresh={refresh}
          onMore={index === pages.length - 1 ? (cursor) => setPages((p) => [...p, cursor]) : undefined}
        />
      ))}
    </Card>
  );
}

function OrdersPageChunk(props: {
  filter: object;
  after: string | null;
  isSupplier: boolean;
  first: boolean;
  refresh: number;
  onMore?: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ORDERS,
    variables: { filter: props.filter, first: PAGE, after: props.after },
  });
  useEffect(() => {
    if (props.refresh) reexecute({ requestPolicy: 'network-only' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetch when asked to, not when urql hands out a new function
  }, [props.refresh]);
  const connection = data?.purchaseOrders;
  const compact = useCompact();
  const more = connection?.pageInfo.hasNextPage && props.onMore && (
    <Button
      size={compact ? 'large' : 'middle'}
      block={compact}
      style={{ marginTop: 12 }}
      onClick={() => props.onMore!(connection.pageInfo.endCursor!)}
    >
      {t('orders.more')}
    </Button>
  );
  if (compact) {
    // On a phone: one card per order, the whole card a link (a touch target, not a table row).
    return (
      <>
        <ErrorAlert error={error} />
        <List
          loading={fetching && !data}
          dataSource={connection?.nodes ?? []}
          locale={{ emptyText: <Empty description={props.isSupplier ? t('orders.emptySupplier') : t('orders.emptyAnchor')} /> }}
          renderItem={(o) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Link to={`/orders/${o.id}`} style={{ display: 'block', width: '100%' }} data-testid="order-link">
                <Card size="small" hoverable>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                    <Typography.Text strong>{o.number}</Typography.Text>
                    <OrderStatusTag status={o.status} />
                  </Space>
                  <div>{props.isSupplier ? o.anchor.name : o.supplier.name}</div>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                    <Typography.Text>{`${formatDecimal(o.totalAmount, locale)} ${o.currency}`}</Typography.Text>
                    <Typography.Text type="secondary">{formatDateTime(o.publishedAt, locale)}</Typography.Text>
                  </Space>
                </Card>
              </Link>
            </List.Item>
          )}
        />
        {more}
      </>
    );
  }
  return (
    <>
      <ErrorAlert error={error} />
      <Table
        rowKey="id"
        size="middle"
        loading={fetching && !data}
        showHeader={props.first}
        pagination={false}
        dataSource={connection?.nodes ?? []}
        locale={{ emptyText: <Empty description={props.isSupplier ? t('orders.emptySupplier') : t('orders.emptyAnchor')} /> }}
        columns={[
          {
            title: t('orders.number'),
            dataIndex: 'number',
            render: (_, o) => (
              <Link to={`/orders/${o.id}`} data-testid="order-link">
                {o.number}
              </Link>
            ),
          },
          props.isSupplier
            ? { title: t('orders.anchor'), render: (_, o) => o.anchor.name }
            : { title: t('orders.supplier'), render: (_, o) => o.supplier.name },
          { title: t('orders.status'), render: (_, o) => <OrderStatusTag status={o.status} /> },
          { title: t('orders.total'), align: 'right', render: (_, o) => `${formatDecimal(o.totalAmount, locale)} ${o.currency}` },
          { title: t('orders.published'), render: (_, o) => formatDateTime(o.publishedAt, locale) },
        ]}
      />
      {more}
    </>
  );
}
