// "Time of your own" at /me/own-time, a part of "Just for you": the last seven days beside one's own
// weekly wish, a quick way to note a piece of time for oneself, and the log of the window (?days=,
// four weeks unless asked), a day at a time. Only its owner ever fetches any of it; a piece reaches
// someone else only when its owner shares it from its page in the journal.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Entry, type OwnTimeDraft } from '../api';
import { localDay } from '../checkin/words';
import { useAction, useCatalog, useResource, useTitle } from '../hooks';
import { WindowPicker } from '../insights/card';
import { windowOf, windowPhrase } from '../insights/window';
import { useLiveEvents } from '../live';
import { Link, useLocation } from '../router';
import { useAnnounce } from '../status';
import { LoadError, Loading } from '../ui/feedback';
import { landOn } from '../ui/land';
import { PrivateNote } from '../ui/private-note';
import { justForYouHref, ownTimeWishHref } from '../ui/target';
import { JustNoted, OwnTimeLogList, pieceId } from './log';
import { PieceForm } from './piece-form';
import { logDays, pieceParts } from './pieces';
import { WeekMeter } from './week';
import './own-time.css';

export function OwnTimePage() {
  const { search } = useLocation();
  const days = windowOf(search);
  const catalog = useCatalog();
  const log = useResource(() => api.myOwnTime(days), [days]);
  const bonds = useResource(api.bonds, []);
  const create = useAction(api.logOwnTime);
  const announce = useAnnounce();
  const [noted, setNoted] = useState<Entry | null>(null);
  const [formKey, setFormKey] = useState(0);
  const notedRef = useRef<HTMLDivElement>(null);
  const words = catalog.data?.own_time;
  const title = words?.title ?? 'Time of your own';
  const today = localDay();
  useTitle(title);

  useLiveEvents((event) => {
    if (event.type === 'resync' || event.type === 'bond_ended' || event.type === 'response_added') {
      log.reload();
      bonds.reload();
    }
  });

  // The piece just noted takes focus, so a screen reader reads it and the keyboard goes on from there.
  useEffect(() => {
    if (noted) notedRef.current?.focus();
  }, [noted?.id]);

  /** Fetches the log again, keeping it on screen meanwhile. */
  const refresh = async () => {
    try {
      log.set(await api.myOwnTime(days));
    } catch {
      log.reload();
    }
  };

  const note = async (draft: OwnTimeDraft) => {
    const entry = await create.run(draft);
    if (!entry || !words) return;
    const parts = pieceParts(words, entry.own_time!);
    announce(`Noted: ${parts.activity.toLowerCase()}, ${parts.lengthSaid}. Only you can see it.`);
    setNoted(entry);
    setFormKey((k) => k + 1);
    await refresh();
  };

  // After a change, focus goes to the piece as it is now, or to the log when it is gone.
  const changed = async (entry: Entry | null) => {
    if (noted && (!entry || entry.id === noted.id)) setNoted(entry);
    await refresh();
    window.setTimeout(() => {
      const target = document.getElementById(entry ? pieceId(entry.id) : 'own-log-heading');
      if (target) landOn(target);
    }, 0);
  };

  const error = log.error ?? catalog.error;
  const data = log.data;
  const shown = data ? logDays(data.own_days, data.entries) : [];

  return (
    <>
      <p class="breadcrumb">
        <Link href={justForYouHref}>← Just for you</Link>
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      <PrivateNote>{words?.private ?? 'Only you can see this.'}</PrivateNote>
      {words && <p class="lede">{words.intro}</p>}

      {error && !data ? (
        <LoadError error={error} onRetry={() => (log.reload(), catalog.reload())} />
      ) : !words || !data ? (
        <Loading label="Opening your log…" />
      ) : (
        <>
          <div class="own-top wide">
            <section class="card own-week" aria-labelledby="own-week-heading">
              <h2 id="own-week-heading">The last seven days</h2>
              <WeekMeter words={words} week={data.last_week} />
              {data.last_week.wish_per_week !== null && (
                <p class="own-week__change">
                  <Link href={ownTimeWishHref}>Change your wish</Link>
                </p>
              )}
            </section>

            <section class="own-note" aria-labelledby="own-note-heading">
              <h2 id="own-note-heading">Note some time of your own</h2>
              {noted && noted.own_time && <JustNoted key={noted.id} entry={noted} words={words} noteRef={notedRef} />}
              <div class="card">
                <PieceForm
                  key={formKey}
                  id="own-new"
                  words={words}
                  label="Note some time of your own"
                  submitLabel="Keep this time"
                  busyLabel="Keeping it…"
                  busy={create.busy}
                  error={create.error}
                  onSubmit={note}
                />
              </div>
            </section>
          </div>

          <section class="section own-log" aria-labelledby="own-log-heading">
            <h2 id="own-log-heading" tabIndex={-1}>
              Your log
            </h2>
            <p class="muted">Time you took for yourself over {windowPhrase(days)}, the newest first.</p>
            <div class="own-log__window">
              <WindowPicker days={days} />
            </div>
            {shown.length === 0 ? (
              <div class="empty card">
                <p>{words.empty}</p>
              </div>
            ) : (
              <div aria-busy={log.loading ? 'true' : 'false'}>
                <OwnTimeLogList days={shown} today={today} words={words} bonds={bonds.data} onChanged={changed} />
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
