// The shell: sign-in, role-based navigation and a tiny history router (no router dependency).
import { DownOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Dropdown, Form, Input, Layout, Menu, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { getToken, request, setPasswordChangeRequiredHandler, setToken, setUnauthenticatedHandler } from './api';
import { InlineError } from './components';
import { useSubmit } from './hooks';
import { LoginDocument, LogoutDocument, MeAccountDocument, type Role } from './gql/generated';
import { ROLE } from './labels';
import { useTokenRenewal } from './renewal';
import { loadSession, saveSession, SESSION_KEY, SessionContext, type Session } from './session';
import { ChangePasswordPage } from './pages/ChangePassword';
import { FinanceAccounts } from './pages/FinanceAccounts';
import { FinanceAudit } from './pages/FinanceAudit';
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
import { OpenInterface } from './pages/OpenInterface';
import { FinanceRoadshows } from './pages/Roadshows';

// The dashboard brings ECharts: loaded only when the finance centre opens it.
const Dashboard = lazy(() => import('./pages/Dashboard').then((m) => ({ default: m.Dashboard })));

/** 开放接口: one page for every officer kind (the institution's API clients and webhooks). */
const OPEN_PATH = '/open';

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
    { path: OPEN_PATH, label: '开放接口' },
  ],
  GUARANTOR_OFFICER: [
    { path: '/guarantor/requests', label: '担保需求' },
    { path: OPEN_PATH, label: '开放接口' },
  ],
  FUND_OFFICER: [
    { path: '/fund/matches', label: '项目匹配' },
    { path: '/fund/mandates', label: '投资方向' },
    { path: OPEN_PATH, label: '开放接口' },
  ],
  FINANCE_CENTER: [
    { path: '/finance/dashboard', label: '监测看板' },
    { path: '/finance/enterprises', label: '企业认定与白名单' },
    { path: '/finance/loans', label: '贷款与应急转贷' },
    { path: '/finance/listing', label: '上市培育' },
    { path: '/finance/roadshows', label: '培训路演' },
    { path: '/finance/policy', label: '政策参数' },
    { path: '/finance/calendar', label: '工作日历' },
    { path: '/finance/accounts', label: '账号管理' },
    { path: '/finance/audit', label: '审计日志' },
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
  if (path === OPEN_PATH && (role === 'BANK_OFFICER' || role === 'GUARANTOR_OFFICER' || role === 'FUND_OFFICER')) return <OpenInterface />;
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
        <Suspense
          fallback={
            <Spin tip="加载中…">
              <div style={{ minHeight: 200 }} />
            </Spin>
          }
        >
          <Dashboard />
        </Suspense>
      );
    if (path === '/finance/enterprises') return <FinanceEnterprises />;
    if (path === '/finance/loans') return <LoansPage />;
    if (path === '/finance/listing') return <FinanceListing />;
    if (path === '/finance/roadshows') return <FinanceRoadshows />;
    if (path === '/finance/policy') return <FinancePolicy />;
    if (path === '/finance/calendar') return <FinanceCalendar />;
    if (path === '/finance/accounts') return <FinanceAccounts />;
    if (path === '/finance/audit') return <FinanceAudit />;
  }
  return null;
}

/** Where every role changes its password (and the only page while a reset password must be changed). */
export const PASSWORD_PATH = '/account/password';

const ENDED_TEXT = '登录会话已结束（已达最长登录时长、已在别处退出或账号已停用），请重新登录';
const EXPIRED_TEXT = '登录已失效，请重新登录';

export function App() {
  const [path, navigate] = usePath();
  const { session, notice, logout, signedIn, passwordChanged } = useConsoleSession(navigate);
  const mustChange = !!session?.mustChangePassword;
  const ctx = useMemo(
    () => (session ? { session, logout, navigate, passwordChanged, mustChangePassword: mustChange } : null),
    [session, logout, navigate, passwordChanged, mustChange],
  );
  if (!session || !ctx) return <LoginPage onSignedIn={signedIn} notice={notice} />;

  // Until a reset password is changed, the change page is the only one (the gateway refuses the rest).
  const nav = mustChange ? [] : NAV[session.user.role];
  const content = mustChange || path === PASSWORD_PATH ? <ChangePasswordPage /> : route(path, session.user.role);
  const home = mustChange ? PASSWORD_PATH : nav[0]?.path;
  if (home && path !== home && (mustChange || !content)) {
    // Unknown or other-role path (or any path while the password must change): go to the role's home page.
    queueMicrotask(() => navigate(home));
  }

  return (
    <SessionContext.Provider value={ctx}>
      <ConsoleShell session={session} nav={nav} path={path} mustChange={mustChange} navigate={navigate} logout={logout}>
        {content}
      </ConsoleShell>
    </SessionContext.Provider>
  );
}

