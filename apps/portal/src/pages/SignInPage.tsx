import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { LocaleSwitch } from '../LocaleSwitch.js';
import { ErrorAlert } from '../errors.js';
import { graphql } from '../gql/index.js';
import { clearSessionEndReason, sessionEndReason } from '../refresh.js';
import { setSession } from '../session.js';

const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...SessionFields
    }
  }
`);

export function SignInPage() {
  const { t } = useTranslation();
  const [state, login] = useMutation(LOGIN);
  const submit = async (values: { email: string; password: string }) => {
    const result = await login(values);
    const payload = result.data?.login;
    if (payload) {
      clearSessionEndReason();
      setSession(payload);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f4f8' }}>
      <Card
        style={{ width: 380 }}
        title={
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
        }
        extra={<LocaleSwitch />}
      >
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {sessionEndReason === 'expired' && !state.error && (
          <Alert type="warning" showIcon title={t('session.expired')} style={{ marginBottom: 16 }} />
        )}
        <ErrorAlert error={state.error} />
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('session.email')} name="email" rules={[{ required: true, message: t('session.emailRequired') }]}>
            <Input autoComplete="username" data-testid="email" />
          </Form.Item>
          <Form.Item label={t('session.password')} name="password" rules={[{ required: true, message: t('session.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={state.fetching} data-testid="sign-in">
            {t('session.signIn')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
