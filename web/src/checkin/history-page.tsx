// Past check-ins with one person: a month at a time as a calendar (a table, one link per day with a
// check-in), and one day of it on its own page. A day both answered opens as it did then, side by
// side; a day only you answered shows only your answers. The rules are in history.ts.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { api, type Bond } from '../api';
import { useCatalog, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { BondMissing } from '../bond/bond-missing';
import { LoadError, Loading } from '../ui/feedback';
import { bondHref, checkinHref, historyHref } from '../ui/target';
import './checkin.css';
import './history.css';
import {
  byDay,
  dayLabel,
  dayName,
  firstMonth,
  isDay,
  markOf,
  monthOf,
  monthRange,
  monthSteps,
  monthTitle,
  monthToShow,
  monthWeeks,
  weekdayNames,
  type DayMark,
} from './history';
import { MyCheckin, Reveal } from './reveal';
import { localDay } from './words';

const monthHref = (bondId: string, month: string) => `${historyHref(bondId)}?month=${encodeURIComponent(month)}`;

/** Two circles for a day you both checked in, one for a day of your own. */
function MarkIcon({ mark }: { mark: DayMark }) {
  if (mark === 'none') return null;
  return (
    <svg class={`day-mark day-mark--${mark}`} viewBox="0 0 20 12" aria-hidden="true" focusable="false">
      {mark === 'together' ? (
        <>
          <circle cx="7" cy="6" r="4.5" />
          <circle cx="13" cy="6" r="4.5" />
        </>
      ) : (
        <circle cx="10" cy="6" r="4.5" />
      )}
    </svg>
  );
}

/** The bond, with what every screen of it shows while it loads or cannot be found. */
function useBond(id: string) {
  const bond = useResource(() => api.bond(id), [id]);
  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.type === 'bond_ended' && event.bond_id === id)) bond.reload();
  });
  return bond;
}

