// Where the navigation leads and which of its links is the current page, as plain functions. On a
// phone: four tabs (Home, Journal, Check in, More); on a larger screen: the bar under the header.
import type { Bond } from '../api';

export type TabId = 'home' | 'journal' | 'checkin' | 'more';

const isBondCheckin = (pathname: string) => /^\/bonds\/[^/]+\/checkin\/?$/.test(pathname);
const under = (href: string, pathname: string) => pathname === href || pathname.startsWith(`${href}/`);

/** The tab a page belongs to: a bond's page is Home's, its check-in is Check in's. */
export function tabOf(pathname: string): TabId | null {
  if (pathname === '/checkin' || isBondCheckin(pathname)) return 'checkin';
  if (pathname === '/' || under('/bonds', pathname)) return 'home';
  if (under('/journal', pathname)) return 'journal';
  if (['/more', '/me', '/invite', '/join', '/settings', '/sessions', '/insights'].some((p) => under(p, pathname))) return 'more';
  return null;
}

/** Where the Check in tab leads: straight to the check-in when there is one active bond. */
export function checkinTabHref(bonds: readonly Bond[] | undefined): string {
  const active = (bonds ?? []).filter((b) => b.status === 'active');
  return active.length === 1 ? `/bonds/${encodeURIComponent(active[0]!.id)}/checkin` : '/checkin';
}

/** The bar on larger screens. Devices are found in Settings. */
export const barLinks = [
  { href: '/', label: 'Home' },
  { href: '/journal', label: 'Journal' },
  { href: '/me', label: 'Just for you' },
  { href: '/invite', label: 'Invite' },
  { href: '/join', label: 'Join' },
  { href: '/settings', label: 'Settings' },
] as const;

/** Whether the bar's link to `href` is the current page (or the part of the app it belongs to). */
export function barCurrent(href: string, pathname: string): boolean {
  if (href === '/') return pathname === '/' || under('/bonds', pathname);
  if (href === '/settings') return under('/settings', pathname) || under('/sessions', pathname);
  if (href === '/me') return under('/me', pathname) || under('/insights/me', pathname);
  return under(href, pathname);
}

/** "Home" or "Home, 3 new": a link's name with how many unread things wait there. */
export function withCount(label: string, count: number): string {
  return count > 0 ? `${label}, ${count} new` : label;
}

/** The count as drawn on a small badge: up to 99, then "99+". */
export function countBadge(count: number): string {
  return count > 99 ? '99+' : String(count);
}
