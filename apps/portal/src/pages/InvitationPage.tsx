import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { LocaleSwitch } from '../LocaleSwitch.js';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import { setSession } from '../session.js';

const ACCEPT = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      ...SessionFields
    }
  }
`);

/** The link in an invitation e-mail: the invited supplier's first user sets a name and password and is signed in. */
export function InvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, accept] = useMutation(ACCEPT);
  const submit = async (values: { displayName: string; password: string }) => {
    const result = await accept({ input: { token, displayName: values.displayName.trim(), password: values.password } });
    const payload = result.data?.acceptInvitation;
    if (payload) {
      setSession(payload);
      // Replaced, so the one-time token does not stay in the browser's history.
      void navigate('/', { replace: true });
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f4f8' }}>
      <Card style={{ width: 420 }} title={t('invitation.title')} extra={<LocaleSwitch />}>
        {!token ? (
          <Result status="warning" title={t('invitation.noToken')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('invitation.help')}</Typography.Paragraph>
            <ErrorAlert error={state.error} />
            <Form layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item
                label={t('invitation.displayName')}
                name="displayName"
                rules={[{ required: true, whitespace: true, message: t('invitation.nameRequired') }]}
              >
                <Input autoComplete="name" data-testid="display-name" />
              </Form.Item>
              <Form.Item
                label={t('session.password')}
                name="password"
                rules={[{ required: true, min: 10, message: t('invitation.passwordRule') }]}
              >
                <Input.Password autoComplete="new-password" data-testid="new-password" />
              </Form.Item>
              <Form.Item
                label={t('invitation.repeat')}
                name="repeat"
                dependencies={['password']}
                rules={[
                  { required: true, message: t('invitation.repeatRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('invitation.mismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="repeat-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={state.fetching} data-testid="accept-invitation">
                {t('invitation.accept')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
