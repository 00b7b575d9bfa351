import { App, Button, Card, Descriptions, Empty, Input, Space, Spin, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useCompact } from '../compact.js';
import { isDecimal, lessThan } from '../decimal.js';
import { forecastCsv } from '../forecast-csv.js';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { ForecastQuery } from '../gql/graphql.js';
import { currentLocale, formatDate, formatDateTime, formatDecimal } from '../i18n.js';

const FORECAST = graphql(`
  query Forecast($id: ID!) {
    forecast(id: $id) {
      id
      revision
      status
      granularity
      horizonStart
      bucketCount
      firmBuckets
      publishedAt
      availableActions
      anchor {
        id
        name
      }
      supplier {
        id
        name
      }
      summary {
        totalDemand
        totalCommitted
        shortfallBuckets
      }
      lines {
        part {
          id
          partNumber
          description
          uom
        }
        buckets {
          periodStart
          quantity
          previousQuantity
          committedQuantity
          commitNote
          firm
        }
      }
    }
  }
`);

const COMMIT = graphql(`
  mutation CommitForecast($forecastId: ID!, $commitments: [CommitmentInput!]!) {
    commitForecast(forecastId: $forecastId, commitments: $commitments) {
      id
      summary {
        totalDemand
        totalCommitted
        shortfallBuckets
      }
    }
  }
`);

type Forecast = NonNullable<ForecastQuery['forecast']>;
type Line = Forecast['lines'][number];
const key = (partId: string, periodStart: string) => `${partId}|${periodStart}`;

/** Quantities compare as decimals written by the API (no trailing zeros), so text comparison is exact. */
function changed(b: Line['buckets'][number]): boolean {
  return b.previousQuantity !== null && b.previousQuantity !== undefined && b.previousQuantity !== b.quantity;
}

