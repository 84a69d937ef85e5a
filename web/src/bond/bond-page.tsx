import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Bond, type SharedEntry } from '../api';
import { CheckinToday } from '../checkin/today';
import { LoadError, Loading } from '../ui/feedback';
import { Confirm } from '../ui/confirm';
import { Button } from '../ui/forms';
import { Appreciate, AppreciationList, ComfortList, QuickActions, SharedEntryCard } from './together';
import { SpaceList } from './space-requests';
import { BondMissing } from './bond-missing';
import { formatDate, kindLabel } from '../format';
import { toApiError, useAction, useCatalog, useConfirmStep, useResource, useTitle } from '../hooks';
import { sayingHere, useLiveEvents } from '../live';
import { Link } from '../router';
import { useAnnounce } from '../status';
import { useLandOnTarget } from '../ui/land';
import { bondNeedsHref, decksHref, historyHref, insightsHref, journeyHref, menusHref } from '../ui/target';
import { localDay } from '../checkin/words';
import './bond.css';

const PAGE = 20;

/** The entries shared in a bond, newest share first, a page at a time. */
/** The way to Conversations, with today's question beneath it once it has loaded. */
function ConversationsLink({ bond }: { bond: Bond }) {
  const decks = useResource(() => api.bondDecks(bond.id, localDay()), [bond.id]);
  const catalog = useCatalog();
  const today = decks.data?.today;
  const text = today && catalog.data?.decks.find((d) => d.id === today.deck)?.prompts.find((p) => p.id === today.prompt_id)?.text;
  return (
    <>
      <Link href={decksHref(bond.id)} aria-describedby={text ? 'conversations-teaser' : undefined}>
        Conversations: questions to answer together
      </Link>
      {text && (
        <span class="bond-links__teaser" id="conversations-teaser">
          Today: {text}
        </span>
      )}
    </>
  );
}

