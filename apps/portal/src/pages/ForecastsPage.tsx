import { App, Button, Card, Empty, InputNumber, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type CombinedError, useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { BucketGranularity } from '../gql/graphql.js';
import { currentLocale, formatDate, formatDateTime, formatDecimal } from '../i18n.js';
import type { Session } from '../session.js';
import { useActiveSupplierOptions } from '../suppliers.js';

const FORECASTS = graphql(`
  query Forecasts($filter: ForecastFilter) {
    forecasts(filter: $filter, first: 100) {
      nodes {
        id
        revision
        status
        granularity
        horizonStart
        bucketCount
        firmBuckets
        publishedAt
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
      }
    }
  }
`);

const IMPORT = graphql(`
  mutation ImportForecast($input: ImportForecastInput!) {
    importForecast(input: $input) {
      id
      revision
    }
  }
`);

export function ForecastsPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const isAnchor = session.user.organization.kind === 'ANCHOR';
  const [{ data, fetching, error }] = useQuery({ query: FORECASTS, variables: { filter: { status: 'PUBLISHED' } } });
  const forecasts = data?.forecasts.nodes ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {isAnchor && session.user.roles.includes('PLANNER') && <ImportCard />}
      <Card title={t('forecast.current')}>
        <ErrorAlert error={error} />
        <Table
          rowKey="id"
          loading={fetching && !data}
          pagination={false}
          dataSource={forecasts}
          locale={{ emptyText: <Empty description={isAnchor ? t('forecast.emptyAnchor') : t('forecast.emptySupplier')} /> }}
          columns={[
            {
              title: isAnchor ? t('orders.supplier') : t('orders.anchor'),
              render: (_, f) => (
                <Link to={`/forecasts/${f.id}`} data-testid="forecast-link">
                  {isAnchor ? f.supplier.name : f.anchor.name}
                </Link>
              ),
            },
            { title: t('forecast.revision'), dataIndex: 'revision' },
            {
              title: t('forecast.horizon'),
              render: (_, f) => `${formatDate(f.horizonStart, locale)} · ${f.bucketCount} ${t(`forecast.granularity.${f.granularity}`)}`,
            },
            { title: t('forecast.totalDemand'), align: 'right', render: (_, f) => formatDecimal(f.summary.totalDemand, locale) },
            { title: t('forecast.totalCommitted'), align: 'right', render: (_, f) => formatDecimal(f.summary.totalCommitted, locale) },
            {
              title: t('forecast.shortfalls'),
              align: 'right',
              render: (_, f) => (
                <Typography.Text type={f.summary.shortfallBuckets ? 'danger' : undefined}>{f.summary.shortfallBuckets}</Typography.Text>
              ),
            },
            { title: t('orders.published'), render: (_, f) => formatDateTime(f.publishedAt, locale) },
          ]}
        />
      </Card>
    </Space>
  );
}

interface CsvProblem {
  row: number;
  column: number;
  header: string | null;
  message: string;
}

function csvProblems(error: CombinedError | undefined): CsvProblem[] {
  const errors = error?.graphQLErrors[0]?.extensions?.errors;
  return Array.isArray(errors) ? (errors as CsvProblem[]) : [];
}

/** A first look at the file before it is sent: its first rows as a table (the API checks every cell). */
function preview(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 8)
    .map((l) => l.split(',').slice(0, 10));
}

function ImportCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const suppliers = useActiveSupplierOptions();
  const [supplierId, setSupplierId] = useState<string>();
  const [granularity, setGranularity] = useState<BucketGranularity>('WEEK');
  const [firmBuckets, setFirmBuckets] = useState(4);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [state, importForecast] = useMutation(IMPORT);
  // The errors belong to the file that was sent: a new file or supplier hides them until the next attempt.
  const [stale, setStale] = useState(false);
  const problems = stale ? [] : csvProblems(state.error);
  const rows = file ? preview(file.text) : [];
  const submit = async () => {
    if (!supplierId || !file) return;
    setStale(false);
    const result = await importForecast({ input: { supplierId, granularity, firmBuckets, csv: file.text } });
    const created = result.data?.importForecast;
    if (created) {
      void message.success(t('forecast.published', { revision: created.revision }));
      void navigate(`/forecasts/${created.id}`);
    }
  };
  return (
    <Card title={t('forecast.importTitle')}>
      <Typography.Paragraph type="secondary">{t('forecast.importHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 240 }}
          placeholder={t('orders.supplier')}
          value={supplierId}
          onChange={(v) => {
            setStale(true);
            setSupplierId(v);
          }}
          data-testid="forecast-supplier"
          options={suppliers.options}
        />
        <Radio.Group
          value={granularity}
          onChange={(e) => setGranularity(e.target.value as BucketGranularity)}
          optionType="button"
          options={[
            { value: 'WEEK', label: t('forecast.granularity.WEEK') },
            { value: 'MONTH', label: t('forecast.granularity.MONTH') },
          ]}
        />
        <Space>
          {t('forecast.firmBuckets')}
          <InputNumber min={1} max={104} value={firmBuckets} onChange={(v) => setFirmBuckets(v ?? 1)} />
        </Space>
        <Upload
          accept=".csv,text/csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            setStale(true);
            void f.text().then((text) => setFile({ name: f.name, text }));
            return false;
          }}
        >
          <Button data-testid="forecast-file">{file ? file.name : t('forecast.chooseFile')}</Button>
        </Upload>
        <Button type="primary" disabled={!supplierId || !file} loading={state.fetching} onClick={submit} data-testid="forecast-import">
          {t('forecast.publish')}
        </Button>
      </Space>
      {rows.length > 0 && (
        <Table
          size="small"
          pagination={false}
          style={{ marginBottom: 16 }}
          rowKey={(_, i) => String(i)}
          dataSource={rows.slice(1)}
          data-testid="forecast-preview"
          title={() => t('forecast.preview')}
          columns={rows[0].map((h, i) => ({ title: h, key: String(i), render: (_: unknown, r: string[]) => r[i] }))}
        />
      )}
      {problems.length > 0 ? (
        <Table
          size="small"
          pagination={false}
          rowKey={(p) => `${p.row}:${p.column}`}
          dataSource={problems}
          data-testid="forecast-problems"
          title={() => <Typography.Text type="danger">{t('forecast.problems', { count: problems.length })}</Typography.Text>}
          columns={[
            { title: t('forecast.row'), dataIndex: 'row', width: 80 },
            { title: t('forecast.column'), render: (_, p) => p.header ?? p.column, width: 140 },
            { title: t('forecast.problem'), dataIndex: 'message' },
          ]}
        />
      ) : (
        !stale && <ErrorAlert error={state.error} />
      )}
    </Card>
  );
}
