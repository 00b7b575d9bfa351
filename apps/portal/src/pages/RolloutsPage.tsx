import { App, Button, Card, Checkbox, Collapse, Empty, Input, List, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { MyRolloutsQuery } from '../gql/graphql.js';

const ROLLOUTS = graphql(`
  query MyRollouts {
    rollouts {
      id
      status
      progress
      availableActions
      package {
        id
        title
        summary
        targetLevel
        owner {
          name
        }
      }
      items {
        done
        evidence
        completedAt
        item {
          id
          title
          description
          evidenceRequired
        }
      }
    }
  }
`);

const UPDATE_ITEM = graphql(`
  mutation UpdateRolloutItem($rolloutId: ID!, $itemId: ID!, $done: Boolean!, $evidence: String) {
    updateRolloutItem(rolloutId: $rolloutId, itemId: $itemId, done: $done, evidence: $evidence) {
      id
      status
      progress
      items {
        done
        evidence
        item {
          id
        }
      }
    }
  }
`);

type Rollout = MyRolloutsQuery['rollouts'][number];

/** The practices the mother factory rolls out to this supplier, item by item with evidence (母工厂 + 复制推广). */
export function RolloutsPage() {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: ROLLOUTS });
  const rollouts = data?.rollouts ?? [];
  return (
    <Card title={t('rollout.title')} loading={fetching && !data}>
      <ErrorAlert error={error} />
      {!rollouts.length ? (
        <Empty description={t('rollout.empty')} />
      ) : (
        <Collapse
          defaultActiveKey={rollouts.filter((r) => r.status !== 'COMPLETED').map((r) => r.id)}
          items={rollouts.map((r) => ({
            key: r.id,
            label: (
              <Space>
                <Typography.Text strong>{r.package.title}</Typography.Text>
                <Tag>{t(`level.${r.package.targetLevel}`)}</Tag>
                <Tag color={r.status === 'COMPLETED' ? 'green' : r.status === 'IN_PROGRESS' ? 'blue' : 'default'}>
                  {t(`rollout.statuses.${r.status}`)}
                </Tag>
                <Progress percent={Math.round(r.progress * 100)} size="small" style={{ width: 160, margin: 0 }} />
              </Space>
            ),
            children: <RolloutItems rollout={r} />,
          }))}
        />
      )}
    </Card>
  );
}

function RolloutItems({ rollout }: { rollout: Rollout }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [state, update] = useMutation(UPDATE_ITEM);
  const [evidence, setEvidence] = useState<Record<string, string>>(() =>
    Object.fromEntries(rollout.items.map((i) => [i.item.id, i.evidence ?? ''])),
  );
  const save = async (itemId: string, done: boolean) => {
    const result = await update({ rolloutId: rollout.id, itemId, done, evidence: evidence[itemId]?.trim() || null });
    if (result.data) void message.success(t('rollout.saved'));
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{rollout.package.summary}</Typography.Paragraph>
      <ErrorAlert error={state.error} />
      <List
        dataSource={rollout.items}
        renderItem={(i: Rollout['items'][number]) => (
          // Ticking is offered while the server allows it (not once the rollout is completed).
          <List.Item
            data-testid={`rollout-item-${i.item.title}`}
            actions={[
              <Checkbox
                key="done"
                checked={i.done}
                disabled={!rollout.availableActions.includes('UPDATE_ITEM')}
                onChange={(e) => save(i.item.id, e.target.checked)}
              >
                {t('rollout.done')}
              </Checkbox>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  {i.item.title}
                  {i.item.evidenceRequired && <Tag color="orange">{t('rollout.evidenceRequired')}</Tag>}
                </Space>
              }
              description={i.item.description}
            />
            <Space.Compact style={{ width: 360 }}>
              <Input
                placeholder={t('rollout.evidence')}
                value={evidence[i.item.id]}
                onChange={(e) => setEvidence((x) => ({ ...x, [i.item.id]: e.target.value }))}
              />
              {i.done && rollout.availableActions.includes('UPDATE_ITEM') && (
                <Button onClick={() => save(i.item.id, true)}>{t('rollout.saveEvidence')}</Button>
              )}
            </Space.Compact>
          </List.Item>
        )}
      />
    </>
  );
}
