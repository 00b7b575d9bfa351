import { App, Button, Card, Checkbox, Empty, Form, Input, Modal, Progress, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { GradientLevel, PackagesQuery } from '../gql/graphql.js';

const PACKAGES = graphql(`
  query Packages {
    replicationPackages {
      id
      title
      summary
      targetLevel
      status
      availableActions
      checklist {
        id
        title
        evidenceRequired
      }
      requiredStandards {
        id
        version
        standard {
          code
        }
      }
    }
    rollouts {
      id
      status
      progress
      package {
        id
      }
      supplier {
        id
        name
      }
    }
    partnerships(status: ACTIVE) {
      id
      supplier {
        id
        name
      }
    }
    dataStandards(status: PUBLISHED) {
      id
      code
      latestPublished {
        id
        version
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreatePackage($input: ReplicationPackageInput!) {
    createReplicationPackage(input: $input) {
      id
      status
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishPackage($id: ID!) {
    publishReplicationPackage(id: $id) {
      id
      status
    }
  }
`);

const LAUNCH = graphql(`
  mutation LaunchRollout($packageId: ID!, $supplierIds: [ID!]!) {
    launchRollout(packageId: $packageId, supplierIds: $supplierIds) {
      id
      status
      supplier {
        id
      }
    }
  }
`);

type Package = PackagesQuery['replicationPackages'][number];
const LEVELS: GradientLevel[] = ['BASIC', 'ADVANCED', 'EXCELLENT', 'NAVIGATOR'];

/** The mother factory's packaged practices (复制推广包) and their rollouts to suppliers (推广实施). */
export function PackagesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: PACKAGES });
  const [creating, setCreating] = useState(false);
  const [launching, setLaunching] = useState<Package | null>(null);
  const [published, publish] = useMutation(PUBLISH);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const rolloutsOf = (p: Package) => (data?.rollouts ?? []).filter((r) => r.package.id === p.id);
  return (
    <Card
      title={t('packages.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} data-testid="new-package">
          {t('packages.new')}
        </Button>
      }
    >
      <ErrorAlert error={error ?? published.error} />
      <Table
        rowKey="id"
        loading={fetching && !data}
        pagination={false}
        dataSource={data?.replicationPackages ?? []}
        locale={{ emptyText: <Empty description={t('packages.empty')} /> }}
        expandable={{
          rowExpandable: (p) => rolloutsOf(p).length > 0,
          expandedRowRender: (p) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={rolloutsOf(p)}
              columns={[
                { title: t('orders.supplier'), render: (_, r) => r.supplier.name },
                { title: t('orders.status'), render: (_, r) => t(`rollout.statuses.${r.status}`) },
                {
                  title: t('network.progress'),
                  width: 240,
                  render: (_, r) => <Progress percent={Math.round(r.progress * 100)} size="small" />,
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('packages.name'), dataIndex: 'title' },
          { title: t('network.targetLevel'), render: (_, p) => t(`level.${p.targetLevel}`) },
          {
            title: t('orders.status'),
            render: (_, p) => (
              <Tag color={p.status === 'PUBLISHED' ? 'green' : p.status === 'DRAFT' ? 'blue' : 'default'}>
                {t(`packages.statuses.${p.status}`)}
              </Tag>
            ),
          },
          { title: t('packages.checklist'), align: 'right', render: (_, p) => p.checklist.length },
          {
            title: t('packages.standards'),
            render: (_, p) => p.requiredStandards.map((v) => `${v.standard.code} ${v.version}`).join(t('list.separator')) || '–',
          },
          { title: t('network.rollouts'), align: 'right', render: (_, p) => rolloutsOf(p).length },
          {
            title: '',
            // The buttons the server offers (the package's lifecycle, the caller's roles).
            render: (_, p) =>
              p.availableActions.includes('PUBLISH') ? (
                <Button
                  size="small"
                  loading={published.fetching}
                  onClick={async () => {
                    if ((await publish({ id: p.id })).data) {
                      void message.success(t('packages.publishedOk'));
                      refresh();
                    }
                  }}
                  data-testid={`publish-package-${p.title}`}
                >
                  {t('packages.publish')}
                </Button>
              ) : p.availableActions.includes('LAUNCH') ? (
                <Button size="small" type="primary" onClick={() => setLaunching(p)} data-testid={`launch-${p.title}`}>
                  {t('packages.launch')}
                </Button>
              ) : null,
          },
        ]}
      />
      {creating && (
        <CreatePackage
          standards={data?.dataStandards ?? []}
          onClose={(done) => {
            setCreating(false);
            if (done) refresh();
          }}
        />
      )}
      {launching && (
        <LaunchRollout
          pkg={launching}
          suppliers={(data?.partnerships ?? []).map((p) => p.supplier)}
          already={rolloutsOf(launching).map((r) => r.supplier.id)}
          onClose={(done) => {
            setLaunching(null);
            if (done) refresh();
          }}
        />
      )}
    </Card>
  );
}

function CreatePackage({ standards, onClose }: { standards: PackagesQuery['dataStandards']; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; summary: string; targetLevel: GradientLevel; standards?: string[] }>();
  const [items, setItems] = useState([{ title: '', description: '', evidenceRequired: true }]);
  const [state, create] = useMutation(CREATE);
  const submit = async () => {
    const values = await form.validateFields();
    const result = await create({
      input: {
        title: values.title.trim(),
        summary: values.summary.trim(),
        targetLevel: values.targetLevel,
        requiredStandardVersionIds: values.standards ?? [],
        checklist: items
          .filter((i) => i.title.trim())
          .map((i) => ({ title: i.title.trim(), description: i.description.trim() || null, evidenceRequired: i.evidenceRequired })),
      },
    });
    if (result.data) onClose(true);
  };
  return (
    <Modal
      open
      width={720}
      title={t('packages.new')}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={state.fetching}
      okText={t('standards.create')}
      destroyOnHidden
    >
      <ErrorAlert error={state.error} />
      <Form form={form} layout="vertical" initialValues={{ targetLevel: 'ADVANCED' }}>
        <Form.Item name="title" label={t('packages.name')} rules={[{ required: true, whitespace: true, message: t('standards.required') }]}>
          <Input data-testid="package-title" />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('packages.summary')}
          rules={[{ required: true, whitespace: true, message: t('standards.required') }]}
        >
          <Input.TextArea rows={2} data-testid="package-summary" />
        </Form.Item>
        <Form.Item name="targetLevel" label={t('network.targetLevel')}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="standards" label={t('packages.standards')}>
          <Select
            mode="multiple"
            allowClear
            options={standards
              .filter((s) => s.latestPublished)
              .map((s) => ({ value: s.latestPublished!.id, label: `${s.code} ${s.latestPublished!.version}` }))}
          />
        </Form.Item>
      </Form>
      {items.map((item, i) => (
        <Space key={i} style={{ marginBottom: 8 }} wrap>
          <Input
            style={{ width: 240 }}
            placeholder={t('packages.itemTitle')}
            value={item.title}
            onChange={(e) => setItems((x) => x.map((y, j) => (j === i ? { ...y, title: e.target.value } : y)))}
            data-testid={`item-title-${i}`}
          />
          <Input
            style={{ width: 260 }}
            placeholder={t('standards.description')}
            value={item.description}
            onChange={(e) => setItems((x) => x.map((y, j) => (j === i ? { ...y, description: e.target.value } : y)))}
          />
          <Checkbox
            checked={item.evidenceRequired}
            onChange={(e) => setItems((x) => x.map((y, j) => (j === i ? { ...y, evidenceRequired: e.target.checked } : y)))}
          >
            {t('rollout.evidenceRequired')}
          </Checkbox>
        </Space>
      ))}
      <Button onClick={() => setItems((x) => [...x, { title: '', description: '', evidenceRequired: false }])} data-testid="add-item">
        {t('packages.addItem')}
      </Button>
    </Modal>
  );
}

function LaunchRollout({
  pkg,
  suppliers,
  already,
  onClose,
}: {
  pkg: Package;
  suppliers: { id: string; name: string }[];
  already: string[];
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  const [state, launch] = useMutation(LAUNCH);
  const submit = async () => {
    const result = await launch({ packageId: pkg.id, supplierIds: chosen });
    if (result.data) {
      void message.success(t('packages.launched', { count: result.data.launchRollout.length }));
      onClose(true);
    }
  };
  return (
    <Modal
      open
      title={`${t('packages.launch')} · ${pkg.title}`}
      onCancel={() => onClose(false)}
      onOk={submit}
      okButtonProps={{ disabled: !chosen.length }}
      confirmLoading={state.fetching}
      destroyOnHidden
    >
      <ErrorAlert error={state.error} />
      <Checkbox.Group
        value={chosen}
        onChange={(v) => setChosen(v)}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        options={suppliers.map((s) => ({ value: s.id, label: s.name, disabled: already.includes(s.id) }))}
      />
    </Modal>
  );
}