function useSharedEntries(bondId: string) {
  const [items, setItems] = useState<SharedEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ReturnType<typeof toApiError> | null>(null);
  const ticket = useRef(0);
  const shown = useRef(PAGE);

  const load = async (before: string | null) => {
    const mine = ++ticket.current;
    setLoading(true);
    setError(null);
    try {
      const limit = before ? PAGE : Math.min(100, Math.max(PAGE, shown.current));
      const page = await api.bondEntries(bondId, before, limit);
      if (mine !== ticket.current) return;
      setItems((old) => {
        const all = before ? [...old, ...page.items.filter((e) => !old.some((o) => o.id === e.id))] : page.items;
        shown.current = Math.max(PAGE, all.length);
        return all;
      });
      setNext(page.next_cursor);
    } catch (e) {
      if (mine === ticket.current) setError(toApiError(e));
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, [bondId]);

  return { items, next, loading, error, refresh: () => load(null), more: () => next && load(next) };
}

/**
 * What the two of you share. On a desktop in two columns: what needs you now and what you shared
 * on the left; warm words and `aside` (the bond's details) on the right. On a phone, one after the
 * other in that order.
 */
function Together({ bond, onBondChanged, aside }: { bond: Bond; onBondChanged: () => void; aside: ComponentChildren }) {
  const catalog = useCatalog();
  const entries = useSharedEntries(bond.id);
  const appreciations = useResource(() => api.appreciations(bond.id), [bond.id]);
  const comfort = useResource(() => api.comfortRequests(bond.id), [bond.id]);
  const space = useResource(() => api.spaceRequests(bond.id), [bond.id]);
  const c = catalog.data;
  const name = bond.other.display_name;
  const active = bond.status === 'active';

  useLiveEvents((event) => {
    if (event.type === 'resync') {
      void entries.refresh();
      appreciations.reload();
      comfort.reload();
      space.reload();
      onBondChanged();
      return;
    }
    if (event.bond_id !== bond.id) return;
    switch (event.type) {
      case 'entry_shared':
      case 'entry_withdrawn':
      case 'entry_updated':
      case 'entry_deleted':
      case 'response_added':
        void entries.refresh();
        break;
      case 'appreciation_added':
        appreciations.reload();
        break;
      case 'comfort_requested':
      case 'comfort_answered':
        comfort.reload();
        break;
      case 'space_requested':
      case 'space_answered':
        space.reload();
        break;
      case 'bond_ended':
        onBondChanged();
        void entries.refresh();
        appreciations.reload();
        comfort.reload();
        space.reload();
        break;
    }
  });

  const requests = comfort.data ?? [];
  const waiting = requests.filter((r) => !r.mine && !r.answered_at);
  const spaceRequests = space.data ?? [];
  // A link to something here (a share, a warm word, a request) lands on it once it has loaded.
  useLandOnTarget(!entries.loading && appreciations.data !== undefined && comfort.data !== undefined && space.data !== undefined);

  return (
    <div class="bond-columns wide">
      <div class="bond-columns__main">
        {active && (
          <section class="section section--first" aria-labelledby="checkin-heading">
            <h2 id="checkin-heading">Today’s check-in</h2>
            <CheckinToday bond={bond} />
            <ul class="plain-list bond-links">
              <li>
                <Link href={historyHref(bond.id)}>Past check-ins</Link>
              </li>
              <li>
                <Link href={insightsHref(bond.id)}>How you two are doing lately</Link>
              </li>
              <li>
                <Link href={journeyHref(bond.id)}>Your journey together</Link>
              </li>
              <li>
                <ConversationsLink bond={bond} />
              </li>
              <li>
                <Link href={menusHref(bond.id)} aria-describedby="menus-teaser">
                  Wishes: what you would both like
                </Link>
                <span class="bond-links__teaser" id="menus-teaser">
                  Each of you marks what you would like; only what you both want is shown.
                </span>
              </li>
              <li>
                <Link href={bondNeedsHref(bond.id)}>Your two needs, side by side</Link>
              </li>
            </ul>
          </section>
        )}

        {active && (
          <section class="section" aria-labelledby="quick-heading">
            <h2 id="quick-heading" class="visually-hidden">
              Say it now
            </h2>
            <QuickActions
              bond={bond}
              onSent={() => {
                appreciations.reload();
                comfort.reload();
                space.reload();
              }}
            />
          </section>
        )}

        {(requests.length > 0 || comfort.error) && (
          <section class="section" aria-labelledby="comfort-heading">
            <h2 id="comfort-heading">Comfort</h2>
            {waiting.length > 0 && (
              <p class="lede">{name} reached out. A few words, or just a sign that you are there, can mean a lot.</p>
            )}
            {comfort.error && <LoadError error={comfort.error} onRetry={comfort.reload} />}
            {requests.length > 0 && <ComfortList requests={requests} bond={bond} onChange={comfort.reload} />}
          </section>
        )}

        {(spaceRequests.length > 0 || space.error) && (
          <section class="section" aria-labelledby="space-heading">
            <h2 id="space-heading">Time to yourselves</h2>
            {space.error && <LoadError error={space.error} onRetry={space.reload} />}
            {spaceRequests.length > 0 && <SpaceList requests={spaceRequests} bond={bond} onChange={space.reload} />}
          </section>
        )}

        <section class="section" aria-labelledby="shared-heading">
          <h2 id="shared-heading">Shared between you</h2>
          <p class="muted">
            What either of you chose to share from your journal. Only the two of you can see it, and whoever
            wrote it can take it back at any time.
          </p>
          {entries.error && <LoadError error={entries.error} onRetry={() => void entries.refresh()} />}
          {entries.loading && entries.items.length === 0 && <Loading label="Opening what you share…" />}
          {!entries.loading && !entries.error && entries.items.length === 0 && (
            <div class="empty card">
              <p>
                {active
                  ? `Nothing shared yet. When one of you shares something from your journal, it appears here.`
                  : 'Nothing is shared here any more.'}
              </p>
              {active && (
                <p>
                  <Link href="/journal">Open your journal</Link>
                </p>
              )}
            </div>
          )}
          {entries.items.length > 0 && (
            <ul class="plain-list shared-list" aria-label="Shared entries">
              {entries.items.map((entry) => (
                <SharedEntryCard
                  key={entry.id}
                  entry={entry}
                  bond={bond}
                  catalog={c}
                  onChange={() => void entries.refresh()}
                />
              ))}
            </ul>
          )}
          {entries.next && (
            <div class="actions actions--center">
              <Button variant="secondary" busy={entries.loading} busyLabel="Loading…" onClick={() => void entries.more()}>
                Show older
              </Button>
            </div>
          )}
        </section>
      </div>

      <div class="bond-columns__side">
        <section class="section" aria-labelledby="appreciation-heading">
          <h2 id="appreciation-heading">Warm words</h2>
          {active && c && <Appreciate bond={bond} catalog={c} onSent={appreciations.reload} />}
          {appreciations.error && <LoadError error={appreciations.error} onRetry={appreciations.reload} />}
          {appreciations.data && appreciations.data.length === 0 && (
            <p class="muted">
              {active ? 'Nothing yet. Saying it out loud, even when it seems obvious, is never wasted.' : 'Nothing here.'}
            </p>
          )}
          {appreciations.data && appreciations.data.length > 0 && (
            <AppreciationList items={appreciations.data} catalog={c} />
          )}
        </section>
        {aside}
      </div>
    </div>
  );
}

function EndBond({ bond, onEnded }: { bond: Bond; onEnded: (bond: Bond) => void }) {
  const announce = useAnnounce();
  const { confirming, setConfirming, question, opener } = useConfirmStep();
  const end = useAction(api.endBond);
  const name = bond.other.display_name;

  const confirm = async () => {
    sayingHere('bond_ended', bond.id);
    const ended = await end.run(bond.id);
    if (!ended) {
      sayingHere('bond_ended', bond.id, false);
      return;
    }
    setConfirming(false);
    onEnded(ended);
    announce(`Your bond with ${name} has ended.`);
  };

  return (
    <section class="section" aria-labelledby="end-heading">
      <h2 id="end-heading">End this bond</h2>
      <p>
        Sometimes a bond needs to close. You can end this one at any time, on your own; {name} will
        see that it has ended.
      </p>
      {!confirming ? (
        <div ref={opener}>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            End this bond…
          </Button>
        </div>
      ) : (
        <Confirm
          id="confirm-heading"
          question={`End your bond with ${name}?`}
          headingRef={question}
          error={end.error}
          busy={end.busy}
          yes="Yes, end this bond"
          busyLabel="Ending…"
          no="Keep it"
          onYes={confirm}
          onNo={() => setConfirming(false)}
        >
          <ul>
            <li>You each keep everything you wrote yourself. Nothing of yours is deleted.</li>
            <li>Whatever either of you shared into this bond stops being shared.</li>
            <li>Nothing new can be shared here, and this cannot be undone.</li>
            <li>If you want to be joined again later, one of you can make a new code.</li>
          </ul>
        </Confirm>
      )}
    </section>
  );
}

export function BondPage({ id }: { id: string }) {
  const bond = useResource(() => api.bond(id), [id]);
  const b = bond.data;
  useTitle(b ? `You and ${b.other.display_name}` : 'Bond');

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>Bond</h1>
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }

  return (
    <>
      <p class="breadcrumb">
        <Link href="/">← Your bonds</Link>
      </p>
      <h1 tabIndex={-1}>You and {b.other.display_name}</h1>
      {/* Keyed by the status: when the bond ends, everything it showed is dropped at once and
          fetched again, so the page shows exactly what an ended bond still holds. */}
      <Together
        key={b.status}
        bond={b}
        onBondChanged={bond.reload}
        aside={
          <>
            <h2 class="section" id="about-heading">About this bond</h2>
            <dl class="card details details--tight">
              <div>
                <dt>Who</dt>
                <dd>{b.other.display_name}</dd>
              </div>
              <div>
                <dt>Kind</dt>
                <dd>{kindLabel[b.kind]}</dd>
              </div>
              <div>
                <dt>Since</dt>
                <dd>
                  <time dateTime={b.created_at}>{formatDate(b.created_at)}</time>
                </dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>
                  {b.status === 'active' ? (
                    'Active'
                  ) : (
                    <>
                      Ended
                      {b.ended_at && (
                        <>
                          {' on '}
                          <time dateTime={b.ended_at}>{formatDate(b.ended_at)}</time>
                        </>
                      )}
                    </>
                  )}
                </dd>
              </div>
            </dl>
            {b.status === 'active' ? (
              <EndBond
                bond={b}
                onEnded={(ended) => {
                  bond.set(ended);
                  // The button pressed is gone; the heading keeps the place.
                  window.setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus(), 0);
                }}
              />
            ) : (
              <>
                <p class="notice">
                  This bond has ended. You each keep what you wrote yourselves; nothing is shared here any more.
                </p>
                <ul class="plain-list bond-links">
                  <li>
                    <Link href={historyHref(b.id)}>Your past check-ins</Link>
                  </li>
                  <li>
                    <Link href={journeyHref(b.id)}>The moments you added to your journey</Link>
                  </li>
                </ul>
              </>
            )}
          </>
        }
      />
    </>
  );
}
