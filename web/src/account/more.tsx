// More, for phones: what the tab bar has no room for ("Just for you", inviting, joining,
// settings, your data), the notices of this visit, and signing out.
import { useSignOut } from '../auth';
import { useTitle } from '../hooks';
import { Link } from '../router';
import { useRecentNotices } from '../status';
import { NoticeList } from '../ui/notices';
import { justForYouHref } from '../ui/target';
import './account.css';

const places = [
  { href: justForYouHref, title: 'Just for you', hint: 'Your two needs, your own patterns, time of your own. Seen by you alone.' },
  { href: '/invite', title: 'Invite someone', hint: 'Make a code for the one person you want to share this with.' },
  { href: '/join', title: 'Join with a code', hint: 'Someone gave you a code: enter it here.' },
  { href: '/settings', title: 'Settings', hint: 'Your name, time zone, affection, time of your own, password and devices.' },
  { href: '/settings/notifications', title: 'Notifications', hint: 'A gentle check-in reminder, a note when something new is waiting, quiet hours.' },
  { href: '/settings/data', title: 'Your data', hint: 'Download everything, bring your writing from another Pillars, or delete your account.' },
];

export function More() {
  useTitle('More');
  const signOut = useSignOut();
  const recent = useRecentNotices();
  return (
    <>
      <h1 tabIndex={-1}>More</h1>
      <ul class="plain-list more-list">
        {places.map((place) => (
          <li key={place.href}>
            <Link href={place.href} class="more-link">
              <span class="more-link__title">{place.title}</span>{' '}
              <span class="more-link__hint">{place.hint}</span>
            </Link>
          </li>
        ))}
      </ul>

      <section class="section" aria-labelledby="more-notices-heading">
        <h2 id="more-notices-heading">Recent notices</h2>
        <NoticeList items={recent} label="Recent notices" empty="Nothing yet. Notices from this visit gather here." />
      </section>

      <section class="section" aria-labelledby="more-signout-heading">
        <h2 id="more-signout-heading">Sign out</h2>
        <p>Signing out here leaves any other device you use signed in.</p>
        <button type="button" class="button button--secondary" onClick={signOut}>
          Sign out
        </button>
      </section>
    </>
  );
}
