// The frame around every screen: a skip link, the header, the main landmark and the navigation.
// On a larger screen the navigation is a bar under the header; on a phone (narrower than 40rem) it
// is a tab bar fixed at the bottom, four tabs within reach of a thumb, and the rest under More.
// When the screen changes, focus moves to its heading so the change is announced (focus.ts).
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api';
import { useAuth, useSignOut } from '../auth';
import { useResource } from '../hooks';
import { useLiveEvents } from '../live';
import { focusHeading } from './focus';
import { Link } from '../router';
import { barCurrent, barLinks, checkinTabHref, countBadge, tabOf, withCount, type TabId } from './nav';
import { RecentNoticesButton } from './notices';

function Mark() {
  return (
    <svg class="brand__mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path d="M8 20 32 8l24 12z" />
      <rect x="8" y="20" width="48" height="5" rx="1.5" />
      <rect class="brand__pillar" x="14" y="27" width="10" height="24" rx="2" />
      <rect class="brand__pillar" x="40" y="27" width="10" height="24" rx="2" />
      <rect x="8" y="52" width="48" height="5" rx="1.5" />
    </svg>
  );
}

/** The tab icons: simple strokes in the text colour, hidden from screen readers (the label speaks). */
const tabIcons: Record<TabId, JSX.Element> = {
  home: <path d="M4 11.5 12 5l8 6.5M6.5 9.5V19h11V9.5M10 19v-5h4v5" />,
  journal: <path d="M6 4.5h10.5a1.5 1.5 0 0 1 1.5 1.5v13.5H7.5A1.5 1.5 0 0 1 6 18zM6 18a1.5 1.5 0 0 1 1.5-1.5H18M9.5 8.5h5" />,
  checkin: (
    <>
      <circle cx="9" cy="12" r="5" />
      <circle cx="15" cy="12" r="5" />
    </>
  ),
  more: (
    <>
      <circle cx="6" cy="12" r="1.3" />
      <circle cx="12" cy="12" r="1.3" />
      <circle cx="18" cy="12" r="1.3" />
    </>
  ),
};

/**
 * How many unread things wait on Home: a small number after the link's text (a space between, so
 * the visible words stay part of the link's name), said in full in its label: "Home, 3 new".
 */
function Count({ count, class: className }: { count: number; class: string }) {
  if (count <= 0) return null;
  return (
    <span class={className} aria-hidden="true">
      {countBadge(count)}
    </span>
  );
}

function TabBar({ pathname, unread }: { pathname: string; unread: number }) {
  const { user } = useAuth();
  // Fetched again on every screen change, so a bond just made or ended changes where it leads.
  const bonds = useResource(api.bonds, [user?.id, pathname]);
  useLiveEvents((event) => {
    if (event.type === 'bond_ended' || event.type === 'resync') bonds.reload();
  });
  const tabs: { id: TabId; href: string; label: string }[] = [
    { id: 'home', href: '/', label: 'Home' },
    { id: 'journal', href: '/journal', label: 'Journal' },
    { id: 'checkin', href: checkinTabHref(bonds.data), label: 'Check in' },
    { id: 'more', href: '/more', label: 'More' },
  ];
  const current = tabOf(pathname);
  return (
    <nav class="tabbar" aria-label="Main">
      <ul class="tabbar__list">
        {tabs.map((tab) => (
          <li key={tab.id}>
            <Link
              href={tab.href}
              class="tabbar__link"
              aria-current={tab.id === current ? 'page' : undefined}
              aria-label={tab.id === 'home' && unread > 0 ? withCount(tab.label, unread) : undefined}
            >
              <svg class="tabbar__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                {tabIcons[tab.id]}
              </svg>
              <span class="tabbar__label">{tab.label}</span>
              {tab.id === 'home' && unread > 0 && ' '}
              {tab.id === 'home' && <Count count={unread} class="count count--tab" />}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** `unread`: how many notices wait unread, shown on Home's tab and link. */
export function Layout({ pathname, unread = 0, children }: { pathname: string; unread?: number; children: ComponentChildren }) {
  const { user } = useAuth();
  const signOut = useSignOut();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusHeading();
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <Link href="/" class="brand">
            <Mark />
            <span class="brand__name">Pillars</span>
          </Link>
          {user && (
            <div class="site-header__tools">
              <RecentNoticesButton />
              <button type="button" class="button button--quiet sign-out" onClick={signOut}>
                Sign out
              </button>
            </div>
          )}
        </div>
        {user && (
          <nav class="site-nav" aria-label="Main">
            <ul>
              {barLinks.map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={barCurrent(link.href, pathname) ? 'page' : undefined}
                    aria-label={link.href === '/' && unread > 0 ? withCount(link.label, unread) : undefined}
                  >
                    {link.label}
                    {link.href === '/' && unread > 0 && ' '}
                    {link.href === '/' && <Count count={unread} class="count count--bar" />}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer class={user ? 'site-footer site-footer--tabs' : 'site-footer'}>
        <p>Close enough to share a roof, far enough apart to hold it up.</p>
      </footer>
      {user && <TabBar pathname={pathname} unread={unread} />}
    </>
  );
}
