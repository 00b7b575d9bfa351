import { Card, Empty, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { remaining } from '../decimal.js';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import { currentLocale, formatDate, formatDecimal } from '../i18n.js';

const RISKS = graphql(`
  query SupplyRisks($firmOnly: Boolean) {
    supplyRisks(firmOnly: $firmOnly) {
      periodStart
      demand
      committed
      firm
      part {
        id
        partNumber
        description
      }
      forecast {
        id
        supplier {
          id
          name
        }
      }
    }
  }
`);

/** Where suppliers have committed less than the forecast asks for, firm periods first. */
export function RisksPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [firmOnly, setFirmOnly] = useState(true);
  const [{ data, fetching, error }] = useQuery({ query: RISKS, variables: { firmOnly } });
  return (
    <Card
      title={t('risks.title')}
      extra={
        <Space>
          {t('risks.firmOnly')}
          <Switch checked={firmOnly} onChange={setFirmOnly} />
        </Space>
      }
    >
      <ErrorAlert error={error} />
      <Table
        rowKey={(r) => `${r.forecast.id}:${r.part.id}:${r.periodStart}`}
        size="small"
        loading={fetching && !data}
        dataSource={data?.supplyRisks ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('risks.empty')} /> }}
        data-testid="risks"
        columns={[
          { title: t('orders.supplier'), render: (_, r) => <Link to={`/forecasts/${r.forecast.id}`}>{r.forecast.supplier.name}</Link> },
          { title: t('line.part'), render: (_, r) => `${r.part.partNumber} · ${r.part.description}` },
          {
            title: t('risks.period'),
            render: (_, r) => (
              <Space>
                {formatDate(r.periodStart, locale)}
                {r.firm && <Tag color="orange">{t('risks.firm')}</Tag>}
              </Space>
            ),
          },
          { title: t('risks.demand'), align: 'right', render: (_, r) => formatDecimal(r.demand, locale) },
          { title: t('risks.committed'), align: 'right', render: (_, r) => formatDecimal(r.committed, locale) },
          {
            title: t('risks.gap'),
            align: 'right',
            render: (_, r) => <Tag color="red">{formatDecimal(remaining(r.demand, r.committed ?? '0'), locale)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
