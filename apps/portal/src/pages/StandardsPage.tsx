import { App, Button, Card, Empty, Form, Input, Modal, Radio, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { StandardKind } from '../gql/graphql.js';

const STANDARDS = graphql(`
  query Standards {
    dataStandards {
      id
      code
      name
      kind
      description
      latestPublished {
        id
        version
        adoptionCount
        publishedAt
      }
      versions {
        id
        status
      }
    }
  }
`);

const CREATE_STANDARD = graphql(`
  mutation CreateStandard($input: CreateDataStandardInput!) {
    createDataStandard(input: $input) {
      id
      code
    }
  }
`);

/** The alliance's shared data standards: code lists and record schemas, with what is published and adopted. */
export function StandardsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [{ data, fetching, error }] = useQuery({ query: STANDARDS });
  const [creating, setCreating] = useState(false);
  const [created, create] = useMutation(CREATE_STANDARD);
  const [form] = Form.useForm<{ code: string; name: string; kind: StandardKind; description?: string }>();
  const submit = async () => {
    const values = await form.validateFields();
    const result = await create({ input: values });
    if (result.data) {
      setCreating(false);
      void message.success(t('standards.created'));
      void navigate(`/standards/${encodeURIComponent(result.data.createDataStandard.code)}`);
    }
  };
  return (
    <Card
      title={t('standards.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} data-testid="new-standard">
          {t('standards.new')}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      <Table
        rowKey="id"
        loading={fetching && !data}
        pagination={false}
        dataSource={data?.dataStandards ?? []}
        locale={{ emptyText: <Empty description={t('standards.empty')} /> }}
        columns={[
          {
            title: t('standards.code'),
            render: (_, s) => (
              <Link to={`/standards/${encodeURIComponent(s.code)}`} data-testid="standard-link">
                {s.code}
              </Link>
            ),
          },
          { title: t('standards.name'), dataIndex: 'name' },
          { title: t('standards.kind'), render: (_, s) => <Tag>{t(`standards.kinds.${s.kind}`)}</Tag> },
          { title: t('standards.latest'), render: (_, s) => s.latestPublished?.version ?? '–' },
          { title: t('standards.adoptions'), align: 'right', render: (_, s) => s.latestPublished?.adoptionCount ?? 0 },
          { title: t('standards.drafts'), align: 'right', render: (_, s) => s.versions.filter((v) => v.status === 'DRAFT').length },
        ]}
      />
      <Modal
        open={creating}
        title={t('standards.new')}
        onCancel={() => setCreating(false)}
        onOk={submit}
        confirmLoading={created.fetching}
        okText={t('standards.create')}
        destroyOnHidden
      >
        <ErrorAlert error={created.error} />
        <Form form={form} layout="vertical" initialValues={{ kind: 'CODE_LIST' }}>
          <Form.Item
            name="code"
            label={t('standards.code')}
            rules={[{ required: true, message: t('standards.required') }]}
            extra={t('standards.codeHelp')}
          >
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('standards.name')} rules={[{ required: true, message: t('standards.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('standards.kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'CODE_LIST', label: t('standards.kinds.CODE_LIST') },
                { value: 'RECORD_SCHEMA', label: t('standards.kinds.RECORD_SCHEMA') },
              ]}
            />
          </Form.Item>
          <Form.Item name="description" label={t('standards.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
