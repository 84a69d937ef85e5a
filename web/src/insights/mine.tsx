// "Your own patterns" at /insights/me?days=W, a part of "Just for you": the insights about one
// person alone, seen by them and nobody else: what they write and what they share, their own time against their own wish, and
// how close their guesses came to what the other said. None of it is ever in a bond's insights.
import { api, type Catalog, type MyInsights } from '../api';
import { familyName } from '../catalog';
import { useCatalog, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { LoadError, Loading } from '../ui/feedback';
import { PrivateNote } from '../ui/private-note';
import { justForYouHref, ownTimeWishHref } from '../ui/target';
import { InsightCard, WindowPicker } from './card';
import { changesInsights } from './live';
import { windowPhrase } from './window';
import { askAboutSaid, guessesSaid, ownTimeBar, roughMinutes, selfCardText } from './words';
import { wishSaid } from './wish';
import './insights.css';

function SharingGap({ data, catalog }: { data: MyInsights['sharing_gap']; catalog: Catalog }) {
  const text = selfCardText(catalog, 'sharing_gap', data.state);
  if (!text) return null;
  return (
    <InsightCard id="insight-sharing-gap" text={text}>
      {!text.waiting && data.families.length > 0 && (
        <table class="insight-table sharing">
          <caption>Entries you wrote with each kind of feeling, and how many of them you shared</caption>
          <thead>
            <tr>
              <th scope="col">Feeling</th>
              <th scope="col">Written</th>
              <th scope="col">Shared</th>
            </tr>
          </thead>
          <tbody>
            {data.families.map((f) => (
              <tr key={f.family}>
                <th scope="row">
                  {familyName(catalog, f.family)}
                </th>
                <td>{f.written}</td>
                <td>
                  <span class="sharing__cell">
                    {f.shared}
                    <svg class="sharing__bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                      <rect class="sharing__track" x="0" y="0" width="100" height="8" rx="4" />
                      <rect class="sharing__fill" x="0" y="0" width={f.written > 0 ? Math.round((f.shared / f.written) * 100) : 0} height="8" rx="4" />
                    </svg>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </InsightCard>
  );
}

function OwnTime({ data, catalog }: { data: MyInsights['own_time']; catalog: Catalog }) {
  const text = selfCardText(catalog, 'own_time', data.state);
  if (!text) return null;
  const wish = data.wish_per_week;
  const bar = ownTimeBar(data.weekly_minutes, wish);
  return (
    <InsightCard id="insight-own-time" text={text}>
      {!text.waiting && (
        <div class="own-time">
          <p class="insight__fact">
            About <strong>{roughMinutes(data.weekly_minutes).replace(/^about /, '')}</strong> a week of time alone, over the{' '}
            {data.days} days you checked in.
            {wish !== null && <> You would like {wishSaid(wish)}.</>}
          </p>
          <svg class="own-time__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="own-time__track" x="0" y="2" width="100" height="6" rx="3" />
            <rect class="own-time__fill" x="0" y="2" width={bar.fill} height="6" rx="3" />
            {bar.mark !== null && <rect class="own-time__wish" x={Math.max(0, bar.mark - 0.75)} y="0" width="1.5" height="10" />}
          </svg>
        </div>
      )}
      <p class="insight__note">
        {wish === null ? 'You have not set a wish for time alone. ' : 'Your wish is yours to change. '}
        <Link href={ownTimeWishHref}>{wish === null ? 'Set one in Settings' : 'Change it in Settings'}</Link>
      </p>
    </InsightCard>
  );
}

function MindReading({ data, catalog }: { data: MyInsights['mind_reading']; catalog: Catalog }) {
  const text = selfCardText(catalog, 'mind_reading', data.state);
  if (!text) return null;
  return (
    <InsightCard id="insight-mind-reading" text={text}>
      {data.bonds.length > 0 && (
        <ul class="plain-list reading">
          {data.bonds.map((b) => (
            <li key={b.bond_id} class="reading__bond">
              <h3 class="reading__name">Reading {b.name}</h3>
              <p>{guessesSaid(b)}</p>
              {b.days >= b.needed && b.ask_about.length > 0 && (
                <p class="reading__ask">
                  <span class="insight__try-label">Ask about this</span>{' '}
                  {askAboutSaid(b.name, b.ask_about.map((f) => familyName(catalog, f).toLowerCase()))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </InsightCard>
  );
}

export function MyInsightsPage({ days }: { days: number }) {
  useTitle('Your own patterns');
  const insights = useResource(() => api.myInsights(days), [days]);
  const catalog = useCatalog();
  useLiveEvents((event) => {
    if (changesInsights(event, null)) insights.reload();
  });
  const data = insights.data;
  const error = insights.error ?? catalog.error;
  return (
    <>
      <p class="breadcrumb">
        <Link href={justForYouHref}>← Just for you</Link>
      </p>
      <h1 tabIndex={-1}>Your own patterns</h1>
      <PrivateNote>Only you can see this page. Nothing on it is shown to anyone you are bonded with, or sent to them.</PrivateNote>
      <p class="lede">What you write and what you share, your own time, and how well you read the other, over {windowPhrase(days)}.</p>
      <div class="insights__controls">
        <WindowPicker days={days} />
      </div>
      {error && !data ? (
        <LoadError error={error} onRetry={() => (insights.error ? insights.reload() : catalog.reload())} />
      ) : !data || !catalog.data ? (
        <Loading label="Gathering what the days have shown…" />
      ) : (
        <div class="insights__grid wide" aria-busy={insights.loading ? 'true' : 'false'}>
          <OwnTime data={data.own_time} catalog={catalog.data} />
          <SharingGap data={data.sharing_gap} catalog={catalog.data} />
          <MindReading data={data.mind_reading} catalog={catalog.data} />
        </div>
      )}
    </>
  );
}
