import { Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import { percent, scorecardPeriod } from '../format.js';

const OVERVIEW = graphql(`
  query NetworkOverview {
    networkOverview {
      supplierCount openOrders onTimeDeliveryRate activeRollouts completedRollouts
      suppliersByLevel { level count }
    }
    partnerships(status: ACTIVE) { id supplier { id name gradientLevel } }
    rollouts { id status progress package { id title targetLevel } supplier { id name } }
  }
`);

const SCORECARD = graphql(`
  query Scorecard($supplierId: ID!, $from: Date!, $to: Date!) {
    supplierScorecard(supplierId: $supplierId, from: $from, to: $to) {
      ordersCount meanResponseHours onTimeRate inFullRate otifRate forecastCommitRatio
    }
  }
`);

const LEVELS = ['NAVIGATOR', 'EXCELLENT', 'ADVANCED', 'BASIC', null] as const;
const LEVEL_COLORS: Record<string, string> = { NAVIGATOR: '#531dab', EXCELLENT: '#0b5394', ADVANCED: '#389e0d', BASIC: '#d48806', none: '#bfbfbf' };

/** The anchor's view of its chain: how far suppliers have come, how they deliver, where rollouts stand. */
export function NetworkPage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: OVERVIEW });
  const overview = data?.networkOverview;
  const total = overview?.supplierCount || 1;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ErrorAlert error={error} />
      <Card title={t('network.title')} loading={fetching && !data}>
        {overview && (
          <Row gutter={24}>
            <Col span={4} data-testid="supplier-count"><Statistic title={t('network.suppliers')} value={overview.supplierCount} /></Col>
            <Col span={5}><Statistic title={t('network.openOrders')} value={overview.openOrders} /></Col>
            <Col span={5}><Statistic title={t('network.onTime')} value={percent(overview.onTimeDeliveryRate)} /></Col>
            <Col span={5}><Statistic title={t('network.activeRollouts')} value={overview.activeRollouts} /></Col>
            <Col span={5}><Statistic title={t('network.completedRollouts')} value={overview.completedRollouts} /></Col>
          </Row>
        )}
      </Card>
      <Card title={t('network.byLevel')}>
        {/* A bar per level, widths proportional to the number of suppliers. */}
        <Space direction="vertical" style={{ width: '100%' }} data-testid="levels">
          {LEVELS.map((level) => {
            const count = overview?.suppliersByLevel.find((l) => (l.level ?? null) === level)?.count ?? 0;
            return (
              <Row key={level ?? 'none'} align="middle" gutter={12}>
                <Col span={3}><Typography.Text>{level ? t(`level.${level}`) : t('network.unassessed')}</Typography.Text></Col>
                <Col span={18}><Progress percent={(100 * count) / total} showInfo={false} strokeColor={LEVEL_COLORS[level ?? 'none']} /></Col>
                <Col span={3}><Typography.Text strong>{count}</Typography.Text></Col>
              </Row>
            );
          })}
        </Space>
      </Card>
      <Card title={t('network.scorecards')}>
        {/* One scorecard request per row shown: pages of 20 keep that bounded (the API has no scorecards-of-all-suppliers query). */}
        <Table rowKey="id" size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={data?.partnerships ?? []} locale={{ emptyText: <Empty /> }}
          columns={[
            { title: t('orders.supplier'), render: (_, p) => p.supplier.name },
            { title: t('network.level'), render: (_, p) => (p.supplier.gradientLevel ? <Tag color={LEVEL_COLORS[p.supplier.gradientLevel]}>{t(`level.${p.supplier.gradientLevel}`)}</Tag> : t('network.unassessed')) },
            { title: t('scorecard.title'), render: (_, p) => <ScorecardCells supplierId={p.supplier.id} /> },
          ]} />
      </Card>
      <Card title={t('network.rollouts')}>
        <Table rowKey="id" size="small" pagination={false} dataSource={data?.rollouts ?? []} locale={{ emptyText: <Empty /> }}
          columns={[
            { title: t('network.package'), render: (_, r) => r.package.title },
            { title: t('network.targetLevel'), render: (_, r) => t(`level.${r.package.targetLevel}`) },
            { title: t('orders.supplier'), render: (_, r) => r.supplier.name },
            { title: t('orders.status'), render: (_, r) => t(`rollout.statuses.${r.status}`) },
            { title: t('network.progress'), width: 220, render: (_, r) => <Progress percent={Math.round(r.progress * 100)} size="small" /> },
          ]} />
      </Card>
    </Space>
  );
}

function ScorecardCells({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: SCORECARD, variables: { supplierId, ...scorecardPeriod() } });
  const s = data?.supplierScorecard;
  if (!s) return null;
  return (
    <Space size="large" wrap>
      <span>{t('scorecard.orders')}: {s.ordersCount}</span>
      <span>{t('scorecard.otif')}: {percent(s.otifRate)}</span>
      <span>{t('scorecard.onTime')}: {percent(s.onTimeRate)}</span>
      <span>{t('scorecard.commit')}: {percent(s.forecastCommitRatio)}</span>
    </Space>
  );
}
