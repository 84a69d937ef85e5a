// Conversations at /bonds/:id/decks: the prompt of the day at the top, the same for both, then each
// deck as a path of three levels that deepens, each opening once the two have shared five at the
// level before. Warm words and counts of what waits; no scores.
import { api, type Bond, type BondDeck, type Deck, type DeckToday } from '../api';
import { BondMissing } from '../bond/bond-missing';
import { localDay } from '../checkin/words';
import { useCatalog, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { LoadError, Loading } from '../ui/feedback';
import { bondHref, deckHref, promptHref } from '../ui/target';
import { levelSaid, waitingSaid } from './rules';
import './decks.css';

/** A small closed lock, for a level not yet open (the words say so too). */
export function Lock() {
  return (
    <svg class="lock" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

export function TodayCard({ bond, today, decks, headingLevel = 2 }: { bond: Bond; today: DeckToday; decks: Deck[]; headingLevel?: 2 | 3 }) {
  const deck = decks.find((d) => d.id === today.deck);
  const prompt = deck?.prompts.find((p) => p.id === today.prompt_id);
  if (!deck || !prompt) return null;
  const level = deck.levels.find((l) => l.level === today.level);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="card deck-today" aria-labelledby="deck-today-heading">
      <Heading id="deck-today-heading" class="deck-today__heading">
        Today’s question
      </Heading>
      <p class="deck-today__where">
        {deck.title}
        {level && ` · ${level.name}`}
      </p>
      <p class="deck-today__text">{prompt.text}</p>
      <Link class="button button--primary" href={promptHref(bond.id, prompt.id)}>
        Open today’s question
      </Link>
    </section>
  );
}

function DeckPath({ bond, deck, state }: { bond: Bond; deck: Deck; state: BondDeck }) {
  const waiting = waitingSaid(state.waiting_for_you);
  const headingId = `deck-${deck.id}-heading`;
  return (
    <li class="card deck" aria-labelledby={headingId}>
      <div class="deck__top">
        <h3 id={headingId} class="deck__title">
          <Link href={deckHref(bond.id, deck.id)}>{deck.title}</Link>
        </h3>
        {waiting && <span class="deck__badge">{waiting}</span>}
      </div>
      <p class="deck__description">{deck.description}</p>
      <ol class="plain-list deck-path" aria-label={`${deck.title}: three levels`}>
        {state.levels.map((level, i) => {
          const words = deck.levels.find((l) => l.level === level.level);
          return (
            <li key={level.level} class={`deck-path__level ${level.open ? 'deck-path__level--open' : 'deck-path__level--locked'}`}>
              <span class="deck-path__mark" aria-hidden="true">
                {level.open ? level.level : <Lock />}
              </span>
              <div class="deck-path__body">
                <p class="deck-path__name">{words?.name ?? `Level ${level.level}`}</p>
                <p class="deck-path__description">{words?.description}</p>
                <p class="deck-path__state">{levelSaid(level, state.levels[i - 1])}</p>
              </div>
            </li>
          );
        })}
      </ol>
    </li>
  );
}

export function DecksPage({ id }: { id: string }) {
  const bond = useResource(() => api.bond(id), [id]);
  const decks = useResource(() => api.bondDecks(id, localDay()), [id]);
  const catalog = useCatalog();
  const b = bond.data;
  useTitle(b ? `Conversations, you and ${b.other.display_name}` : 'Conversations');
  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.bond_id === id && event.type.startsWith('deck_'))) decks.reload();
    if (event.bond_id === id && event.type === 'bond_ended') bond.reload();
  });

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>Conversations</h1>
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }
  const error = decks.error ?? catalog.error;
  const data = decks.data;
  const all = catalog.data?.decks;
  return (
    <>
      <p class="breadcrumb">
        <Link href={bondHref(b.id)}>← You and {b.other.display_name}</Link>
      </p>
      <h1 tabIndex={-1}>Conversations</h1>
      <p class="lede">
        Questions to answer on your own and read together. {b.other.display_name} sees only that you answered until they answer
        too; then both answers open to you both.
      </p>
      {error && !data ? (
        <LoadError error={error} onRetry={() => (decks.reload(), catalog.reload())} />
      ) : !data || !all ? (
        <Loading />
      ) : (
        <>
          {data.today ? (
            <TodayCard bond={b} today={data.today} decks={all} />
          ) : (
            b.status !== 'active' && <p class="notice">This bond has ended. Your own answers stay yours to read.</p>
          )}
          <h2 class="decks__heading">The decks</h2>
          <p class="decks__intro">Each deck deepens in three levels. The next opens once you have shared five at the level before.</p>
          <ul class="plain-list decks">
            {data.decks.map((state) => {
              const deck = all.find((d) => d.id === state.id);
              return deck ? <DeckPath key={deck.id} bond={b} deck={deck} state={state} /> : null;
            })}
          </ul>
        </>
      )}
    </>
  );
}