type Notice = { type: 'warning' | 'success'; text: string };

/** The signed-in session, kept in storage and in the API client, with what signs in, out and renews it. */
function useConsoleSession(navigate: (to: string) => void) {
  const [session, setSession] = useState<Session | null>(() => {
    const s = loadSession();
    setToken(s?.token ?? null);
    return s;
  });
  const [notice, setNotice] = useState<Notice | null>(null);
  const { message } = AntApp.useApp();
  // The handlers below are called from outside React's render (timers, fetches): they read the session here.
  const current = useRef(session);
  current.current = session;

  /** Forgets the session here only (the server already ended it, or another tab did). */
  const signOutHere = useCallback(
    (why: Notice | null) => {
      current.current = null;
      saveSession(null);
      setToken(null);
      setSession(null);
      setNotice(why);
      navigate('/login');
    },
    [navigate],
  );

  /** 退出: ends the session on the server too, so the token is refused everywhere, then forgets it. */
  const logout = useCallback(() => {
    void endOnServer().then(() => signOutHere({ type: 'success', text: '已安全退出' }));
  }, [signOutHere]);

  const keep = useCallback((next: Session) => {
    current.current = next;
    saveSession(next);
    setToken(next.token);
    setSession(next);
  }, []);

  useSessionUpkeep({ session, current, keep, setSession, signOutHere, navigate });

  const signedIn = useCallback(
    (s: Session, mustChangePassword: boolean) => {
      keep({ ...s, mustChangePassword });
      setNotice(null);
      navigate(mustChangePassword ? PASSWORD_PATH : (NAV[s.user.role][0]?.path ?? '/'));
    },
    [keep, navigate],
  );

  const passwordChanged = useCallback(
    (s: Session) => {
      keep({ ...s, mustChangePassword: false });
      message.success('密码已修改，其他登录会话已全部退出');
      navigate(NAV[s.user.role][0]?.path ?? '/');
    },
    [keep, message, navigate],
  );

  return { session, notice, logout, signedIn, passwordChanged };
}

/** Ends the session on the server, giving up after 5 s (signing out here must not wait on a dead network). */
function endOnServer(): Promise<unknown> {
  const t = getToken();
  return t
    ? Promise.race([request(LogoutDocument, {}, { token: t, quiet: true }).catch(() => undefined), new Promise((r) => setTimeout(r, 5000))])
    : Promise.resolve();
}

/**
 * The session's upkeep outside the pages: the API's signals (signed out, password must change), token
 * renewal, the check of a session restored on reload, and the other tabs' renewals and sign-outs.
 */
function useSessionUpkeep({
  session,
  current,
  keep,
  setSession,
  signOutHere,
  navigate,
}: {
  session: Session | null;
  current: MutableRefObject<Session | null>;
  keep: (next: Session) => void;
  setSession: (next: Session) => void;
  signOutHere: (why: Notice | null) => void;
  navigate: (to: string) => void;
}) {
  /** A renewed token for this session: the forced-change state carries over. */
  const adopt = useCallback(
    (s: Session) => keep({ ...s, mustChangePassword: current.current?.mustChangePassword ?? false }),
    [current, keep],
  );

  // Kept in the stored session, so a reload stays on the change page.
  const requireChange = useCallback(() => {
    const s = current.current;
    if (s && !s.mustChangePassword) keep({ ...s, mustChangePassword: true });
    navigate(PASSWORD_PATH);
  }, [current, keep, navigate]);

  useEffect(() => {
    setUnauthenticatedHandler(() => signOutHere({ type: 'warning', text: EXPIRED_TEXT }));
    setPasswordChangeRequiredHandler(requireChange);
    return () => {
      setUnauthenticatedHandler(null);
      setPasswordChangeRequiredHandler(null);
    };
  }, [signOutHere, requireChange]);

  useTokenRenewal(session, {
    onRenewed: adopt,
    onEnded: () => signOutHere({ type: 'warning', text: ENDED_TEXT }),
    onPasswordChangeRequired: requireChange,
  });

  // A session restored from storage (a reload): ask whether a reset password must be changed first.
  // Only the session present at start-up was restored from storage (a later one was just signed in).
  const restoredToken = useMemo(() => session?.token, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!restoredToken) return;
    request(MeAccountDocument, {}).then(
      (r) => r.me?.mustChangePassword && requireChange(),
      () => undefined, // UNAUTHENTICATED signs out through the handler; anything else: the pages will say
    );
  }, [restoredToken, requireChange]);

  useOtherTabs(current, setSession, signOutHere);
}

