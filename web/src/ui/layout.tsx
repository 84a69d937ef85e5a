// The frame around every screen: a skip link, the header with navigation and sign out, and the
// main landmark. When the screen changes, focus moves to its heading so the change is announced.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api';
import { useAuth } from '../auth';
import { Link, navigate } from '../router';
import { useAnnounce } from '../status';

const links = [
  { href: '/', label: 'Home' },
  { href: '/journal', label: 'Journal' },
  { href: '/invite', label: 'Invite' },
  { href: '/join', label: 'Join' },
  { href: '/sessions', label: 'Devices' },
  { href: '/settings', label: 'Settings' },
];

function isCurrent(href: string, pathname: string): boolean {
  if (href === '/') return pathname === '/' || pathname.startsWith('/bonds/');
  return pathname === href || pathname.startsWith(`${href}/`);
}

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

export function Layout({ pathname, children }: { pathname: string; children: ComponentChildren }) {
  const { user, setUser } = useAuth();
  const announce = useAnnounce();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);

  const signOut = async () => {
    try {
      await api.logout();
    } catch {
      // Signed out here either way; the server forgets the session when it can.
    }
    setUser(null);
    navigate('/signin', { replace: true });
    announce('You are signed out. See you soon.');
  };

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <Link href={user ? '/' : '/signin'} class="brand">
            <Mark />
            <span class="brand__name">Pillars</span>
          </Link>
          {user && (
            <button type="button" class="button button--quiet sign-out" onClick={signOut}>
              Sign out
            </button>
          )}
        </div>
        {user && (
          <nav class="site-nav" aria-label="Main">
            <ul>
              {links.map((link) => (
                <li key={link.href}>
                  <Link href={link.href} aria-current={isCurrent(link.href, pathname) ? 'page' : undefined}>
                    {link.label}
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
      <footer class="site-footer">
        <p>Close enough to share a roof, far enough apart to hold it up.</p>
      </footer>
    </>
  );
}
