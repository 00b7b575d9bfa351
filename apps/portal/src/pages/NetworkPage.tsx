import { Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { SupplierScorecardsQuery } from '../gql/graphql.js';
import { percent, scorecardPeriod } from '../format.js';

const OVERVIEW = graphql(`
  query NetworkOverview {
    networkOverview {
      supplierCount
      openOrders
      onTimeDeliveryRate
      activeRollouts
      completedRollouts
      suppliersByLevel {
        level
        count
      }
    }
    partnerships(status: ACTIVE) {
      id
      supplier {
        id
        name
        gradientLevel
      }
    }
    rollouts {
      id
      status
      progress
      package {
        id
        title
        targetLevel
      }
      supplier {
        id
        name
      }
    }
  }
`);

const SCORECARDS = graphql(`
  query SupplierScorecards($from: Date!, $to: Date!) {
    supplierScorecards(from: $from, to: $to) {
      supplier {
        id
      }
      ordersCount
      onTimeRate
      otifRate
      forecastCommitRatio
    }
  }
`);

type ScorecardSummary = SupplierScorecardsQuery['supplierScorecards'][number];

const LEVELS = ['NAVIGATOR', 'EXCELLENT', 'ADVANCED', 'BASIC', null] as const;
const LEVEL_COLORS: Record<string, string> = {
  NAVIGATOR: '#531dab',
  EXCELLENT: '#0b5394',
  ADVANCED: '#389e0d',
  BASIC: '#d48806',
  none: '#bfbfbf',
};

/** The anchor's view of its chain: how far suppliers have come, how they deliver, where rollouts stand. */
export function NetworkPage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: OVERVIEW });
  // Every supplier's scorecard in one request, over the last 90 days as the page opened.
  const [period] = useState(scorecardPeriod);
  const [{ data: scorecards }] = useQuery({ query: SCORECARDS, variables: period });
  const cardOf = new Map((scorecards?.supplierScorecards ?? []).map((card) => [card.supplier.id, card]));
  const overview = data?.networkOverview;
  const total = overview?.supplierCount || 1;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ErrorAlert error={error} />
      <Card title={t('network.title')} loading={fetching && !data}>
        {overview && (
          <Row gutter={24}>
            <Col span={4} data-testid="supplier-count">
              <Statistic title={t('network.suppliers')} value={overview.supplierCount} />
            </Col>
            <Col span={5}>
              <Statistic title={t('network.openOrders')} value={overview.openOrders} />
            </Col>
            <Col span={5}>
              <Statistic title={t('network.onTime')} value={percent(overview.onTimeDeliveryRate)} />
            </Col>
            <Col span={5}>
              <Statistic title={t('network.activeRollouts')} value={overview.activeRollouts} />
            </Col>
            <Col span={5}>
              <Statistic title={t('network.completedRollouts')} value={overview.completedRollouts} />
            </Col>
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
                <Col span={3}>
                  <Typography.Text>{level ? t(`level.${level}`) : t('network.unassessed')}</Typography.Text>
                </Col>
                <Col span={18}>
                  <Progress percent={(100 * count) / total} showInfo={false} strokeColor={LEVEL_COLORS[level ?? 'none']} />
                </Col>
                <Col span={3}>
                  <Typography.Text strong>{count}</Typography.Text>
                </Col>
              </Row>
            );
          })}
        </Space>
      </Card>
      <Card title={t('network.scorecards')}>
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={data?.partnerships ?? []}
          locale={{ emptyText: <Empty /> }}
          columns={[
            { title: t('orders.supplier'), render: (_, p) => p.supplier.name },
            {
              title: t('network.level'),
              render: (_, p) =>
                p.supplier.gradientLevel ? (
                  <Tag color={LEVEL_COLORS[p.supplier.gradientLevel]}>{t(`level.${p.supplier.gradientLevel}`)}</Tag>
                ) : (
                  t('network.unassessed')
                ),
            },
            { title: t('scorecard.title'), render: (_, p) => <ScorecardCells card={cardOf.get(p.supplier.id)} /> },
          ]}
        />
      </Card>
      <Card title={t('network.rollouts')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data?.rollouts ?? []}
          locale={{ emptyText: <Empty /> }}
          columns={[
            { title: t('network.package'), render: (_, r) => r.package.title },
            { title: t('network.targetLevel'), render: (_, r) => t(`level.${r.package.targetLevel}`) },
            { title: t('orders.supplier'), render: (_, r) => r.supplier.name },
            { title: t('orders.status'), render: (_, r) => t(`rollout.statuses.${r.status}`) },
            {
              title: t('network.progress'),
              width: 220,
              render: (_, r) => <Progress percent={Math.round(r.progress * 100)} size="small" />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function ScorecardCells({ card }: { card: ScorecardSummary | undefined }) {
  const { t } = useTranslation();
  if (!card) return null;
  return (
    <Space size="large" wrap>
      <span>
        {t('scorecard.orders')}: {card.ordersCount}
      </span>
      <span>
        {t('scorecard.otif')}: {percent(card.otifRate)}
      </span>
      <span>
        {t('scorecard.onTime')}: {percent(card.onTimeRate)}
      </span>
      <span>
        {t('scorecard.commit')}: {percent(card.forecastCommitRatio)}
      </span>
    </Space>
  );
}
