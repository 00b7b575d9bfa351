import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { percent, scorecardPeriod } from '../format.js';
import { graphql } from '../gql/index.js';
import type { Session } from '../session.js';

const MY_SCORECARD = graphql(`
  query MyScorecard($supplierId: ID!, $from: Date!, $to: Date!) {
    supplierScorecard(supplierId: $supplierId, from: $from, to: $to) {
      from
      to
      ordersCount
      meanResponseHours
      onTimeRate
      inFullRate
      otifRate
      forecastCommitRatio
    }
  }
`);

/** How the supplier's customers see its deliveries, answers and commitments. */
export function ScorecardPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({
    query: MY_SCORECARD,
    variables: { supplierId: session.user.organization.id, ...scorecardPeriod() },
  });
  const s = data?.supplierScorecard;
  return (
    <Card title={t('scorecard.title')} loading={fetching && !data}>
      <ErrorAlert error={error} />
      {s && (
        <Row gutter={[24, 24]} data-testid="scorecard">
          <Col span={8}>
            <Statistic title={t('scorecard.orders')} value={s.ordersCount} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('scorecard.response')}
              value={
                s.meanResponseHours === null || s.meanResponseHours === undefined ? t('scorecard.none') : s.meanResponseHours.toFixed(1)
              }
            />
          </Col>
          <Col span={8}>
            <Statistic title={t('scorecard.commit')} value={percent(s.forecastCommitRatio)} />
          </Col>
          <Col span={8}>
            <Statistic title={t('scorecard.onTime')} value={percent(s.onTimeRate)} />
          </Col>
          <Col span={8}>
            <Statistic title={t('scorecard.inFull')} value={percent(s.inFullRate)} />
          </Col>
          <Col span={8}>
            <Statistic title={t('scorecard.otif')} value={percent(s.otifRate)} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
