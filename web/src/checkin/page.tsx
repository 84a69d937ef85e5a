// The daily check-in for one bond: the flow (flow.tsx), then either the wait for the other (whose
// answers stay closed until they check in too) or the two check-ins side by side (reveal.tsx).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, otherCheckedIn } from '../api';
import { useCatalog, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { BondMissing } from '../bond/bond-missing';
import { historyHref } from '../ui/target';
import { Button } from '../ui/forms';
import './checkin.css';
import { Flow } from './flow';
import { MyCheckin, Reveal } from './reveal';
import { useCheckinDay } from './today';
import { formatDay, localDay } from './words';

export function CheckinPage({ id }: { id: string }) {
  const today = useMemo(() => localDay(), []);
  const bond = useResource(() => api.bond(id), [id]);
  const catalog = useCatalog();
  const day = useCheckinDay(id, today);
  const [editing, setEditing] = useState(false);
  const b = bond.data;
  const d = day.data;
  const name = b?.other.display_name ?? '';
  useTitle(b ? `Check in with ${name}` : 'Check in');

  useLiveEvents((event) => {
    if (event.type === 'bond_ended' && event.bond_id === id) bond.reload();
  });

  // Which screen: the flow, the wait, or the two side by side. When it changes, its heading takes
  // focus so the change is heard.
  const screen = !b || !d || !catalog.data ? 'loading' : d.revealed ? 'reveal' : b.status !== 'active' ? 'ended' : d.mine && !editing ? 'waiting' : 'flow';
  const firstScreen = useRef<string | null>(null);
  useEffect(() => {
    if (screen === 'loading') return;
    if (firstScreen.current === null) {
      firstScreen.current = screen;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
    window.scrollTo(0, 0);
  }, [screen]);

  const back = b && (
    <p class="breadcrumb">
      <Link href={`/bonds/${encodeURIComponent(b.id)}`}>← You and {name}</Link>
    </p>
  );
  const when = (
    <p class="flow__day muted">
      {formatDay(today)} · <Link href={historyHref(id)}>Past check-ins</Link>
    </p>
  );

  if (screen === 'loading') {
    const error = bond.error ?? day.error ?? catalog.error;
    // The same first two places as every other screen here (a link back, the heading), so the
    // heading stays one element and keeps its focus when the screen fills in.
    return (
      <>
        {back}
        <h1 tabIndex={-1}>Check in</h1>
        <BondMissing
          error={error}
          loadingLabel="Opening today’s check-in…"
          onRetry={() => {
            bond.reload();
            day.reload();
            catalog.reload();
          }}
        />
      </>
    );
  }

  if (screen === 'reveal') {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>You and {name} today</h1>
        {when}
        <p class="settled">
          <svg class="settled__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <circle cx="7.5" cy="10" r="5" />
            <circle cx="12.5" cy="10" r="5" />
          </svg>
          Checked in by both — this day is settled
        </p>
        <p class="lede">
          Here is what each of you said. Not a test and not a score: just two views of the same day, to talk
          about if you want to.
        </p>
        <Reveal day={d!} bond={b!} catalog={catalog.data} />
      </>
    );
  }

  if (screen === 'ended') {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>Check in with {name}</h1>
        <p class="notice">This bond has ended, so there are no more check-ins here. What you wrote yourself stays yours.</p>
        <p>
          <Link href={historyHref(id)}>Your past check-ins</Link>
        </p>
      </>
    );
  }

  if (screen === 'waiting') {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>Your check-in is in</h1>
        {when}
        <div class="card waiting-card">
          <p>
            <strong>
              {name}’s answers stay hidden until {name} checks in too.
            </strong>{' '}
            Yours are hidden from {name} in just the same way. Once you have both checked in, both open together.
          </p>
          <p class="muted">Until then you can still change yours.</p>
          <div class="actions">
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit my check-in
            </Button>
          </div>
        </div>
        <h2 class="section section--first">What you said</h2>
        <MyCheckin checkin={d!.mine!} catalog={catalog.data} otherName={name} bondId={id} />
      </>
    );
  }

  const theyAreIn = otherCheckedIn(d!);
  return (
    <>
      {back}
      <h1 tabIndex={-1}>{editing ? 'Change your check-in' : `Check in with ${name}`}</h1>
      {when}
      <Flow
        key={editing ? 'edit' : 'new'}
        bond={b!}
        catalog={catalog.data!}
        day={today}
        mine={d!.mine}
        theyAreIn={theyAreIn}
        onSaved={async () => {
          try {
            day.set(await api.checkinDay(id, today));
          } catch {
            day.reload();
          }
          setEditing(false);
        }}
        onCancel={editing ? () => setEditing(false) : null}
        onLocked={() => {
          setEditing(false);
          day.reload();
        }}
      />
    </>
  );
}
