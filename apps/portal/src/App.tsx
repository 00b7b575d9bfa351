import { App as AntApp, Button, ConfigProvider, Dropdown, Layout, Space, Spin, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate } from 'react-router';
import { Provider as UrqlProvider, useMutation } from 'urql';
import { closeSubscriptions, createClient } from './client.js';
import { useCompact } from './compact.js';
import { LocaleSwitch } from './LocaleSwitch.js';
import { graphql } from './gql/index.js';
import { getSession, onSessionChange, type Session, setSession } from './session.js';

// Each screen is its own chunk, loaded when first opened: the first page a supplier sees stays small.
const AssessmentPage = lazy(() => import('./pages/AssessmentPage.js').then((m) => ({ default: m.AssessmentPage })));
const ForecastPage = lazy(() => import('./pages/ForecastPage.js').then((m) => ({ default: m.ForecastPage })));
const ForecastsPage = lazy(() => import('./pages/ForecastsPage.js').then((m) => ({ default: m.ForecastsPage })));
const InvitationPage = lazy(() => import('./pages/InvitationPage.js').then((m) => ({ default: m.InvitationPage })));
const NetworkPage = lazy(() => import('./pages/NetworkPage.js').then((m) => ({ default: m.NetworkPage })));
const NewOrderPage = lazy(() => import('./pages/NewOrderPage.js').then((m) => ({ default: m.NewOrderPage })));
const OrderPage = lazy(() => import('./pages/OrderPage.js').then((m) => ({ default: m.OrderPage })));
const OrdersPage = lazy(() => import('./pages/OrdersPage.js').then((m) => ({ default: m.OrdersPage })));
const PackagesPage = lazy(() => import('./pages/PackagesPage.js').then((m) => ({ default: m.PackagesPage })));
const RisksPage = lazy(() => import('./pages/RisksPage.js').then((m) => ({ default: m.RisksPage })));
const RolloutsPage = lazy(() => import('./pages/RolloutsPage.js').then((m) => ({ default: m.RolloutsPage })));
const ScorecardPage = lazy(() => import('./pages/ScorecardPage.js').then((m) => ({ default: m.ScorecardPage })));
const SignInPage = lazy(() => import('./pages/SignInPage.js').then((m) => ({ default: m.SignInPage })));
const StandardPage = lazy(() => import('./pages/StandardPage.js').then((m) => ({ default: m.StandardPage })));
const StandardsPage = lazy(() => import('./pages/StandardsPage.js').then((m) => ({ default: m.StandardsPage })));

const LOGOUT = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export function App() {
  const { i18n } = useTranslation();
  const [session, setCurrent] = useState<Session | null>(getSession);
  useEffect(() => onSessionChange(setCurrent), []);
  // A new client per user: nothing cached for one user is shown to the next.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the user, not anything createClient reads, is why there is a new one
  const client = useMemo(() => createClient(), [session?.user.id]);
  const locale = i18n.language === 'en' ? enUS : zhCNLocale;
  return (
    <ConfigProvider locale={locale} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#0b5394' } }}>
      <AntApp>
        <UrqlProvider value={client}>
          <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: 96 }} />}>
            {session ? (
              <Shell session={session}>
                <Routes>
                  <Route path="/orders" element={<OrdersPage session={session} />} />
                  <Route path="/orders/new" element={<NewOrderPage />} />
                  <Route path="/orders/:id" element={<OrderPage />} />
                  <Route path="/risks" element={<RisksPage />} />
                  <Route path="/network" element={<NetworkPage />} />
                  <Route path="/packages" element={<PackagesPage />} />
                  <Route path="/scorecard" element={<ScorecardPage session={session} />} />
                  <Route path="/rollouts" element={<RolloutsPage />} />
                  <Route path="/assessment" element={<AssessmentPage />} />
                  <Route path="/invitations/accept" element={<InvitationPage />} />
                  <Route path="/forecasts" element={<ForecastsPage session={session} />} />
                  <Route path="/forecasts/:id" element={<ForecastPage />} />
                  <Route path="/standards" element={<StandardsPage />} />
                  <Route path="/standards/:code" element={<StandardPage />} />
                  <Route path="*" element={<Navigate to={home(session)} replace />} />
                </Routes>
              </Shell>
            ) : (
              <Routes>
                <Route path="/invitations/accept" element={<InvitationPage />} />
                <Route path="*" element={<SignInPage />} />
              </Routes>
            )}
          </Suspense>
        </UrqlProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** What each kind of organization works on. */
function navigation(session: Session): { path: string; label: string }[] {
  switch (session.user.organization.kind) {
    case 'ALLIANCE':
      return [{ path: '/standards', label: 'standards.nav' }];
    case 'SUPPLIER':
      return [
        { path: '/orders', label: 'nav.orders' },
        { path: '/forecasts', label: 'forecast.nav' },
        { path: '/rollouts', label: 'rollout.nav' },
        { path: '/assessment', label: 'assessment.nav' },
        { path: '/scorecard', label: 'scorecard.nav' },
      ];
    default:
      return [
        { path: '/orders', label: 'nav.orders' },
        { path: '/forecasts', label: 'forecast.nav' },
        { path: '/risks', label: 'risks.nav' },
        { path: '/network', label: 'network.nav' },
        // Packages are made and rolled out by organization admins and procurement.
        ...(session.user.roles.some((r) => r === 'ORG_ADMIN' || r === 'PROCUREMENT') ? [{ path: '/packages', label: 'packages.nav' }] : []),
      ];
  }
}

function home(session: Session): string {
  return navigation(session)[0].path;
}

function Shell({ session, children }: { session: Session; children: React.ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [, logout] = useMutation(LOGOUT);
  const signOut = async () => {
    await logout({ refreshToken: session.refreshToken }).catch(() => undefined);
    closeSubscriptions();
    setSession(null);
    void navigate('/');
  };
  const compact = useCompact();
  if (compact) {
    // On a phone the navigation, the account and the language go into one menu.
    const items = [
      ...navigation(session).map((item) => ({
        key: item.path,
        label: <span data-testid={`nav-${item.path.slice(1)}`}>{t(item.label)}</span>,
      })),
      { type: 'divider' as const },
      { key: 'who', disabled: true, label: `${session.user.displayName} · ${session.user.organization.name}` },
      { key: 'sign-out', label: <span data-testid="sign-out">{t('session.signOut')}</span> },
    ];
    return (
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#0b2a4a', paddingInline: 12 }}
        >
          <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
          <Space>
            <span style={{ filter: 'invert(1)' }}>
              <LocaleSwitch />
            </span>
            <Dropdown
              trigger={['click']}
              menu={{ items, onClick: ({ key }) => (key === 'sign-out' ? void signOut() : void navigate(key)) }}
            >
              <Button size="large" icon={<MenuOutlined />} aria-label={t('nav.menu')} data-testid="nav-menu" />
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 8 }}>{children}</Layout.Content>
      </Layout>
    );
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#0b2a4a' }}>
        <Space size="large">
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
          {navigation(session).map((item) => (
            <Button
              key={item.path}
              type="link"
              style={{ color: '#fff' }}
              onClick={() => navigate(item.path)}
              data-testid={`nav-${item.path.slice(1)}`}
            >
              {t(item.label)}
            </Button>
          ))}
        </Space>
        <Space>
          <Typography.Text style={{ color: '#cfe2f3' }} data-testid="who">
            {session.user.displayName} · {session.user.organization.name}
          </Typography.Text>
          <span style={{ filter: 'invert(1)' }}>
            <LocaleSwitch />
          </span>
          <Button onClick={signOut} data-testid="sign-out">
            {t('session.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
