import { App, Button, Card, Checkbox, Collapse, Descriptions, Input, InputNumber, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import { currentLocale, formatDateTime } from '../i18n.js';

const CRITERIA = graphql(`
  query AssessmentData {
    assessmentCriteria {
      id
      level
      dimension
      text
    }
    maturityAssessments {
      id
      level
      gaps
      aiScenarioRatio
      submittedAt
    }
  }
`);

const SUBMIT = graphql(`
  mutation SubmitAssessment($input: SubmitAssessmentInput!) {
    submitMaturityAssessment(input: $input) {
      id
      level
      gaps
      aiScenarioRatio
      submittedAt
    }
  }
`);

const ORDER = ['BASIC', 'ADVANCED', 'EXCELLENT', 'NAVIGATOR'];

/** The supplier's self-assessment against the four smart-factory levels: the level reached and the gaps to the next. */
export function AssessmentPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CRITERIA });
  const [answers, setAnswers] = useState<Record<string, { met: boolean; evidence: string }>>({});
  const [scenarios, setScenarios] = useState(0);
  const [aiScenarios, setAiScenarios] = useState(0);
  const [maturityLevel, setMaturityLevel] = useState<number | null>(null);
  const [state, submit] = useMutation(SUBMIT);
  const criteria = data?.assessmentCriteria ?? [];
  const latest = state.data?.submitMaturityAssessment ?? data?.maturityAssessments[0];
  const send = async () => {
    const result = await submit({
      input: {
        scenarioCount: scenarios,
        aiScenarioCount: aiScenarios,
        maturityLevel,
        answers: criteria.map((c) => ({ criterionId: c.id, met: !!answers[c.id]?.met, evidence: answers[c.id]?.evidence.trim() || null })),
      },
    });
    if (result.data) {
      void message.success(t('assessment.submitted'));
      reexecute({ requestPolicy: 'network-only' });
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {latest && (
        <Card title={t('assessment.result')} data-testid="assessment-result">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('assessment.result')}>
              {latest.level ? <Tag color="blue">{t(`level.${latest.level}`)}</Tag> : t('assessment.noLevel')}
            </Descriptions.Item>
          </Descriptions>
          {latest.gaps.length > 0 && (
            <List
              size="small"
              header={t('assessment.gaps')}
              dataSource={latest.gaps}
              renderItem={(g: string) => <List.Item>{g}</List.Item>}
            />
          )}
        </Card>
      )}
      <Card title={t('assessment.title')} loading={fetching && !data}>
        <Typography.Paragraph type="secondary">{t('assessment.help')}</Typography.Paragraph>
        <ErrorAlert error={error ?? state.error} />
        <Space wrap style={{ marginBottom: 16 }}>
          <Space data-testid="scenarios">
            {t('assessment.scenarios')}
            <InputNumber min={0} value={scenarios} onChange={(v) => setScenarios(v ?? 0)} />
          </Space>
          <Space>
            {t('assessment.aiScenarios')}
            <InputNumber min={0} max={scenarios} value={aiScenarios} onChange={(v) => setAiScenarios(v ?? 0)} />
          </Space>
          <Space>
            {t('assessment.maturityLevel')}
            <InputNumber min={1} max={5} value={maturityLevel} onChange={(v) => setMaturityLevel(v)} />
          </Space>
        </Space>
        <Collapse
          defaultActiveKey={['BASIC']}
          items={ORDER.map((level) => ({
            key: level,
            label: t(`level.${level}`),
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={criteria.filter((c) => c.level === level)}
                columns={[
                  {
                    title: '',
                    width: 40,
                    render: (_, c) => (
                      <Checkbox
                        checked={!!answers[c.id]?.met}
                        data-testid={`criterion-${c.id}`}
                        onChange={(e) =>
                          setAnswers((a) => ({ ...a, [c.id]: { met: e.target.checked, evidence: a[c.id]?.evidence ?? '' } }))
                        }
                      />
                    ),
                  },
                  { title: '', dataIndex: 'dimension', width: 140 },
                  { title: '', dataIndex: 'text' },
                  {
                    title: t('assessment.evidence'),
                    width: 240,
                    render: (_, c) => (
                      <Input
                        size="small"
                        value={answers[c.id]?.evidence ?? ''}
                        onChange={(e) => setAnswers((a) => ({ ...a, [c.id]: { met: a[c.id]?.met ?? false, evidence: e.target.value } }))}
                      />
                    ),
                  },
                ]}
              />
            ),
          }))}
        />
        <Button type="primary" style={{ marginTop: 16 }} loading={state.fetching} onClick={send} data-testid="submit-assessment">
          {t('assessment.submit')}
        </Button>
      </Card>
      {!!data?.maturityAssessments.length && (
        <Card title={t('assessment.history')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.maturityAssessments}
            columns={[
              { title: t('orders.published'), render: (_, a) => formatDateTime(a.submittedAt, locale) },
              { title: t('assessment.result'), render: (_, a) => (a.level ? t(`level.${a.level}`) : t('assessment.noLevel')) },
              { title: t('assessment.gaps'), render: (_, a) => a.gaps.length },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
