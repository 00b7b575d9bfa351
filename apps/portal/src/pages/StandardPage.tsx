import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { CodeEntryInput, FieldDefinitionInput, FieldType, PublicationPreviewQuery, StandardQuery } from '../gql/graphql.js';
import { currentLocale, formatDateTime } from '../i18n.js';

const STANDARD = graphql(`
  query Standard($code: String!) {
    dataStandard(code: $code) {
      id
      code
      name
      kind
      description
      versions {
        id
        version
        status
        changeSummary
        publishedAt
        sunsetDate
        adoptionCount
        availableActions
        compatibility {
          breaking
          changes
        }
        codes {
          code
          labelZh
          labelEn
          description
          deprecated
        }
        fields {
          name
          type
          required
          codeList
          minimum
          maximum
          minLength
          maxLength
          pattern
          unit
          description
        }
      }
    }
  }
`);

const CREATE_VERSION = graphql(`
  mutation CreateVersion($standardId: ID!, $input: StandardVersionInput!) {
    createStandardVersion(standardId: $standardId, input: $input) {
      id
      version
      status
    }
  }
`);

const UPDATE_VERSION = graphql(`
  mutation UpdateVersion($versionId: ID!, $input: StandardVersionInput!) {
    updateStandardVersion(versionId: $versionId, input: $input) {
      id
      version
      status
    }
  }
`);

const PREVIEW = graphql(`
  query PublicationPreview($versionId: ID!) {
    standardVersionPublicationPreview(versionId: $versionId) {
      against
      breaking
      changes
      requiredStep
      versionStep
      publishable
    }
  }
`);

const PUBLISH = graphql(`
  mutation PublishVersion($versionId: ID!) {
    publishStandardVersion(versionId: $versionId) {
      id
      version
      status
      compatibility {
        breaking
        changes
      }
    }
  }
`);

type Standard = NonNullable<StandardQuery['dataStandard']>;
type PublicationPreview = PublicationPreviewQuery['standardVersionPublicationPreview'];
type Version = Standard['versions'][number];
const FIELD_TYPES: FieldType[] = ['STRING', 'INTEGER', 'DECIMAL', 'DATE', 'BOOLEAN', 'CODE'];
const STATUS_COLORS: Record<string, string> = { DRAFT: 'blue', PUBLISHED: 'green', DEPRECATED: 'orange', RETIRED: 'default' };

interface Draft {
  id: string | null;
  version: string;
  changeSummary: string;
  codes: CodeEntryInput[];
  fields: FieldDefinitionInput[];
}

function nextPatch(version: string | undefined): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version ?? '');
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : '1.0.0';
}

function draftFrom(version: Version | undefined, asNew: boolean): Draft {
  return {
    id: asNew ? null : (version?.id ?? null),
    version: asNew ? nextPatch(version?.version) : (version?.version ?? '1.0.0'),
    changeSummary: asNew ? '' : (version?.changeSummary ?? ''),
    codes: (version?.codes ?? []).map(({ code, labelZh, labelEn, description, deprecated }) => ({
      code,
      labelZh,
      labelEn,
      description,
      deprecated,
    })),
    // Field by field: query results carry __typename, which an input type refuses.
    fields: (version?.fields ?? []).map(
      ({ name, type, required, codeList, minimum, maximum, minLength, maxLength, pattern, unit, description }) => ({
        name,
        type,
        required,
        codeList,
        minimum,
        maximum,
        minLength,
        maxLength,
        pattern,
        unit,
        description,
      }),
    ),
  };
}

