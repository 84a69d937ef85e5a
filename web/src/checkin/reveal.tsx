// One person's answers (shown to them while they wait), and the reveal that sets both check-ins
// side by side. Before the reveal nothing of the other's answers exists on this side: the server
// sends only whether they have checked in.
import type { ComponentChildren } from 'preact';
import { api, partnerCheckin, type Bond, type Catalog, type Checkin, type CheckinDay } from '../api';
import { familyName } from '../catalog';
import { useResource } from '../hooks';
import { FeelingChips } from '../feelings/feelings';
import { ClosenessPicture } from './closeness';
import { reflectionText } from './reflection';
import { needsSuggestions, wishText } from './wishes';
import { closenessText, formatMinutes, needWords } from './words';

function Need({ checkin }: { checkin: Checkin }) {
  return <>{needWords[checkin.need]?.name ?? checkin.need}</>;
}

/** Now and wanted, drawn side by side. */
function ClosenessPair({ checkin }: { checkin: Checkin }) {
  return (
    <div class="closeness-pair">
      <figure class="closeness-pair__one">
        <ClosenessPicture value={checkin.closeness_now} label={`Now: ${closenessText(checkin.closeness_now)}`} />
        <figcaption>
          Now <span class="muted">· {checkin.closeness_now} of 7</span>
        </figcaption>
      </figure>
      <figure class="closeness-pair__one">
        <ClosenessPicture
          value={checkin.closeness_wanted}
          label={`Would like: ${closenessText(checkin.closeness_wanted)}`}
        />
        <figcaption>
          Would like <span class="muted">· {checkin.closeness_wanted} of 7</span>
        </figcaption>
      </figure>
    </div>
  );
}

/**
 * The affection ticks as lines to show: a tick says what it says; a box left empty is not
 * mentioned (it need not mean "no", only that it was not ticked).
 */
function affectionLines(checkin: Checkin, affectionate: string, wish: (id: string) => string): string[] {
  return [
    checkin.affection ? affectionate : null,
    checkin.lovemaking ? 'Made love' : null,
    ...(checkin.wishes ?? []).map((id) => `Shared: ${wish(id)}`),
  ].filter((line): line is string => line !== null);
}

/**
 * How the wishes named in these check-ins are said: the catalog's words, and for a suggestion of
 * the bond's its own words, fetched only when one is named.
 */
function useWishWords(bondId: string | undefined, checkins: readonly Checkin[], catalog: Catalog | undefined): (id: string) => string {
  const ids = checkins.flatMap((c) => c.wishes ?? []);
  const fetch = bondId !== undefined && catalog !== undefined && needsSuggestions(ids, catalog);
  const menus = useResource(() => (fetch ? api.menus(bondId) : Promise.resolve(null)), [fetch, bondId]);
  return (id) => wishText(id, catalog, menus.data?.suggestions ?? []);
}

/**
 * Whether a check-in carries the ticks at all. The server leaves them out of the other's check-in
 * unless both of you track affection, so the reveal shows them only when both sides carry them:
 * a side without them is never drawn as empty, and nothing hints at who has it off.
 */
const carriesTicks = (checkin: Checkin) => checkin.affection !== undefined || checkin.lovemaking !== undefined;

/** Your own answers, as you gave them (shown to you while you wait). */
export function MyCheckin({
  checkin,
  catalog,
  otherName,
  bondId,
  past = false,
}: {
  checkin: Checkin;
  catalog: Catalog | undefined;
  otherName: string;
  /** The bond, to say a shared wish that is one of its suggestions in its own words. */
  bondId?: string;
  /** A day gone by (the history): said in the past, not "today". */
  past?: boolean;
}) {
  const wish = useWishWords(bondId, [checkin], catalog);
  const affection = affectionLines(checkin, 'Affectionate with each other', wish);
  return (
    <dl class="card answers">
      <div>
        <dt>Feelings</dt>
        <dd>
          <FeelingChips feelings={checkin.feelings} catalog={catalog} />
        </dd>
      </div>
      <div>
        <dt>Closeness</dt>
        <dd>
          <ClosenessPair checkin={checkin} />
        </dd>
      </div>
      <div>
        <dt>{past ? 'What you needed' : 'What you need'}</dt>
        <dd>
          <Need checkin={checkin} />
        </dd>
      </div>
      <div>
        <dt>{past ? 'Time that day' : 'Time so far today'}</dt>
        <dd>
          On your own: {formatMinutes(checkin.own_minutes)}
          <br />
          Together: {formatMinutes(checkin.together_minutes)}
        </dd>
      </div>
      {affection.length > 0 && (
        <div>
          <dt>Affection</dt>
          <dd>{affection.join('; ')}</dd>
        </div>
      )}
      <div>
        <dt>Your guess</dt>
        <dd>
          {otherName} feels mostly {familyName(catalog, checkin.guess.family).toLowerCase()}, closeness{' '}
          {closenessText(checkin.guess.closeness_now)}
        </dd>
      </div>
    </dl>
  );
}