export function ForecastPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: FORECAST, variables: { id } });
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [state, commit] = useMutation(COMMIT);
  const forecast = data?.forecast;
  // The server says whether the caller may commit (the forecast's lifecycle, roles and side).
  const canCommit = forecast?.availableActions.includes('COMMIT') ?? false;
  const periods = useMemo(() => forecast?.lines[0]?.buckets.map((b) => b.periodStart) ?? [], [forecast]);
  const compact = useCompact();
  if (!data && fetching) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;
  if (!forecast)
    return error ? (
      <ErrorAlert error={error} />
    ) : (
      <Empty description={t('forecast.notFound')}>
        <Link to="/forecasts">{t('forecast.back')}</Link>
      </Empty>
    );

  const download = () => {
    const url = URL.createObjectURL(new Blob([forecastCsv(forecast.lines)], { type: 'text/csv;charset=utf-8' }));
    const a = Object.assign(document.createElement('a'), {
      href: url,
      download: `forecast-${forecast.supplier.name}-r${forecast.revision}.csv`,
    });
    a.click();
    URL.revokeObjectURL(url);
  };
  const save = async () => {
    const commitments = Object.entries(edits).map(([k, quantity]) => {
      const [partId, periodStart] = k.split('|') as [string, string];
      const saved = forecast.lines.find((l) => l.part.id === partId)?.buckets.find((b) => b.periodStart === periodStart)?.commitNote;
      return { partId, periodStart, quantity: quantity === '' ? '0' : quantity, note: (notes[k] ?? saved ?? '').trim() || null };
    });
    const result = await commit({ forecastId: forecast.id, commitments });
    if (result.data) {
      setEdits({});
      setNotes({});
      void message.success(t('forecast.committed', { count: commitments.length }));
    }
  };
  const actions = (
    <Space wrap>
      <Button size={compact ? 'large' : 'middle'} onClick={download} data-testid="forecast-download">
        {t('forecast.download')}
      </Button>
      {canCommit && (
        <Button
          type="primary"
          size={compact ? 'large' : 'middle'}
          disabled={!Object.keys(edits).length || Object.values(edits).some((v) => v !== '' && !isDecimal(v))}
          loading={state.fetching}
          onClick={save}
          data-testid="forecast-commit"
        >
          {t('forecast.saveCommitments')}
        </Button>
      )}
    </Space>
  );

  const columns = [
    {
      title: t('line.part'),
      fixed: 'left' as const,
      // On a phone the part column stays narrow so a week's cell fits beside it.
      width: compact ? 110 : 180,
      render: (_: unknown, line: Line) => (
        <Tooltip title={line.part.description}>
          <span>{line.part.partNumber}</span>
        </Tooltip>
      ),
    },
    ...periods.map((period, index) => ({
      title: <span style={{ whiteSpace: 'nowrap' }}>{formatDate(period, locale)}</span>,
      key: period,
      width: 130,
      onCell: () => ({ style: index < forecast.firmBuckets ? { background: '#fff7e6' } : {} }),
      onHeaderCell: () => ({ style: index < forecast.firmBuckets ? { background: '#ffe7ba' } : {} }),
      render: (_: unknown, line: Line) => {
        const b = line.buckets[index];
        const k = key(line.part.id, b.periodStart);
        const committed = edits[k] ?? b.committedQuantity ?? '';
        // Below demand in the firm zone the API asks why (a note); the hint here is only a hint.
        const asSent = committed === '' ? '0' : committed; // an emptied cell is sent as 0
        const short = isDecimal(asSent) && lessThan(asSent, b.quantity);
        return (
          <Space direction="vertical" size={2}>
            {changed(b) ? (
              <Tooltip title={t('forecast.previous', { value: formatDecimal(b.previousQuantity, locale) })}>
                <Typography.Text mark data-testid="changed-demand">
                  {formatDecimal(b.quantity, locale)}
                </Typography.Text>
              </Tooltip>
            ) : (
              <Typography.Text>{formatDecimal(b.quantity, locale)}</Typography.Text>
            )}
            {canCommit ? (
              <Input
                size={compact ? 'large' : 'small'}
                inputMode="decimal"
                style={{ width: 100 }}
                aria-label={`${line.part.partNumber} ${b.periodStart}`}
                status={committed !== '' && !isDecimal(committed) ? 'error' : short ? 'warning' : undefined}
                placeholder={t('forecast.commit')}
                value={committed}
                onChange={(e) => setEdits((x) => ({ ...x, [k]: e.target.value.trim() }))}
                data-testid={`commit-${line.part.partNumber}-${index}`}
              />
            ) : null}
            {canCommit && short && k in edits ? (
              <Input
                size={compact ? 'large' : 'small'}
                style={{ width: 100 }}
                placeholder={t('forecast.note')}
                value={notes[k] ?? b.commitNote ?? ''}
                onChange={(e) => setNotes((x) => ({ ...x, [k]: e.target.value }))}
                data-testid={`note-${line.part.partNumber}-${index}`}
              />
            ) : canCommit ? (
              b.commitNote && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {b.commitNote}
                </Typography.Text>
              )
            ) : (
              <Typography.Text type="secondary">
                {b.committedQuantity === null || b.committedQuantity === undefined ? '–' : formatDecimal(b.committedQuantity, locale)}
              </Typography.Text>
            )}
          </Space>
        );
      },
    })),
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/forecasts">← {t('forecast.back')}</Link>
      <Card
        title={compact ? t('forecast.title') : `${t('forecast.title')} · ${forecast.anchor.name} → ${forecast.supplier.name}`}
        extra={!compact && actions}
      >
        {compact && <Typography.Paragraph>{`${forecast.anchor.name} → ${forecast.supplier.name}`}</Typography.Paragraph>}
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label={t('forecast.revision')}>{forecast.revision}</Descriptions.Item>
          <Descriptions.Item label={t('orders.published')}>{formatDateTime(forecast.publishedAt, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('forecast.totalDemand')}>{formatDecimal(forecast.summary.totalDemand, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('forecast.totalCommitted')}>
            <span data-testid="total-committed">{formatDecimal(forecast.summary.totalCommitted, locale)}</span>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary">{t('forecast.legend', { firm: forecast.firmBuckets })}</Typography.Paragraph>
        <ErrorAlert error={state.error} />
        {/* The grid scrolls sideways within itself (the page does not), the part column fixed. */}
        <Table
          rowKey={(l) => l.part.id}
          size="small"
          bordered
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={forecast.lines}
          columns={columns}
          data-testid="forecast-grid"
        />
        {compact && <div style={{ marginTop: 12 }}>{actions}</div>}
      </Card>
    </Space>
  );
}