/** One standard: its versions, and the editor for the next one, published only after its compatibility report is read. */
export function StandardPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { code = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: STANDARD, variables: { code } });
  const [draft, setDraft] = useState<Draft | null>(null);
  const standard = data?.dataStandard;
  if (!data && fetching) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;
  if (!standard)
    return error ? (
      <ErrorAlert error={error} />
    ) : (
      <Empty description={t('standards.notFound')}>
        <Link to="/standards">{t('standards.back')}</Link>
      </Empty>
    );
  const existingDraft = standard.versions.find((v) => v.status === 'DRAFT');
  const latest = standard.versions.find((v) => v.status !== 'DRAFT');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/standards">← {t('standards.back')}</Link>
      <Card title={`${standard.code} · ${standard.name}`} extra={<Tag>{t(`standards.kinds.${standard.kind}`)}</Tag>}>
        {standard.description && <Typography.Paragraph type="secondary">{standard.description}</Typography.Paragraph>}
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={standard.versions}
          columns={[
            { title: t('standards.version'), dataIndex: 'version' },
            {
              title: t('orders.status'),
              render: (_, v) => <Tag color={STATUS_COLORS[v.status]}>{t(`standards.statuses.${v.status}`)}</Tag>,
            },
            { title: t('orders.published'), render: (_, v) => formatDateTime(v.publishedAt, locale) },
            { title: t('standards.adoptions'), align: 'right', render: (_, v) => v.adoptionCount },
            {
              title: t('standards.compatibility'),
              render: (_, v) =>
                v.compatibility ? (
                  <Space wrap>
                    {v.compatibility.breaking && <Tag color="red">{t('standards.breaking')}</Tag>}
                    {v.compatibility.changes.join(t('list.separator'))}
                  </Space>
                ) : (
                  '–'
                ),
            },
          ]}
        />
        <Space style={{ marginTop: 16 }}>
          {existingDraft ? (
            // The server says whether the caller may edit the draft (its lifecycle and roles).
            existingDraft.availableActions.includes('UPDATE') && (
              <Button type="primary" onClick={() => setDraft(draftFrom(existingDraft, false))} data-testid="edit-draft">
                {t('standards.editDraft', { version: existingDraft.version })}
              </Button>
            )
          ) : (
            <Button type="primary" onClick={() => setDraft(draftFrom(latest, true))} data-testid="new-version">
              {t('standards.newVersion')}
            </Button>
          )}
        </Space>
      </Card>
      {draft && (
        <VersionEditor
          key={draft.id ?? 'new'}
          standard={standard}
          initial={draft}
          onSaved={() => reexecute({ requestPolicy: 'network-only' })}
          onPublished={() => {
            setDraft(null);
            reexecute({ requestPolicy: 'network-only' });
          }}
        />
      )}
    </Space>
  );
}

