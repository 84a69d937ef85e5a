// Home's "What's new": the person's notices, grouped per bond, open requests first, each a plain
// sentence that leads to the thing it speaks of. Unread ones say "new" (on screen and to screen
// readers) until opened, or until everything is marked seen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Bond, type Notice } from '../api';
import { useResource } from '../hooks';
import { useAnnounce } from '../status';
import { LoadError, Loading } from '../ui/feedback';
import { Button } from '../ui/forms';
import { NoticeList } from '../ui/notices';
import { noticeHref } from '../ui/target';
import { bondsNeedingSpaceDetails, groupNews, isOpen, noticeSentence, type NewsGroup, type SpaceDetails } from './news';
import { useNews } from './state';
import './news.css';

/** When and the reply of each request for space named in the list, fetched only when there is one. */
function useSpaceDetails(notices: readonly Notice[] | undefined) {
  const bonds = bondsNeedingSpaceDetails(notices ?? []);
  // Fetched again only when a request for space is new, or answered.
  const key = (notices ?? [])
    .filter((n) => n.kind === 'space_requested' || n.kind === 'space_answered')
    .map((n) => `${n.id}:${n.open ?? ''}:${n.created_at}`)
    .join(',');
  const details = useResource(async () => {
    const lists = await Promise.all(bonds.map((b) => api.spaceRequests(b).catch(() => [])));
    return new Map<string, SpaceDetails>(lists.flat().map((r) => [r.id, { when: r.when, reply: r.reply }]));
  }, [key]);
  return details.data;
}

function Group({ group, space }: { group: NewsGroup; space: Map<string, SpaceDetails> | undefined }) {
  const [showEarlier, setShowEarlier] = useState(false);
  const headingId = `news-${group.bondId}`;
  const items = showEarlier ? [...group.items, ...group.earlier] : group.items;
  return (
    <section class="news__bond" aria-labelledby={headingId}>
      <h3 class="news__with" id={headingId}>
        With {group.name}
      </h3>
      <NoticeList
        label={`What is new with ${group.name}`}
        empty=""
        items={items.map((n) => ({
          id: n.id,
          text: noticeSentence(n, group.name, space?.get(n.subject_id)),
          at: n.created_at,
          href: noticeHref(n),
          unread: !n.seen,
          open: isOpen(n),
        }))}
      />
      {group.earlier.length > 0 && (
        <Button variant="quiet" class="button button--quiet news__more" aria-expanded={showEarlier ? 'true' : 'false'} onClick={() => setShowEarlier(!showEarlier)}>
          {showEarlier ? 'Show less' : `Show earlier (${group.earlier.length})`}
        </Button>
      )}
    </section>
  );
}

export function WhatsNew({ bonds }: { bonds: readonly Bond[] | undefined }) {
  const news = useNews();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const space = useSpaceDetails(news.notices);
  const [marking, setMarking] = useState(false);

  // Home shows the list as it is now (a request answered elsewhere is no longer open, say).
  useEffect(() => news.reload(), []);

  const notices = news.notices;
  const groups = notices ? groupNews(notices, bonds) : [];
  const pressing = notices?.some((n) => !n.seen || isOpen(n)) ?? false;

  const markAll = async () => {
    setMarking(true);
    const done = await news.markSeen('all');
    setMarking(false);
    // The button goes with what it marked; focus stays in the section.
    heading.current?.focus();
    announce(done ? 'Everything here is marked as seen.' : 'That did not work. Please try again.');
  };

  return (
    <section class="section section--first news" aria-labelledby="news-heading">
      <div class="section-head">
        <h2 id="news-heading" tabIndex={-1} ref={heading}>
          What’s new
        </h2>
        {news.unread > 0 && (
          <Button variant="secondary" class="button button--secondary news__all" busy={marking} busyLabel="Marking…" onClick={markAll}>
            Mark all as seen
          </Button>
        )}
      </div>
      {news.error && !notices && <LoadError error={news.error} onRetry={news.reload} />}
      {!notices && !news.error && <Loading label="Looking for what is new…" />}
      {notices && !pressing && (
        <p class="news__empty muted">
          {notices.length === 0
            ? 'Nothing new. When someone you are bonded with shares something, reaches out or checks in, it shows here.'
            : 'Nothing new since you last looked.'}
        </p>
      )}
      {groups.map((g) => (
        <Group key={g.bondId} group={g} space={space} />
      ))}
    </section>
  );
}
