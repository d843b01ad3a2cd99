// The shell: sign-in, role-based navigation and a tiny history router (no router dependency).
import { Alert, App as AntApp, Button, Card, Form, Input, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { errorText, request, setToken, setUnauthenticatedHandler } from './api';
import { LoginDocument, type Role } from './gql/generated';
import { ROLE } from './labels';
import { loadSession, saveSession, SessionContext, type Session } from './session';
import { BankInbox } from './pages/BankInbox';
import { BankProducts } from './pages/BankProducts';
import { DemandDetail } from './pages/DemandDetail';
import { EnterpriseCapital } from './pages/EnterpriseCapital';
import { EnterpriseDemands } from './pages/EnterpriseDemands';
import { EnterpriseGuarantees } from './pages/EnterpriseGuarantees';
import { EnterpriseProfile } from './pages/EnterpriseProfile';
import { FinanceEnterprises } from './pages/FinanceEnterprises';
import { FinanceListing } from './pages/FinanceListing';
import { FinancePolicy } from './pages/FinancePolicy';
import { FinanceCalendar } from './pages/FinanceCalendar';
import { FundMandates, FundMatches } from './pages/Fund';
import { GuarantorRequests } from './pages/GuarantorRequests';
import { LoansPage } from './pages/Loans';
import { FinanceRoadshows } from './pages/Roadshows';

// The dashboard brings ECharts: loaded only when the finance centre opens it.
const Dashboard = lazy(() => import('./pages/Dashboard').then((m) => ({ default: m.Dashboard })));

interface NavItem {
  path: string;
  label: string;
}
const NAV: Record<Role, NavItem[]> = {
  ENTERPRISE: [
    { path: '/enterprise/profile', label: '企业画像' },
    { path: '/enterprise/demands', label: '融资需求' },
    { path: '/enterprise/guarantees', label: '担保询价' },
    { path: '/enterprise/loans', label: '我的贷款' },
    { path: '/enterprise/capital', label: '股权融资与路演' },
  ],
  BANK_OFFICER: [
    { path: '/bank/inbox', label: '对接待办' },
    { path: '/bank/products', label: '金融产品' },
    { path: '/bank/loans', label: '贷款与贷后' },
  ],
  GUARANTOR_OFFICER: [{ path: '/guarantor/requests', label: '担保需求' }],
  FUND_OFFICER: [
    { path: '/fund/matches', label: '项目匹配' },
    { path: '/fund/mandates', label: '投资方向' },
  ],
  FINANCE_CENTER: [
    { path: '/finance/dashboard', label: '监测看板' },
    { path: '/finance/enterprises', label: '企业认定与白名单' },
    { path: '/finance/loans', label: '贷款与应急转贷' },
    { path: '/finance/listing', label: '上市培育' },
    { path: '/finance/roadshows', label: '培训路演' },
    { path: '/finance/policy', label: '政策参数' },
    { path: '/finance/calendar', label: '工作日历' },
  ],
};

function usePath(): [string, (to: string) => void] {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const on = () => setPath(window.location.pathname);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  const navigate = useCallback((to: string) => {
    if (to !== window.location.pathname) window.history.pushState(null, '', to);
    setPath(to);
    window.scrollTo(0, 0);
  }, []);
  return [path, navigate];
}

function route(path: string, role: Role): ReactNode {
  const demand = /^\/enterprise\/demands\/([^/]+)$/.exec(path);
  if (role === 'ENTERPRISE') {
    if (demand) return <DemandDetail id={decodeURIComponent(demand[1]!)} />;
    if (path === '/enterprise/profile') return <EnterpriseProfile />;
    if (path === '/enterprise/demands') return <EnterpriseDemands />;
    if (path === '/enterprise/guarantees') return <EnterpriseGuarantees />;
    if (path === '/enterprise/loans') return <LoansPage />;
    if (path === '/enterprise/capital') return <EnterpriseCapital />;
  }
  if (role === 'BANK_OFFICER') {
    if (path === '/bank/inbox') return <BankInbox />;
    if (path === '/bank/products') return <BankProducts />;
    if (path === '/bank/loans') return <LoansPage />;
  }
  if (role === 'GUARANTOR_OFFICER' && path === '/guarantor/requests') return <GuarantorRequests />;
  if (role === 'FUND_OFFICER') {
    if (path === '/fund/matches') return <FundMatches />;
    if (path === '/fund/mandates') return <FundMandates />;
  }
  if (role === 'FINANCE_CENTER') {
    if (path === '/finance/dashboard')
      return (
        <Suspense fallback={<Spin tip="加载中…"><div style={{ minHeight: 200 }} /></Spin>}>
          <Dashboard />
        </Suspense>
      );
    if (path === '/finance/enterprises') return <FinanceEnterprises />;
    if (path === '/finance/loans') return <LoansPage />;
    if (path === '/finance/listing') return <FinanceListing />;
    if (path === '/finance/roadshows') return <FinanceRoadshows />;
    if (path === '/finance/policy') return <FinancePolicy />;
    if (path === '/finance/calendar') return <FinanceCalendar />;
  }
  return null;
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const s = loadSession();
    setToken(s?.token ?? null);
    return s;
  });
  const [path, navigate] = usePath();
  const [expired, setExpired] = useState(false);

  const logout = useCallback(() => {
    saveSession(null);
    setToken(null);
    setSession(null);
    navigate('/login');
  }, [navigate]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setExpired(true);
      logout();
    });
    return () => setUnauthenticatedHandler(null);
  }, [logout]);

  const signedIn = useCallback(
    (s: Session) => {
      saveSession(s);
      setToken(s.token);
      setSession(s);
      setExpired(false);
      navigate(NAV[s.user.role][0]?.path ?? '/');
    },
    [navigate],
  );

  const ctx = useMemo(() => (session ? { session, logout, navigate } : null), [session, logout, navigate]);
  if (!session || !ctx) return <LoginPage onSignedIn={signedIn} expired={expired} />;

  const nav = NAV[session.user.role];
  const content = route(path, session.user.role);
  if (!content && nav[0] && path !== nav[0].path) {
    // Unknown or other-role path: go to the role's home page.
    queueMicrotask(() => navigate(nav[0]!.path));
  }
  const selected = nav.filter((n) => path.startsWith(n.path)).map((n) => n.path);

  return (
    <SessionContext.Provider value={ctx}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header className="yq-header">
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
            银企通
          </Typography.Title>
          <nav aria-label="主导航" className="yq-nav">
            <Menu
              theme="dark"
              mode="horizontal"
              selectedKeys={selected}
              items={nav.map((n) => ({ key: n.path, label: <a href={n.path} onClick={(e) => (e.preventDefault(), navigate(n.path))}>{n.label}</a> }))}
              style={{ flex: 1, minWidth: 0, background: 'transparent' }}
            />
          </nav>
          <Space className="yq-user">
            <Tag color="gold" title={session.user.email}>{ROLE[session.user.role]}</Tag>
            <span className="yq-email">{session.user.email}</span>
            <Button size="small" onClick={logout}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="yq-content">
          <main>{content}</main>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>银企通 · 区金融发展事务中心</Layout.Footer>
      </Layout>
    </SessionContext.Provider>
  );
}

function LoginPage({ onSignedIn, expired }: { onSignedIn: (s: Session) => void; expired: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = AntApp.useApp();
  useEffect(() => {
    if (window.location.pathname !== '/login') window.history.replaceState(null, '', '/login');
  }, []);
  const submit = async (v: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await request(LoginDocument, { email: v.email.trim(), password: v.password });
      message.success('登录成功');
      onSignedIn({ token: r.login.token, user: r.login.user });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="yq-login">
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          银企通 · 金融服务平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          企业 · 银行 · 担保机构 · 区金融发展事务中心
        </Typography.Paragraph>
        {expired && <Alert type="warning" showIcon message="登录已失效，请重新登录" style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="邮箱" name="email" rules={[{ required: true, message: '请输入邮箱' }, { type: 'email', message: '邮箱格式不正确' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
