// "Just for you" at /me: the part of Pillars that belongs to one person alone, apart from every bond.
// It gathers what is private: one's two needs, a question for oneself every few days, one's own
// patterns and one's time of one's own beside one's wish for it. Only its owner ever fetches any of it.
import type { ComponentChildren } from 'preact';
import { api } from '../api';
import { useCatalog, useResource, useTitle } from '../hooks';
import { reflectionQuestion } from '../catalog';
import { localDay } from '../checkin/words';
import { scoreSaid } from '../needs/profile';
import { answerTo } from '../reflections/reflections';
import { Link } from '../router';
import { PrivateNote } from '../ui/private-note';
import { myInsightsHref, myNeedsHref, ownTimeHref, ownTimeWishHref, reflectionsHref } from '../ui/target';
import { WeekMeter } from '../own-time/week';
import { formatDate } from '../format';
import './me.css';

function Place({ id, title, href, link, children }: { id: string; title: string; href: string; link: string; children: ComponentChildren }) {
  return (
    <li>
      <section class="card place" aria-labelledby={id}>
        <h2 id={id} class="place__title">
          {title}
        </h2>
        {children}
        <p class="place__link">
          <Link href={href}>{link}</Link>
        </p>
      </section>
    </li>
  );
}

export function JustForYou() {
  useTitle('Just for you');
  const catalog = useCatalog();
  const mine = useResource(api.myNeeds, []);
  const reflections = useResource(() => api.reflections(localDay()), []);
  const ownTime = useResource(() => api.myOwnTime(7), []);
  const words = catalog.data?.needs;
  const ownWords = catalog.data?.own_time;
  const latest = mine.data?.results[0];
  const offered = reflections.data?.offered?.id;
  const question = reflectionQuestion(catalog.data, offered ?? null);
  const answered = reflections.data ? answerTo(reflections.data.answers, offered) !== undefined : false;
  return (
    <>
      <h1 tabIndex={-1}>Just for you</h1>
      <PrivateNote>Only you can see what is here. None of it reaches anyone you are bonded with unless you choose to show it.</PrivateNote>
      <p class="lede">
        A part of life that is yours alone. Knowing what you need, and having room of your own, makes coming together all the
        richer.
      </p>
      <ul class="plain-list places">
        <Place id="place-needs" title={words?.title ?? 'Your two needs'} href={myNeedsHref} link={latest ? 'See your two needs' : 'Begin, at your own pace'}>
          {latest && words ? (
            <p>
              {words.needs.closeness.name} {scoreSaid(latest.closeness)}, {words.needs.independence.name.toLowerCase()}{' '}
              {scoreSaid(latest.independence)} of {words.scale.max}, as you answered on{' '}
              <time dateTime={latest.taken_at}>{formatDate(latest.taken_at)}</time>.
            </p>
          ) : (
            <p>How much closeness and how much room of your own you need right now: a few quiet minutes with some statements.</p>
          )}
        </Place>
        <Place
          id="place-reflections"
          title={catalog.data?.reflections.title ?? 'Reflections'}
          href={reflectionsHref}
          link={answered ? 'Read your answer' : question ? 'Sit with this question' : 'Your reflections'}
        >
          {question ? (
            <>
              <p class="place__teaser">{question.text}</p>
              <p class="muted">{answered ? 'You have answered this one.' : 'A question for you alone, to answer or simply to think about.'}</p>
            </>
          ) : (
            <p>A question for you alone every few days, to answer in a line or a page, or simply to think about.</p>
          )}
        </Place>
        <Place id="place-patterns" title="Your own patterns" href={myInsightsHref} link="See your own patterns">
          <p>What you write and what you share, your time alone against your own wish, and how well you read the other.</p>
        </Place>
        <Place id="place-time" title={ownWords?.title ?? 'Time of your own'} href={ownTimeHref} link="Note time of your own">
          {ownWords && ownTime.data ? (
            <WeekMeter words={ownWords} week={ownTime.data.last_week} compact />
          ) : (
            <p>A quiet log of the time you take for yourself, beside your own wish for it.</p>
          )}
          <p>
            <Link href={ownTimeWishHref}>Your wish for time alone</Link>
          </p>
        </Place>
      </ul>
    </>
  );
}
