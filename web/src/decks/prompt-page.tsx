// One prompt at /bonds/:id/prompts/:prompt: answered alone, then read together. Until both have
// answered the other sees only that one answered, and each may change their answer; the second
// answer opens both to both, side by side, with an invitation to talk. A love-map choice asks for
// one's own answer and a guess for the other's; a missed guess becomes something to ask about.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Bond, type Deck, type DeckAnswer, type DeckPrompt, type PromptAnswer, type PromptView } from '../api';
import { useUser } from '../auth';
import { BondMissing } from '../bond/bond-missing';
import { BodyField } from '../inner/body-field';
import { useAction, useCatalog, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { useAnnounce } from '../status';
import { Choices } from '../ui/choices';
import { LoadError, Loading } from '../ui/feedback';
import { Button, Form, FormActions, fieldError } from '../ui/forms';
import { deckHref } from '../ui/target';
import { ANSWER_MAX, TALK_ABOUT_IT, bothKnewSaid, guessSaid, theirGuessSaid, viewStage } from './rules';
import '../checkin/checkin.css';
import './decks.css';

/** What the screen says of where things stand, above the form. */
function standing(view: PromptView, other: string): string | null {
  switch (viewStage(view)) {
    case 'waiting':
      return `You answered. ${other} sees only that you answered, not your words, until they answer too. You can change your answer until then.`;
    case 'your-turn':
      return `${other} answered. Their answer opens to you once you answer too.`;
    case 'set-aside':
      return 'You set this aside for now. Only you see that.';
    default:
      return null;
  }
}

function AnswerForm({ bond, prompt, view, onSaved }: { bond: Bond; prompt: DeckPrompt; view: PromptView; onSaved: (view: PromptView) => void }) {
  const other = bond.other.display_name;
  const choices = prompt.choices;
  const [body, setBody] = useState(view.mine?.body ?? '');
  const [choice, setChoice] = useState<number | null>(view.mine?.choice ?? null);
  const [guess, setGuess] = useState<number | null>(view.mine?.guess ?? null);
  const [missing, setMissing] = useState<string | null>(null);
  const save = useAction((answer: PromptAnswer) => api.answerPrompt(bond.id, prompt.id, answer));
  const options = (choices ?? []).map((label, value) => ({ value, label }));
  const submit = async () => {
    setMissing(null);
    let answer: PromptAnswer;
    if (choices) {
      if (choice === null || guess === null) {
        setMissing(choice === null ? 'Choose your own answer first.' : `Choose your guess for ${other}.`);
        window.setTimeout(() => document.querySelector<HTMLElement>('.deck-answer [aria-invalid="true"]')?.focus(), 0);
        return;
      }
      answer = { choice, guess };
    } else {
      if (body.trim() === '') {
        setMissing('Write a few words first.');
        window.setTimeout(() => document.getElementById('deck-answer-body')?.focus(), 0);
        return;
      }
      answer = { body };
    }
    const saved = await save.run(answer);
    if (saved) onSaved(saved);
  };
  const bodyError = missing && !choices ? missing : fieldError(save.error, 'body');
  return (
    <Form class="deck-answer" aria-label="Your answer" onSubmit={submit} error={save.error} fields={['body', 'choice', 'guess']}>
      {choices ? (
        <>
          <Choices
            id="deck-choice"
            look="card"
            legend="Your answer"
            options={options}
            value={choice}
            onChange={setChoice}
            invalid={missing !== null && choice === null}
          />
          <Choices
            id="deck-guess"
            look="card"
            legend={`Your guess for ${other}`}
            options={options}
            value={guess}
            onChange={setGuess}
            invalid={missing !== null && choice !== null && guess === null}
          />
          {missing && (
            <p class="field__error" role="alert">
              {missing}
            </p>
          )}
        </>
      ) : (
        <BodyField
          id="deck-answer-body"
          label="Your answer"
          hint={`${other} sees only that you answered until they answer too.`}
          value={body}
          onInput={setBody}
          error={bodyError}
          max={ANSWER_MAX}
          rows={8}
        />
      )}
      <FormActions label="Keep my answer" busy={save.busy} busyLabel="Keeping…" />
    </Form>
  );
}

function Side({ who, mine, answer, prompt, other }: { who: string; mine: boolean; answer: Partial<DeckAnswer>; prompt: DeckPrompt; other: string }) {
  const choices = prompt.choices;
  return (
    <div class={`pair__side${mine ? ' pair__side--mine' : ''}`}>
      <h3 class="pair__who">{who}</h3>
      {choices ? (
        <dl class="deck-lovemap">
          <dt>{mine ? 'Your answer' : `${other}’s answer`}</dt>
          <dd>{choices[answer.choice ?? -1] ?? '—'}</dd>
          <dt>{mine ? `Your guess for ${other}` : `${other}’s guess for you`}</dt>
          <dd>{choices[answer.guess ?? -1] ?? '—'}</dd>
          {answer.guess_right !== undefined && (
            <dd class={`deck-lovemap__said deck-lovemap__said--${answer.guess_right ? 'knew' : 'ask'}`}>
              {mine ? guessSaid(answer.guess_right, other) : theirGuessSaid(answer.guess_right, other)}
            </dd>
          )}
        </dl>
      ) : (
        <p class="pair__text deck-reveal__text">{answer.body}</p>
      )}
    </div>
  );
}

function Reveal({ bond, prompt, view, headingRef }: { bond: Bond; prompt: DeckPrompt; view: PromptView; headingRef: { current: HTMLHeadingElement | null } }) {
  const user = useUser();
  const other = bond.other.display_name;
  const ended = bond.status !== 'active' || !view.other;
  return (
    <section class="deck-reveal" aria-labelledby="deck-reveal-heading">
      <h2 id="deck-reveal-heading" tabIndex={-1} ref={headingRef}>
        {ended ? 'Your answer' : 'Your answers, side by side'}
      </h2>
      {ended && <p class="notice">This bond has ended. Your own answer stays yours to read; {other}’s stays theirs.</p>}
      {view.other && bothKnewSaid(view.mine?.guess_right, view.other.guess_right) && (
        <p class="deck-standing">{bothKnewSaid(view.mine?.guess_right, view.other.guess_right)}</p>
      )}
      <div class="pair deck-reveal__pair">
        {view.mine && <Side who={`${user.display_name} (you)`} mine answer={view.mine} prompt={prompt} other={other} />}
        {view.other && <Side who={other} mine={false} answer={view.other} prompt={prompt} other={other} />}
      </div>
      {view.other && (
        <div class="card deck-talk">
          <h2 class="deck-talk__heading">Talk about it</h2>
          <p class="deck-talk__text">{TALK_ABOUT_IT}</p>
        </div>
      )}
    </section>
  );
}

function SkipToggle({ bond, view, onSaved }: { bond: Bond; view: PromptView; onSaved: (view: PromptView) => void }) {
  const announce = useAnnounce();
  const skip = useAction((skipped: boolean) => api.skipPrompt(bond.id, view.prompt_id, skipped));
  return (
    <div class="deck-skip">
      <Button
        variant="secondary"
        id="deck-skip"
        busy={skip.busy}
        aria-describedby="deck-skip-hint"
        onClick={async () => {
          const saved = await skip.run(!view.skipped);
          if (!saved) return;
          onSaved(saved);
          announce(saved.skipped ? 'Set aside for now.' : 'Back among your questions.');
        }}
      >
        {view.skipped ? 'Bring it back' : 'Not now'}
      </Button>
      <p class="field__hint" id="deck-skip-hint">
        Only for you: {bond.other.display_name} is never told.
      </p>
      {skip.error && (
        <p class="field__error" role="alert">
          {skip.error.detail}
        </p>
      )}
    </div>
  );
}

function Where({ deck, prompt }: { deck: Deck; prompt: DeckPrompt }) {
  const level = deck.levels.find((l) => l.level === prompt.level);
  return (
    <p class="deck-prompt-page__where">
      {deck.title}
      {level && ` · ${level.name}`}
    </p>
  );
}

export function PromptPage({ id, promptId }: { id: string; promptId: string }) {
  const announce = useAnnounce();
  const bond = useResource(() => api.bond(id), [id]);
  const view = useResource(() => api.prompt(id, promptId), [id, promptId]);
  const catalog = useCatalog();
  const b = bond.data;
  const v = view.data;
  const deck = catalog.data?.decks.find((d) => d.id === v?.deck);
  const prompt = deck?.prompts.find((p) => p.id === promptId);
  const status = useRef<HTMLParagraphElement>(null);
  const revealHeading = useRef<HTMLHeadingElement>(null);
  const [focusAfter, setFocusAfter] = useState(false);
  useTitle(deck ? `${deck.title}: a question for you both` : 'A question for you both');
  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.bond_id === id && event.id === promptId && event.type.startsWith('deck_'))) view.reload();
    if (event.bond_id === id && event.type === 'bond_ended') (bond.reload(), view.reload());
  });
  useEffect(() => {
    if (!focusAfter) return;
    setFocusAfter(false);
    (revealHeading.current ?? status.current)?.focus();
  }, [focusAfter]);

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>A question for you both</h1>
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }
  const error = view.error ?? catalog.error;
  const other = b.other.display_name;
  const saved = (next: PromptView) => {
    view.set(next);
    announce(next.revealed_at ? 'You have both answered: read each other’s answers.' : 'Your answer is kept.');
    setFocusAfter(true);
  };
  if (error && !v) {
    return (
      <>
        <h1 tabIndex={-1}>A question for you both</h1>
        <LoadError error={error} onRetry={() => (view.reload(), catalog.reload())} />
      </>
    );
  }
  if (!v || !deck || !prompt) {
    return (
      <>
        <h1 tabIndex={-1}>A question for you both</h1>
        <Loading />
      </>
    );
  }
  const revealed = v.revealed_at !== null;
  const said = standing(v, other);
  const active = b.status === 'active' && v.other !== null;
  return (
    <>
      <p class="breadcrumb">
        <Link href={deckHref(b.id, deck.id)}>← {deck.title}</Link>
      </p>
      <Where deck={deck} prompt={prompt} />
      <h1 tabIndex={-1} class="deck-prompt-page__text">
        {prompt.text}
      </h1>
      {prompt.choices && !revealed && (
        <p class="lede">Choose your own answer, and guess {other}’s. Once you have both answered you see each other’s, and where you guessed differently, something to ask about.</p>
      )}
      {revealed || (!active && v.mine) ? (
        <Reveal bond={b} prompt={prompt} view={v} headingRef={revealHeading} />
      ) : !active ? (
        <p class="notice">This bond has ended; nothing new can be answered.</p>
      ) : !v.open ? (
        <p class="notice">This level is not open yet. It opens once you have shared five at the level before.</p>
      ) : (
        <>
          <p class="deck-standing" tabIndex={-1} ref={status} hidden={said === null}>
            {said}
          </p>
          <AnswerForm key={v.prompt_id} bond={b} prompt={prompt} view={v} onSaved={saved} />
          {!v.mine && <SkipToggle bond={b} view={v} onSaved={view.set} />}
        </>
      )}
    </>
  );
}
