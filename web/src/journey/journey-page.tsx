// A bond's journey at /bonds/:id/journey: the highs and lows either of them added, and the
// milestones the server marks, newest first in years, with the shape of how close the two have felt
// drawn faintly behind (a picture only). Either adds a moment; only its author changes or deletes it.
// After the bond ended each sees, and may delete, only their own.
import { useMemo, useRef, useState } from 'preact/hooks';
import { api, type Bond, type Deck, type JourneyWords, type Moment, type MomentDraft } from '../api';
import { useUser } from '../auth';
import { BondMissing } from '../bond/bond-missing';
import { formatDay, localDay } from '../checkin/words';
import { useAction, useCatalog, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link, navigate } from '../router';
import { useAnnounce } from '../status';
import { Confirm } from '../ui/confirm';
import { LoadError, Loading } from '../ui/feedback';
import { Button } from '../ui/forms';
import { useLandOnTarget } from '../ui/land';
import { bondHref, deckHref, journeyHref, targetId } from '../ui/target';
import { MomentForm } from './moment-form';
import { backdropPaths, draftOf, milestoneKey, milestoneSaid, timeline, type TimelineItem } from './timeline';
import '../inner/inner.css';
import './journey.css';

const icons = {
  high: <path d="M3 18 9.5 8l4 5.5L16 10l5 8z" />,
  low: <path d="M3 6h18l-6 10-3-4-3 4z" />,
  milestone: <path d="m12 3 2.6 5.6 6.1.7-4.5 4.2 1.2 6L12 16.5 6.6 19.5l1.2-6-4.5-4.2 6.1-.7z" />,
};

