// The route table and the rule that keeps signed-out people on the screens meant for them: the
// welcome at "/", signing in and signing up.
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { useAuth } from './auth';
import { Layout } from './ui/layout';
import { Loading, Unreachable } from './ui/feedback';
import { useTitle } from './hooks';
import { Home } from './bond/home';
import { SignIn, safeNext } from './account/signin';
import { SignUp } from './account/signup';
import { Welcome } from './start/welcome';
import { windowOf } from './insights/window';
import { lazy, preloadScreen } from './lazy';
import { promptIdOf } from './ui/target';
import { Link, matchRoute, navigate, useLocation } from './router';
import { useNews } from './news/state';

// The first visit carries the shell, the welcome, signing in and Home; every other screen's code
// is a file of its own, fetched when the screen is first opened.
const BondPage = lazy(() => import('./bond/bond-page'), 'BondPage');
const CheckinChooser = lazy(() => import('./checkin/choose'), 'CheckinChooser');
const CheckinPage = lazy(() => import('./checkin/page'), 'CheckinPage');
const EntryPage = lazy(() => import('./inner/entry-page'), 'EntryPage');
const InvitePage = lazy(() => import('./bond/invite'), 'InvitePage');
const Join = lazy(() => import('./bond/join'), 'Join');
const Journal = lazy(() => import('./inner/journal'), 'Journal');
const More = lazy(() => import('./account/more'), 'More');
const Sessions = lazy(() => import('./account/sessions'), 'Sessions');
const Settings = lazy(() => import('./account/settings'), 'Settings');
const HistoryMonth = lazy(() => import('./checkin/history-page'), 'HistoryMonth');
const HistoryDay = lazy(() => import('./checkin/history-page'), 'HistoryDay');
const Start = lazy(() => import('./start/start'), 'Start');
const BondInsightsPage = lazy(() => import('./insights/bond-insights'), 'BondInsightsPage');
const MyInsightsPage = lazy(() => import('./insights/mine'), 'MyInsightsPage');
const JourneyPage = lazy(() => import('./journey/journey-page'), 'JourneyPage');
const DecksPage = lazy(() => import('./decks/decks-page'), 'DecksPage');
const DeckPage = lazy(() => import('./decks/deck-page'), 'DeckPage');
const PromptPage = lazy(() => import('./decks/prompt-page'), 'PromptPage');
const MenusPage = lazy(() => import('./menus/menus-page'), 'MenusPage');
const MenuPage = lazy(() => import('./menus/menu-page'), 'MenuPage');
const JustForYou = lazy(() => import('./me/just-for-you'), 'JustForYou');
const BondNeedsPage = lazy(() => import('./needs/bond-needs'), 'BondNeedsPage');
const MyNeedsPage = lazy(() => import('./needs/needs-page'), 'MyNeedsPage');
const TakeNeedsPage = lazy(() => import('./needs/take'), 'TakeNeedsPage');
const ReflectionsPage = lazy(() => import('./reflections/reflections-page'), 'ReflectionsPage');
const OwnTimePage = lazy(() => import('./own-time/own-time-page'), 'OwnTimePage');
const YourData = lazy(() => import('./data/data-page'), 'YourData');
const NotificationsPage = lazy(() => import('./notify/notify-page'), 'NotificationsPage');
const AccountDeleted = lazy(() => import('./data/data-page'), 'AccountDeleted');
const ForgotPassword = lazy(() => import('./account/password-reset'), 'ForgotPassword');
const ResetPassword = lazy(() => import('./account/password-reset'), 'ResetPassword');

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
  { path: '/signin', access: 'guest', render: (_, q) => <SignIn next={q.get('next')} passwordChanged={q.get('password') === 'changed'} /> },
  { path: '/signup', access: 'guest', render: (_, q) => <SignUp next={q.get('next')} /> },
  { path: '/forgot-password', access: 'guest', render: () => <ForgotPassword /> },
  // A reset link works whoever is signed in here: it names its own account.
  { path: '/reset-password', access: 'anyone', render: () => <ResetPassword /> },
  { path: '/account-deleted', access: 'guest', render: () => <AccountDeleted /> },
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
  { path: '/bonds/:id/decks', access: 'member', render: (p) => <DecksPage id={p.id!} key={p.id} /> },
  {
    path: '/bonds/:id/decks/:deck',
    access: 'member',
    render: (p) => <DeckPage id={p.id!} deckId={p.deck!} key={`${p.id} ${p.deck}`} />,
  },
  {
    path: '/bonds/:id/prompts/:prompt',
    access: 'member',
    render: (p) => <PromptPage id={p.id!} promptId={promptIdOf(p.prompt!)} key={`${p.id} ${p.prompt}`} />,
  },
  { path: '/bonds/:id/menus', access: 'member', render: (p) => <MenusPage id={p.id!} key={p.id} /> },
  {
    path: '/bonds/:id/menus/:menu',
    access: 'member',
    render: (p, q) => <MenuPage id={p.id!} menuId={p.menu!} list={q.get('view') === 'list'} key={`${p.id} ${p.menu}`} />,
  },
  { path: '/me', access: 'member', render: () => <JustForYou /> },
  { path: '/me/needs', access: 'member', render: () => <MyNeedsPage /> },
  { path: '/me/needs/take', access: 'member', render: () => <TakeNeedsPage /> },
  { path: '/me/reflections', access: 'member', render: () => <ReflectionsPage /> },
  { path: '/me/own-time', access: 'member', render: () => <OwnTimePage /> },
  { path: '/insights/me', access: 'member', render: (_, q) => <MyInsightsPage days={windowOf(q)} /> },
  { path: '/checkin', access: 'member', render: () => <CheckinChooser /> },
  { path: '/more', access: 'member', render: () => <More /> },
  { path: '/sessions', access: 'member', render: () => <Sessions /> },
  { path: '/settings', access: 'member', render: () => <Settings /> },
  { path: '/settings/data', access: 'member', render: () => <YourData /> },
  { path: '/settings/notifications', access: 'member', render: () => <NotificationsPage /> },
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

  // While the app asks who is signed in, the screen's code is already on its way.
  const asking = user === undefined;
  useEffect(() => {
    if (asking && found) preloadScreen(found.route.render(found.params, search, true));
  }, [asking, pathname]);

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