/** A guess and how it turned out, said gently: never a score, never a comparison. */
function GuessMark({ right, mine, otherName }: { right: boolean | null; mine: boolean; otherName: string }) {
  if (right === null) return null;
  const text = right
    ? mine
      ? `You read ${otherName} well today`
      : `${otherName} read you well today`
    : mine
      ? 'A little different from what you guessed'
      : `A little different from what ${otherName} guessed`;
  return (
    <span class={right ? 'guess-mark guess-mark--right' : 'guess-mark guess-mark--different'}>
      <svg class="guess-mark__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        {right ? (
          <path d="M5 10.5l3.2 3.2L15 7" />
        ) : (
          <>
            <circle cx="7.5" cy="10" r="4.5" />
            <circle cx="12.5" cy="10" r="4.5" />
          </>
        )}
      </svg>
      {text}
    </span>
  );
}

interface Side {
  checkin: Checkin;
  mine: boolean;
  /** "You" or the other's name. */
  who: string;
}

/** Both check-ins of a revealed day, side by side, topic by topic. */
export function Reveal({ day, bond, catalog, past = false }: { day: CheckinDay; bond: Bond; catalog: Catalog | undefined; past?: boolean }) {
  const theirs = partnerCheckin(day);
  const mine = day.mine;
  const wish = useWishWords(bond.id, [mine, theirs].filter((c): c is Checkin => c !== null && c !== undefined), catalog);
  if (!theirs || !mine) return null;
  const name = bond.other.display_name;
  const sides: Side[] = [
    { checkin: mine, mine: true, who: 'You' },
    { checkin: theirs, mine: false, who: name },
  ];
  const showAffection = sides.every((s) => carriesTicks(s.checkin));
  const reflection = reflectionText(day.reflection, name);

  const row = (id: string, title: string, render: (side: Side) => ComponentChildren) => (
    <section class="reveal__row" aria-labelledby={`reveal-${id}`}>
      <h2 id={`reveal-${id}`} class="reveal__title">
        {title}
      </h2>
      <div class="pair">
        {sides.map((side) => (
          <div class={side.mine ? 'pair__side pair__side--mine' : 'pair__side'} key={side.who}>
            <p class="pair__who">{side.who}</p>
            {render(side)}
          </div>
        ))}
      </div>
    </section>
  );

  return (
    <div class="reveal">
      {reflection && (
        <p class="reflection">
          <svg class="reflection__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <circle cx="7.5" cy="10" r="5" />
            <circle cx="12.5" cy="10" r="5" />
          </svg>
          <span>{reflection}</span>
        </p>
      )}
      {row('feelings', 'Feelings', (s) => (
        <FeelingChips feelings={s.checkin.feelings} catalog={catalog} />
      ))}
      {row('closeness', 'Closeness, now and wished for', (s) => (
        <ClosenessPair checkin={s.checkin} />
      ))}
      {row('need', past ? 'What each of you needed' : 'What each of you needs today', (s) => (
        <p class="pair__text">
          <Need checkin={s.checkin} />
        </p>
      ))}
      {row('time', past ? 'Time that day' : 'Time so far today', (s) => (
        <p class="pair__text">
          On {s.mine ? 'your' : 'their'} own: {formatMinutes(s.checkin.own_minutes)}
          <br />
          Together: {formatMinutes(s.checkin.together_minutes)}
        </p>
      ))}
      {showAffection &&
        row('affection', 'Affection', (s) => {
          const lines = affectionLines(s.checkin, 'Affectionate', wish);
          return lines.length ? (
            <ul class="pair__lines">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <p class="pair__text muted">Nothing ticked</p>
          );
        })}
      {row('guesses', 'Reading each other', (s) => {
        const about = s.mine ? name : 'you';
        const verb = s.mine ? 'You guessed' : `${name} guessed`;
        const g = s.checkin.guess;
        return (
          <ul class="guesses">
            <li>
              {verb} {about} felt mostly <strong>{familyName(catalog, g.family).toLowerCase()}</strong>.{' '}
              <GuessMark right={g.family_right} mine={s.mine} otherName={name} />
            </li>
            <li>
              {verb} {about} felt <strong>{g.closeness_now} of 7</strong> close.{' '}
              <GuessMark right={g.closeness_right} mine={s.mine} otherName={name} />
            </li>
          </ul>
        );
      })}
    </div>
  );
}