function Calendar({ bond, month }: { bond: Bond; month: string }) {
  const range = monthRange(month);
  const days = useResource(() => api.checkinDays(bond.id, range.from, range.to), [bond.id, month]);
  useLiveEvents((event) => {
    if (
      event.type === 'resync' ||
      (event.bond_id === bond.id && (event.type === 'checkin_revealed' || event.type === 'bond_ended'))
    ) {
      days.reload();
    }
  });
  const found = useMemo(() => byDay(days.data ?? []), [days.data]);
  const names = useMemo(() => weekdayNames(), []);
  const today = localDay();
  const title = monthTitle(month);

  const counts = (days.data ?? []).reduce(
    (sum, d) => {
      const mark = markOf(d);
      if (mark !== 'none') sum[mark] += 1;
      return sum;
    },
    { together: 0, only_you: 0 },
  );

  return (
    <>
      {days.error && <LoadError error={days.error} onRetry={days.reload} />}
      <table class="calendar" aria-labelledby="month-heading" aria-busy={days.loading ? 'true' : 'false'}>
        <thead>
          <tr>
            {names.map((n) => (
              <th scope="col" key={n.long}>
                <span aria-hidden="true">{n.short}</span>
                <span class="visually-hidden">{n.long}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week, i) => (
            <tr key={i}>
              {week.map((day, j) => {
                if (!day) return <td key={`empty-${j}`} class="calendar__empty" />;
                const mark = markOf(found.get(day));
                const number = Number(day.slice(8));
                const current = day === today ? 'date' : undefined;
                return (
                  <td key={day}>
                    {mark === 'none' ? (
                      <span class="calendar__day" aria-current={current}>
                        {number}
                      </span>
                    ) : (
                      <Link
                        href={historyHref(bond.id, day)}
                        class={`calendar__day calendar__day--${mark}`}
                        aria-label={dayLabel(day, mark)}
                        aria-current={current}
                      >
                        <span class="calendar__number">{number}</span>
                        <MarkIcon mark={mark} />
                      </Link>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {days.loading && !days.data && <Loading label="Finding your check-ins…" />}
      {days.data && (
        <p class="calendar__summary" aria-live="polite">
          {counts.together + counts.only_you === 0
            ? `No check-ins in ${title}.`
            : `In ${title}, you both checked in on ${counts.together} ${counts.together === 1 ? 'day' : 'days'}, and only you on ${counts.only_you}.`}
        </p>
      )}
      <ul class="plain-list calendar__legend" aria-label="What the marks mean">
        <li>
          <MarkIcon mark="together" /> You both checked in: the day opened to you both.
        </li>
        <li>
          <MarkIcon mark="only_you" /> Only your check-in: just your own answers, seen by you alone.
        </li>
      </ul>
    </>
  );
}

/** A month of check-ins with one person. */
export function HistoryMonth({ id, month }: { id: string; month: string | null }) {
  const bond = useBond(id);
  const b = bond.data;
  const name = b?.other.display_name ?? '';
  useTitle(b ? `Past check-ins with ${name}` : 'Past check-ins');
  const last = monthOf(localDay());
  const first = b ? firstMonth(b.created_at, localDay) : last;
  const shown = monthToShow(month, first, last);
  const steps = monthSteps(shown, first, last);

  // Moving to another month keeps focus on the link pressed; if that link is gone (the first or
  // the last month), the month's heading takes it.
  const monthHeading = useRef<HTMLHeadingElement>(null);
  const lastShown = useRef(shown);
  useEffect(() => {
    if (shown === lastShown.current) return;
    lastShown.current = shown;
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) monthHeading.current?.focus();
  }, [shown]);

  return (
    <>
      {b && (
        <p class="breadcrumb">
          <Link href={bondHref(b.id)}>← You and {name}</Link>
        </p>
      )}
      <h1 tabIndex={-1}>{b ? `Your check-ins with ${name}` : 'Past check-ins'}</h1>
      {!b ? (
        <BondMissing error={bond.error} onRetry={bond.reload} />
      ) : (
        <>
          <p class="lede">
            Each day you checked in. A day opens to you both once you have both answered it; until then only you see
            your answers.
          </p>
          {b.status === 'ended' && (
            <p class="notice">This bond has ended, so only your own answers are shown here.</p>
          )}
          <section class="history" aria-labelledby="month-heading">
            <div class="section-head">
              <h2 id="month-heading" tabIndex={-1} ref={monthHeading} aria-live="polite">
                {monthTitle(shown)}
              </h2>
              <nav class="history__steps" aria-label="Months">
                {steps.previous && (
                  <Link href={monthHref(b.id, steps.previous)} class="button button--secondary history__step">
                    <span aria-hidden="true">←</span> {monthTitle(steps.previous)}
                  </Link>
                )}
                {steps.next && (
                  <Link href={monthHref(b.id, steps.next)} class="button button--secondary history__step">
                    {monthTitle(steps.next)} <span aria-hidden="true">→</span>
                  </Link>
                )}
              </nav>
            </div>
            <Calendar bond={b} month={shown} key={shown} />
          </section>
          {b.status === 'active' && (
            <p class="aside">
              <Link href={checkinHref(b.id)}>Today’s check-in</Link>
            </p>
          )}
        </>
      )}
    </>
  );
}

/** One past day: the reveal as it was, or your own answers alone. */
export function HistoryDay({ id, day }: { id: string; day: string }) {
  const valid = isDay(day);
  const bond = useBond(id);
  const catalog = useCatalog();
  const shown = useResource(() => (valid ? api.checkinDay(id, day) : Promise.resolve(null)), [id, day]);
  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.bond_id === id && (event.type === 'checkin_revealed' || event.type === 'bond_ended'))) {
      shown.reload();
    }
  });
  const b = bond.data;
  const d = shown.data;
  const name = b?.other.display_name ?? '';
  const when = valid ? dayName(day) + (day.slice(0, 4) === localDay().slice(0, 4) ? '' : ` ${day.slice(0, 4)}`) : day;
  useTitle(b ? `${when} with ${name}` : 'A past check-in');

  const back = b && valid && (
    <p class="breadcrumb">
      <Link href={monthHref(b.id, monthOf(day))}>← Your check-ins with {name}</Link>
    </p>
  );

  if (!valid) {
    return (
      <>
        <h1 tabIndex={-1}>A past check-in</h1>
        <div class="notice">
          <p>This address does not name a day.</p>
          <p>
            <Link href={historyHref(id)}>See your past check-ins</Link>
          </p>
        </div>
      </>
    );
  }

  if (!b || d === undefined || !catalog.data) {
    const error = bond.error ?? shown.error ?? catalog.error;
    return (
      <>
        {back}
        <h1 tabIndex={-1}>{when}</h1>
        {bond.error ? (
          <BondMissing error={bond.error} onRetry={bond.reload} />
        ) : error ? (
          <LoadError
            error={error}
            onRetry={() => {
              shown.reload();
              catalog.reload();
            }}
          />
        ) : (
          <Loading label="Opening that day…" />
        )}
      </>
    );
  }

  const isToday = day === localDay();
  return (
    <>
      {back}
      <h1 tabIndex={-1}>
        You and {name} on {when}
      </h1>
      {d?.revealed ? (
        <>
          <p class="settled">
            <svg class="settled__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <circle cx="7.5" cy="10" r="5" />
              <circle cx="12.5" cy="10" r="5" />
            </svg>
            You both checked in: the day opened to you both
          </p>
          <Reveal day={d} bond={b} catalog={catalog.data} past={!isToday} />
        </>
      ) : d?.mine ? (
        <>
          <p class="notice history-day__only">
            Only your own answers are here: a day opens to you both only once you have both checked in.
            {b.status === 'ended' && ' This bond has ended, so it shows only what is yours.'}
          </p>
          {isToday && b.status === 'active' && (
            <p>
              <Link href={checkinHref(b.id)}>Open today’s check-in</Link>
            </p>
          )}
          <h2 class="section section--first">What you said</h2>
          <MyCheckin checkin={d.mine} catalog={catalog.data} otherName={name} bondId={id} past={!isToday} />
        </>
      ) : (
        <div class="notice">
          <p>You did not check in with {name} on this day.</p>
          {isToday && b.status === 'active' && (
            <p>
              <Link href={checkinHref(b.id)}>Check in now</Link>
            </p>
          )}
        </div>
      )}
    </>
  );
}
