// Looking back at notices: a plain list (any source can feed it: the notices of this visit from
// status.tsx, or a list of what is new fetched from the server) and the header's button that opens
// the recent ones in a small panel.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatRelative } from '../format';
import { Link } from '../router';
import { useRecentNotices } from '../status';

export interface NoticeItem {
  id: string | number;
  text: string;
  /** When it happened: milliseconds since the epoch or an ISO time. */
  at: number | string;
  /** Where the thing it speaks of can be found, if anywhere. */
  href?: string;
  /** Not seen yet: marked "new", on screen and in the link's name. */
  unread?: boolean;
  /** Still asks for an answer (a call for comfort, a wish for time alone): set apart by its edge. */
  open?: boolean;
}

/** The item's words, and "new" after them while unread (a real space between, so the name holds both). */
function ItemText({ item }: { item: NoticeItem }) {
  const words = (
    <>
      <span class="notice-list__words">{item.text}</span>
      {item.unread && (
        <>
          {' '}
          <span class="notice-list__new">new</span>
        </>
      )}
    </>
  );
  if (!item.href) return words;
  return (
    <Link href={item.href} class="notice-list__link" aria-label={item.unread ? `${item.text}, new` : undefined}>
      {words}
    </Link>
  );
}

/** In the order given (newest first, say), each with how long ago it was; `empty` when there is none. */
export function NoticeList({ items, label, empty }: { items: readonly NoticeItem[]; label: string; empty: string }) {
  if (items.length === 0) return <p class="muted notice-list__empty">{empty}</p>;
  return (
    <ul class="plain-list notice-list" aria-label={label}>
      {items.map((item) => {
        const iso = new Date(item.at).toISOString();
        const classes = ['notice-list__item', item.unread ? 'notice-list__item--unread' : '', item.open ? 'notice-list__item--open' : ''];
        return (
          <li class={classes.filter(Boolean).join(' ')} key={item.id}>
            <span class="notice-list__text">
              <ItemText item={item} />
            </span>{' '}
            <time class="notice-list__time" dateTime={iso}>
              {formatRelative(iso)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}

function Bell() {
  return (
    <svg class="recent__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M6.5 16.5V11a5.5 5.5 0 0 1 11 0v5.5l1.5 2h-14z" />
      <path d="M10 21h4" />
    </svg>
  );
}

/** "Recent notices": a button in the header that shows what was said during this visit. */
export function RecentNoticesButton() {
  const recent = useRecentNotices();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Escape or a click elsewhere closes it; Escape puts focus back on the button. Listening starts
  // as the panel renders (a layout effect), so an Escape pressed at once is not lost.
  useLayoutEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  return (
    <div class="recent" ref={wrap}>
      <button
        type="button"
        ref={button}
        class="button button--quiet recent__button"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="recent-notices"
        onClick={() => setOpen(!open)}
      >
        <Bell />
        <span class="recent__label">Recent notices</span>
      </button>
      {open && (
        <section class="recent__panel card" id="recent-notices" aria-labelledby="recent-heading">
          <h2 id="recent-heading" class="recent__heading">
            Recent notices
          </h2>
          <NoticeList items={recent} label="Recent notices" empty="Nothing yet. Notices from this visit gather here." />
        </section>
      )}
    </div>
  );
}
