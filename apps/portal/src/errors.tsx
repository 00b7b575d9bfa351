import { Alert } from 'antd';
import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';

const CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'VALIDATION_FAILED',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
];

/** The error's code as a translated title, and the API's own message (already in the user's language) as detail. */
export function describeError(error: CombinedError, t: (key: string) => string): { title: string; detail?: string } {
  if (error.networkError && !error.graphQLErrors.length) return { title: t('error.NETWORK') };
  const first = error.graphQLErrors[0];
  const given = first?.extensions?.code;
  const code = typeof given === 'string' ? given : 'INTERNAL_SERVER_ERROR';
  return { title: t(`error.${CODES.includes(code) ? code : 'INTERNAL_SERVER_ERROR'}`), detail: first?.message };
}

export function ErrorAlert({ error }: { error: CombinedError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, detail } = describeError(error, t);
  return <Alert type="error" showIcon title={title} description={detail} style={{ marginBottom: 16 }} data-testid="error" />;
}