function VersionEditor({
  standard,
  initial,
  onSaved,
  onPublished,
}: {
  standard: Standard;
  initial: Draft;
  onSaved: () => void;
  onPublished: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useClient();
  const [draft, setDraft] = useState(initial);
  const [created, create] = useMutation(CREATE_VERSION);
  const [updated, update] = useMutation(UPDATE_VERSION);
  const [published, publish] = useMutation(PUBLISH);
  const [preview, setPreview] = useState<PublicationPreview | null>(null);
  const [previewError, setPreviewError] = useState<Parameters<typeof ErrorAlert>[0]['error']>();
  const isCodeList = standard.kind === 'CODE_LIST';
  const input = () => ({
    version: draft.version.trim(),
    changeSummary: draft.changeSummary.trim() || null,
    ...(isCodeList ? { codes: draft.codes } : { fields: draft.fields }),
  });
  const save = async (): Promise<string | null> => {
    const result = draft.id
      ? await update({ versionId: draft.id, input: input() })
      : await create({ standardId: standard.id, input: input() });
    const saved =
      result.data && ('updateStandardVersion' in result.data ? result.data.updateStandardVersion : result.data.createStandardVersion);
    if (!saved) return null;
    setDraft((d) => ({ ...d, id: saved.id }));
    onSaved();
    return saved.id;
  };
  const review = async () => {
    const id = await save();
    if (!id) return;
    const result = await client.query(PREVIEW, { versionId: id }, { requestPolicy: 'network-only' }).toPromise();
    setPreviewError(result.error);
    if (result.data) setPreview(result.data.standardVersionPublicationPreview);
  };
  const confirm = async () => {
    const result = await publish({ versionId: draft.id! });
    if (result.data) {
      setPreview(null);
      void message.success(t('standards.publishedOk', { version: result.data.publishStandardVersion.version }));
      onPublished();
    }
  };
  const setCode = (i: number, change: Partial<CodeEntryInput>) =>
    setDraft((d) => ({ ...d, codes: d.codes.map((c, j) => (j === i ? { ...c, ...change } : c)) }));
  const setField = (i: number, change: Partial<FieldDefinitionInput>) =>
    setDraft((d) => ({ ...d, fields: d.fields.map((f, j) => (j === i ? { ...f, ...change } : f)) }));
  const remove = (i: number) =>
    setDraft((d) =>
      isCodeList ? { ...d, codes: d.codes.filter((_, j) => j !== i) } : { ...d, fields: d.fields.filter((_, j) => j !== i) },
    );
  const removeColumn = {
    title: '',
    width: 60,
    render: (_: unknown, __: unknown, i: number) => (
      <Button size="small" danger type="text" onClick={() => remove(i)} data-testid={`remove-${i}`}>
        {t('standards.remove')}
      </Button>
    ),
  };

  return (
    <Card title={draft.id ? t('standards.editing', { version: draft.version }) : t('standards.newVersion')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Space>
          {t('standards.version')}
          <Input
            style={{ width: 120 }}
            value={draft.version}
            onChange={(e) => setDraft({ ...draft, version: e.target.value })}
            data-testid="version-number"
          />
        </Space>
        <Space>
          {t('standards.changeSummary')}
          <Input
            style={{ width: 360 }}
            value={draft.changeSummary}
            onChange={(e) => setDraft({ ...draft, changeSummary: e.target.value })}
          />
        </Space>
      </Space>
      <ErrorAlert error={created.error ?? updated.error} />
      {isCodeList ? (
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          dataSource={draft.codes}
          data-testid="codes"
          columns={[
            {
              title: t('standards.codeValue'),
              render: (_, c, i) => <Input size="small" value={c.code} onChange={(e) => setCode(i, { code: e.target.value })} />,
            },
            {
              title: t('standards.labelZh'),
              render: (_, c, i) => <Input size="small" value={c.labelZh} onChange={(e) => setCode(i, { labelZh: e.target.value })} />,
            },
            {
              title: t('standards.labelEn'),
              render: (_, c, i) => <Input size="small" value={c.labelEn} onChange={(e) => setCode(i, { labelEn: e.target.value })} />,
            },
            {
              title: t('standards.description'),
              render: (_, c, i) => (
                <Input size="small" value={c.description ?? ''} onChange={(e) => setCode(i, { description: e.target.value || null })} />
              ),
            },
            {
              title: t('standards.deprecated'),
              width: 80,
              render: (_, c, i) => <Checkbox checked={!!c.deprecated} onChange={(e) => setCode(i, { deprecated: e.target.checked })} />,
            },
            removeColumn,
          ]}
        />
      ) : (
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          dataSource={draft.fields}
          scroll={{ x: 'max-content' }}
          data-testid="fields"
          columns={[
            {
              title: t('standards.fieldName'),
              render: (_, f, i) => (
                <Input size="small" style={{ width: 140 }} value={f.name} onChange={(e) => setField(i, { name: e.target.value })} />
              ),
            },
            {
              title: t('standards.fieldType'),
              render: (_, f, i) => (
                <Select
                  size="small"
                  style={{ width: 110 }}
                  value={f.type}
                  onChange={(v) => setField(i, { type: v })}
                  options={FIELD_TYPES.map((x) => ({ value: x, label: t(`standards.types.${x}`) }))}
                />
              ),
            },
            {
              title: t('standards.required'),
              render: (_, f, i) => <Checkbox checked={f.required} onChange={(e) => setField(i, { required: e.target.checked })} />,
            },
            {
              title: t('standards.codeList'),
              render: (_, f, i) => (
                <Input
                  size="small"
                  style={{ width: 120 }}
                  disabled={f.type !== 'CODE'}
                  value={f.codeList ?? ''}
                  onChange={(e) => setField(i, { codeList: e.target.value || null })}
                />
              ),
            },
            {
              title: t('standards.minimum'),
              render: (_, f, i) => (
                <Input
                  size="small"
                  style={{ width: 80 }}
                  value={f.minimum ?? ''}
                  onChange={(e) => setField(i, { minimum: e.target.value.trim() || null })}
                />
              ),
            },
            {
              title: t('standards.maximum'),
              render: (_, f, i) => (
                <Input
                  size="small"
                  style={{ width: 80 }}
                  value={f.maximum ?? ''}
                  onChange={(e) => setField(i, { maximum: e.target.value.trim() || null })}
                />
              ),
            },
            {
              title: t('standards.maxLength'),
              render: (_, f, i) => (
                <InputNumber size="small" min={1} value={f.maxLength ?? null} onChange={(v) => setField(i, { maxLength: v ?? null })} />
              ),
            },
            {
              title: t('standards.pattern'),
              render: (_, f, i) => (
                <Input
                  size="small"
                  style={{ width: 120 }}
                  value={f.pattern ?? ''}
                  onChange={(e) => setField(i, { pattern: e.target.value || null })}
                />
              ),
            },
            {
              title: t('standards.unit'),
              render: (_, f, i) => (
                <Input
                  size="small"
                  style={{ width: 70 }}
                  value={f.unit ?? ''}
                  onChange={(e) => setField(i, { unit: e.target.value || null })}
                />
              ),
            },
            removeColumn,
          ]}
        />
      )}
      <Space style={{ marginTop: 16 }}>
        <Button
          onClick={() =>
            setDraft((d) =>
              isCodeList
                ? { ...d, codes: [...d.codes, { code: '', labelZh: '', labelEn: '' }] }
                : { ...d, fields: [...d.fields, { name: '', type: 'STRING', required: false }] },
            )
          }
          data-testid="add-row"
        >
          {isCodeList ? t('standards.addCode') : t('standards.addField')}
        </Button>
        <Button
          loading={created.fetching || updated.fetching}
          onClick={async () => {
            if (await save()) void message.success(t('standards.saved'));
          }}
          data-testid="save-draft"
        >
          {t('standards.saveDraft')}
        </Button>
        <Button type="primary" loading={created.fetching || updated.fetching} onClick={review} data-testid="review-publish">
          {t('standards.reviewPublish')}
        </Button>
      </Space>
      <ErrorAlert error={previewError} />
      <Modal
        open={!!preview}
        title={t('standards.report', { version: draft.version })}
        onCancel={() => setPreview(null)}
        destroyOnHidden
        footer={[
          <Button key="cancel" onClick={() => setPreview(null)}>
            {t('standards.back')}
          </Button>,
          <Button
            key="publish"
            type="primary"
            danger={preview?.breaking}
            disabled={!preview?.publishable}
            loading={published.fetching}
            onClick={confirm}
            data-testid="confirm-publish"
          >
            {t('standards.confirmPublish')}
          </Button>,
        ]}
      >
        {preview && (
          <div data-testid="publication-report">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('standards.against')}>{preview.against ?? t('standards.firstVersion')}</Descriptions.Item>
              <Descriptions.Item label={t('standards.requiredStep')}>{t(`standards.steps.${preview.requiredStep}`)}</Descriptions.Item>
              {preview.versionStep && (
                <Descriptions.Item label={t('standards.versionStep')}>{t(`standards.steps.${preview.versionStep}`)}</Descriptions.Item>
              )}
            </Descriptions>
            {preview.breaking && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('standards.breakingWarning')} />}
            {!preview.publishable && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('standards.refused', { step: t(`standards.steps.${preview.requiredStep}`) })}
                data-testid="publish-refused"
              />
            )}
            <List
              size="small"
              bordered
              dataSource={preview.changes}
              locale={{ emptyText: t('standards.noChanges') }}
              renderItem={(change: string) => <List.Item>{change}</List.Item>}
            />
          </div>
        )}
        <ErrorAlert error={published.error} />
      </Modal>
    </Card>
  );
}