function Marker({ kind }: { kind: keyof typeof icons }) {
  return (
    <svg class={`journey__marker journey__marker--${kind}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {icons[kind]}
    </svg>
  );
}

/** The closeness of the two over the last year, faint and behind the timeline, the reader in the first colour. */
function Backdrop({ bondId, viewerId }: { bondId: string; viewerId: string }) {
  const insights = useResource(() => api.bondInsights(bondId, 365), [bondId]);
  const data = insights.data;
  const paths = useMemo(() => (data ? backdropPaths(data.closeness.series, 100, 1000) : []), [data]);
  if (!data || paths.length === 0) return null;
  const reader = data.members.findIndex((m) => m.id === viewerId);
  return (
    <svg class="journey__backdrop" viewBox="0 0 100 1000" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {paths.map((d, i) => (
        <path key={i} class={`journey__line journey__line--${i === reader ? 'one' : 'two'}`} d={d} vector-effect="non-scaling-stroke" />
      ))}
    </svg>
  );
}

function MomentItem({ moment, bond, words, onChanged }: { moment: Moment; bond: Bond; words: JourneyWords; onChanged: (landOn: string | null) => void }) {
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const edit = useAction((draft: MomentDraft) => api.editMoment(bond.id, moment.id, draft));
  const remove = useAction(async () => {
    await api.deleteMoment(bond.id, moment.id);
    return true;
  });
  const active = bond.status === 'active';
  const id = targetId.moment(moment.id);
  const focus = (el: HTMLHeadingElement | null) => el?.focus();

  if (editing) {
    return (
      <li class={`moment moment--${moment.kind}`} id={id}>
        <MomentForm
          id={`edit-${moment.id}`}
          words={words}
          initial={draftOf(moment, localDay())}
          submitLabel="Save changes"
          busy={edit.busy}
          error={edit.error}
          onCancel={() => {
            setEditing(false);
            window.setTimeout(() => document.getElementById(`${id}-edit`)?.focus(), 0);
          }}
          onSubmit={async (draft) => {
            if (!(await edit.run(draft))) return;
            setEditing(false);
            announce('Your moment is changed.');
            onChanged(id);
          }}
        />
      </li>
    );
  }
  return (
    <li class={`moment moment--${moment.kind}`} id={id}>
      <Marker kind={moment.kind} />
      <div class="moment__body">
        <p class="moment__when">
          <span class="moment__kind">{words.kinds[moment.kind].name}</span> · <time dateTime={moment.day}>{formatDay(moment.day)}</time>
        </p>
        <h4 class="moment__title">{moment.title}</h4>
        {moment.note && <p class="moment__note">{moment.note}</p>}
        {!moment.mine && <p class="moment__by">Added by {moment.author.display_name}</p>}
        {moment.mine && !deleting && (
          <div class="moment__actions">
            {active && (
              <Button variant="quiet" id={`${id}-edit`} aria-label={`Change “${moment.title}”`} onClick={() => setEditing(true)}>
                Change
              </Button>
            )}
            <Button variant="quiet" id={`${id}-delete`} aria-label={`Delete “${moment.title}”`} onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </div>
        )}
        {deleting && (
          <Confirm
            id={`${id}-confirm`}
            question="Delete this moment?"
            headingRef={focus}
            error={remove.error}
            busy={remove.busy}
            yes="Delete it"
            busyLabel="Deleting…"
            no="Keep it"
            onYes={async () => {
              if (!(await remove.run())) return;
              announce('The moment is deleted.');
              onChanged(null);
            }}
            onNo={() => {
              setDeleting(false);
              window.setTimeout(() => document.getElementById(`${id}-delete`)?.focus(), 0);
            }}
          >
            <p>It goes from the journey for both of you. This cannot be undone.</p>
          </Confirm>
        )}
      </div>
    </li>
  );
}

function Milestone({ item, words, bond, decks }: { item: Extract<TimelineItem, { type: 'milestone' }>; words: JourneyWords; bond: Bond; decks: readonly Deck[] }) {
  const said = milestoneSaid(words, item.milestone, decks);
  const deck = item.milestone.kind === 'deck_level' && item.milestone.deck;
  return (
    <li class="milestone">
      <Marker kind="milestone" />
      <p class="milestone__text">
        <time dateTime={item.day}>{formatDay(item.day)}</time>
        {deck ? <Link href={deckHref(bond.id, deck)}>{said}</Link> : <span>{said}</span>}
      </p>
    </li>
  );
}

function AddMoment({ bond, words, onAdded }: { bond: Bond; words: JourneyWords; onAdded: (id: string) => void }) {
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const add = useAction((draft: MomentDraft) => api.addMoment(bond.id, draft));
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <div class="journey__add">
      {!open ? (
        <button ref={opener} type="button" class="button button--primary" onClick={() => setOpen(true)}>
          Add a moment
        </button>
      ) : (
        <MomentForm
          id="add-moment"
          words={words}
          initial={draftOf(null, localDay())}
          submitLabel="Add to your journey"
          busy={add.busy}
          error={add.error}
          onCancel={() => {
            setOpen(false);
            window.setTimeout(() => opener.current?.focus(), 0);
          }}
          onSubmit={async (draft) => {
            const moment = await add.run(draft);
            if (!moment) return;
            setOpen(false);
            announce('Your moment is on the journey.');
            onAdded(moment.id);
          }}
        />
      )}
    </div>
  );
}

export function JourneyPage({ id }: { id: string }) {
  const user = useUser();
  const bond = useResource(() => api.bond(id), [id]);
  const journey = useResource(() => api.journey(id), [id]);
  const catalog = useCatalog();
  const along = useRef<HTMLHeadingElement>(null);
  const b = bond.data;
  const words = catalog.data?.journey;
  useTitle(b ? `Your journey, you and ${b.other.display_name}` : 'Your journey');
  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.bond_id === id && event.type.startsWith('moment_'))) journey.reload();
    if (event.type === 'resync' || (event.bond_id === id && event.type === 'bond_ended')) {
      bond.reload();
      journey.reload();
    }
  });
  useLandOnTarget(journey.data !== undefined && words !== undefined);

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>Your journey</h1>
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }

  // After a change, the journey is fetched again and the moment changed is landed on; after a
  // deletion the timeline's heading keeps the place.
  const changed = (landOn: string | null) => {
    journey.reload();
    if (landOn) navigate(journeyHref(id, landOn), { replace: true });
    else window.setTimeout(() => along.current?.focus(), 0);
  };
  const years = journey.data ? timeline(journey.data) : [];
  const error = journey.error ?? catalog.error;
  return (
    <>
      <p class="breadcrumb">
        <Link href={bondHref(b.id)}>← You and {b.other.display_name}</Link>
      </p>
      <h1 tabIndex={-1}>{words?.title ?? 'Your journey'}</h1>
      {words && <p class="lede">{words.intro}</p>}
      {error && !journey.data ? (
        <LoadError error={error} onRetry={() => (journey.reload(), catalog.reload())} />
      ) : !journey.data || !words ? (
        <Loading />
      ) : (
        <>
          {b.status === 'active' ? (
            <AddMoment bond={b} words={words} onAdded={(m) => changed(targetId.moment(m))} />
          ) : (
            <p class="notice">This bond has ended. The moments you added stay yours to keep or delete; nothing new can be added.</p>
          )}
          {journey.data.moments.length === 0 && <p class="journey__empty card">{words.empty}</p>}
          <h2 class="journey__heading" tabIndex={-1} ref={along}>
            Along the way
          </h2>
          <div class="journey" aria-busy={journey.loading ? 'true' : 'false'}>
            {b.status === 'active' && <Backdrop bondId={b.id} viewerId={user.id} />}
            <ol class="plain-list journey__years">
              {years.map((year) => (
                <li key={year.year}>
                  <h3 class="journey__year">{year.year}</h3>
                  <ol class="plain-list journey__items">
                    {year.items.map((item) =>
                      item.type === 'moment' ? (
                        <MomentItem key={item.moment.id} moment={item.moment} bond={b} words={words} onChanged={changed} />
                      ) : (
                        <Milestone key={milestoneKey(item.milestone)} item={item} words={words} bond={b} decks={catalog.data?.decks ?? []} />
                      ),
                    )}
                  </ol>
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
    </>
  );
}
