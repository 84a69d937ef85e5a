// The route table and the rule that keeps signed-out people on the screens meant for them: the
// welcome at "/", signing in and signing up.
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { useAuth } from './auth';
import { Layout } from './ui/layout';
import { Loading } from './ui/feedback';
import { useTitle } from './hooks';
import { BondPage } from './bond/bond-page';
import { CheckinChooser } from './checkin/choose';
import { CheckinPage } from './checkin/page';
import { EntryPage } from './inner/entry-page';
import { Home } from './bond/home';
import { InvitePage } from './bond/invite';
import { Join } from './bond/join';
import { Journal } from './inner/journal';
import { More } from './account/more';
import { Sessions } from './account/sessions';
import { Settings } from './account/settings';
import { SignIn, safeNext } from './account/signin';
import { SignUp } from './account/signup';
import { HistoryDay, HistoryMonth } from './checkin/history-page';
import { Start } from './start/start';
import { Welcome } from './start/welcome';
import { BondInsightsPage } from './insights/bond-insights';
import { MyInsightsPage } from './insights/mine';
import { windowOf } from './insights/window';
import { JourneyPage } from './journey/journey-page';
import { JustForYou } from './me/just-for-you';
import { BondNeedsPage } from './needs/bond-needs';
import { MyNeedsPage } from './needs/needs-page';
import { OwnTimePage } from './own-time/own-time-page';
import { TakeNeedsPage } from './needs/take';
import { Link, matchRoute, navigate, useLocation } from './router';
import { useNews } from './news/state';

interface Route {
  path: string;
  /**
   * "guest": only for signed-out people (sign in, sign up); "member": signed-in only; "anyone":
   * both, each their own screen (`signedIn` says which).
   */
  access: 'guest' | 'member' | 'anyone';
  render: (params: Record<string, string>, search: URLSearchParams, signedIn: boolean) => JSX.Element;
}

const routes: Route[] = [
  { path: '/signin', access: 'guest', render: (_, q) => <SignIn next={q.get('next')} /> },
  { path: '/signup', access: 'guest', render: (_, q) => <SignUp next={q.get('next')} /> },
  { path: '/', access: 'anyone', render: (_, __, signedIn) => (signedIn ? <Home /> : <Welcome />) },
  { path: '/start', access: 'member', render: () => <Start /> },
  { path: '/start/invite', access: 'member', render: () => <InvitePage firstRun /> },
  { path: '/start/join', access: 'member', render: () => <Join firstRun /> },
  { path: '/invite', access: 'member', render: () => <InvitePage /> },
  { path: '/join', access: 'member', render: () => <Join /> },
  { path: '/join/:code', access: 'member', render: (p) => <Join code={p.code} key={p.code} /> },
  { path: '/journal', access: 'member', render: () => <Journal /> },
  { path: '/journal/:id', access: 'member', render: (p) => <EntryPage id={p.id!} key={p.id} /> },
  { path: '/bonds/:id', access: 'member', render: (p) => <BondPage id={p.id!} key={p.id} /> },
  { path: '/bonds/:id/checkin', access: 'member', render: (p) => <CheckinPage id={p.id!} key={p.id} /> },
  {
    path: '/bonds/:id/history',
    access: 'member',
    render: (p, q) => <HistoryMonth id={p.id!} month={q.get('month')} key={p.id} />,
  },
  {
    path: '/bonds/:id/history/:day',
    access: 'member',
    render: (p) => <HistoryDay id={p.id!} day={p.day!} key={`${p.id} ${p.day}`} />,
  },
  {
    path: '/bonds/:id/insights',
    access: 'member',
    render: (p, q) => <BondInsightsPage id={p.id!} days={windowOf(q)} key={p.id} />,
  },
  { path: '/bonds/:id/needs', access: 'member', render: (p) => <BondNeedsPage id={p.id!} key={p.id} /> },
  { path: '/bonds/:id/journey', access: 'member', render: (p) => <JourneyPage id={p.id!} key={p.id} /> },
  { path: '/me', access: 'member', render: () => <JustForYou /> },
  { path: '/me/needs', access: 'member', render: () => <MyNeedsPage /> },
  { path: '/me/needs/take', access: 'member', render: () => <TakeNeedsPage /> },
  { path: '/me/own-time', access: 'member', render: () => <OwnTimePage /> },
  { path: '/insights/me', access: 'member', render: (_, q) => <MyInsightsPage days={windowOf(q)} /> },
  { path: '/checkin', access: 'member', render: () => <CheckinChooser /> },
  { path: '/more', access: 'member', render: () => <More /> },
  { path: '/sessions', access: 'member', render: () => <Sessions /> },
  { path: '/settings', access: 'member', render: () => <Settings /> },
];

function NotFound() {
  useTitle('Not found');
  return (
    <>
      <h1 tabIndex={-1}>Nothing here</h1>
      <p>This page does not exist. It may have moved, or the address has a typo.</p>
      <p>
        <Link href="/">Go to your home screen</Link>
      </p>
    </>
  );
}

function Unreachable({ onRetry }: { onRetry: () => void }) {
  useTitle('Cannot reach Pillars');
  return (
    <>
      <h1 tabIndex={-1}>We cannot reach Pillars just now</h1>
      <p>Check your connection, or whether the server is running, and try again.</p>
      <button type="button" class="button button--primary" onClick={onRetry}>
        Try again
      </button>
    </>
  );
}

function find(pathname: string): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchRoute(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const { user, failed, retry } = useAuth();
  const { unread } = useNews();
  const { pathname, search } = useLocation();
  const found = find(pathname);

  // Where a screen may not be shown to this person, send them where they belong.
  const redirect =
    user === undefined || !found
      ? null
      : found.route.access === 'member' && !user
        ? `/signin?next=${encodeURIComponent(pathname + window.location.search + window.location.hash)}`
        : found.route.access === 'guest' && user
          ? safeNext(search.get('next'))
          : null;

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  let screen: JSX.Element;
  if (user === undefined) screen = failed ? <Unreachable onRetry={retry} /> : <Loading label="Opening Pillars…" />;
  else if (redirect) screen = <Loading label="One moment…" />;
  else if (!found) screen = <NotFound />;
  else screen = found.route.render(found.params, search, Boolean(user));

  return (
    <Layout pathname={pathname} unread={unread}>
      {screen}
    </Layout>
  );
}
