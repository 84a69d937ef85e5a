// One deck at /bonds/:id/decks/:deck: its prompts by level, each saying where it stands from my
// side. A level not yet open shows as locked, its prompts not listed.
import { api, type DeckPromptState } from '../api';
import { BondMissing } from '../bond/bond-missing';
import { useCatalog, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { LoadError, Loading } from '../ui/feedback';
import { decksHref, promptHref } from '../ui/target';
import { Lock } from './decks-page';
import { levelSaid, promptStage, stageSaid } from './rules';
import './decks.css';

export function DeckPage({ id, deckId }: { id: string; deckId: string }) {
  const bond = useResource(() => api.bond(id), [id]);
  const deck = useResource(() => api.bondDeck(id, deckId), [id, deckId]);
  const catalog = useCatalog();
  const b = bond.data;
  const words = catalog.data?.decks.find((d) => d.id === deckId);
  useTitle(words ? `${words.title}, a conversation deck` : 'A conversation deck');
  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.bond_id === id && event.type.startsWith('deck_'))) deck.reload();
  });

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>{words?.title ?? 'A conversation deck'}</h1>
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }
  const error = deck.error ?? catalog.error;
  const data = deck.data;
  const other = b.other.display_name;
  const text = (p: DeckPromptState) => words?.prompts.find((w) => w.id === p.prompt_id)?.text ?? p.prompt_id;
  return (
    <>
      <p class="breadcrumb">
        <Link href={decksHref(b.id)}>← Conversations</Link>
      </p>
      <h1 tabIndex={-1}>{words?.title ?? 'A conversation deck'}</h1>
      {words && <p class="lede">{words.description}</p>}
      {error && !data ? (
        <LoadError error={error} onRetry={() => (deck.reload(), catalog.reload())} />
      ) : !data || !words ? (
        <Loading />
      ) : (
        data.levels.map((level, i) => {
          const name = words.levels.find((l) => l.level === level.level);
          const prompts = data.prompts.filter((p) => p.level === level.level);
          return (
            <section key={level.level} class={`deck-level${level.open ? '' : ' deck-level--locked'}`} aria-labelledby={`level-${level.level}`}>
              <h2 id={`level-${level.level}`} class="deck-level__heading">
                {!level.open && <Lock />}
                {name?.name ?? `Level ${level.level}`}
              </h2>
              {name && <p class="deck-level__description">{name.description}</p>}
              <p class="deck-level__state">{levelSaid(level, data.levels[i - 1])}</p>
              {level.open && (
                <ul class="plain-list deck-prompts">
                  {prompts.map((p) => {
                    const stage = promptStage(p);
                    return (
                      <li key={p.prompt_id} class={`deck-prompt deck-prompt--${stage}`}>
                        <Link class="deck-prompt__link" href={promptHref(b.id, p.prompt_id)}>
                          <span class="deck-prompt__text">{text(p)}</span>
                          <span class="deck-prompt__stage">{stageSaid(stage, other)}</span>
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })
      )}
    </>
  );
}