/** Other tabs of the console share the session: follow their renewals and sign-outs. */
function useOtherTabs(
  current: MutableRefObject<Session | null>,
  setSession: (next: Session) => void,
  signOutHere: (why: Notice | null) => void,
) {
  useEffect(() => {
    const on = (e: StorageEvent) => {
      if (e.key !== SESSION_KEY) return;
      const next = loadSession();
      if (!next) signOutHere(null);
      else if (next.token !== getToken() || next.mustChangePassword !== current.current?.mustChangePassword) {
        current.current = next;
        setToken(next.token);
        setSession(next);
      }
    };
    window.addEventListener('storage', on);
    return () => window.removeEventListener('storage', on);
  }, [current, setSession, signOutHere]);
}

/** The header (navigation, account menu), the page and the footer. */
function ConsoleShell({
  session,
  nav,
  path,
  mustChange,
  navigate,
  logout,
  children,
}: {
  session: Session;
  nav: NavItem[];
  path: string;
  mustChange: boolean;
  navigate: (to: string) => void;
  logout: () => void;
  children: ReactNode;
}) {
  const selected = nav.filter((n) => path.startsWith(n.path)).map((n) => n.path);
  return (
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
            items={nav.map((n) => ({
              key: n.path,
              label: (
                <a href={n.path} onClick={(e) => (e.preventDefault(), navigate(n.path))}>
                  {n.label}
                </a>
              ),
            }))}
            style={{ flex: 1, minWidth: 0, background: 'transparent' }}
          />
        </nav>
        <AccountMenu session={session} mustChange={mustChange} navigate={navigate} logout={logout} />
      </Layout.Header>
      <Layout.Content className="yq-content">
        <main>{children}</main>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>银企通 · 区金融发展事务中心</Layout.Footer>
    </Layout>
  );
}

function AccountMenu({
  session,
  mustChange,
  navigate,
  logout,
}: {
  session: Session;
  mustChange: boolean;
  navigate: (to: string) => void;
  logout: () => void;
}) {
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          ...(mustChange ? [] : [{ key: 'password', label: <a href={PASSWORD_PATH}>修改密码</a> }]),
          { key: 'logout', label: '退出登录' },
        ],
        onClick: ({ key, domEvent }) => {
          domEvent.preventDefault();
          if (key === 'password') navigate(PASSWORD_PATH);
          else logout();
        },
      }}
    >
      {/* One menu for the account (修改密码, 退出登录): the finance centre's nine pages need the header's width. */}
      <Button type="text" className="yq-user" aria-label="账号菜单" title={session.user.email}>
        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
          {ROLE[session.user.role]}
        </Tag>
        <span className="yq-email">{session.user.email}</span>
        <DownOutlined style={{ color: '#fff', fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}

function LoginPage({ onSignedIn, notice }: { onSignedIn: (s: Session, mustChangePassword: boolean) => void; notice: Notice | null }) {
  const { busy, error, run } = useSubmit();
  const { message } = AntApp.useApp();
  useEffect(() => {
    if (window.location.pathname !== '/login') window.history.replaceState(null, '', '/login');
  }, []);
  const submit = (v: { email: string; password: string }) =>
    run(async () => {
      const r = await request(LoginDocument, { email: v.email.trim(), password: v.password });
      const receivedAt = Date.now();
      // A reset password must be changed before anything else (me answers even then).
      const me = await request(MeAccountDocument, {}, { token: r.login.token, quiet: true }).catch(() => null);
      message.success('登录成功');
      onSignedIn({ token: r.login.token, user: r.login.user, receivedAt }, me?.me?.mustChangePassword ?? false);
    });
  return (
    <div className="yq-login">
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          银企通 · 金融服务平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          企业 · 银行 · 担保机构 · 区金融发展事务中心
        </Typography.Paragraph>
        {notice && !error && (
          <Alert type={notice.type} showIcon message={notice.text} style={{ marginBottom: 16 }} data-testid="login-notice" />
        )}
        <InlineError error={error} gap={16} />
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label="邮箱"
            name="email"
            rules={[
              { required: true, message: '请输入邮箱' },
              { type: 'email', message: '邮箱格式不正确' },
            ]}
          >
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
