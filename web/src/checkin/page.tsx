// The daily check-in for one bond: a short flow, one question at a time, then either the wait for
// the other (whose answers stay closed until they check in too) or the two check-ins side by side.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  api,
  needs,
  otherCheckedIn,
  type ApiError,
  type Bond,
  type Catalog,
  type Checkin,
  type CheckinDraft,
  type FeelingInput,
  type Need,
} from '../api';
import { useUser } from '../auth';
import { useCatalog } from '../catalog';
import { MINUTES_MAX, formatDay, formatMinutes, localDay, minutePicks, minutesLabel, needWords } from './words';
import { MyCheckin, Reveal, useCheckinDay } from './reveal';
import { ClosenessSlider } from './closeness';
import { LoadError, Loading } from '../ui/feedback';
import { FeelingsPicker } from '../feelings/feelings';
import { Button } from '../ui/forms';
import { toApiError, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { useAnnounce } from '../status';

type StepId = 'feelings' | 'now' | 'wanted' | 'need' | 'time' | 'affection' | 'guess';

/** Minutes as chosen: one of the quick picks, or "other" with the number typed in. */
interface Minutes {
  pick: number | 'other' | null;
  custom: string;
}

interface Draft {
  feelings: FeelingInput[];
  now: number;
  wanted: number;
  need: Need | null;
  own: Minutes;
  together: Minutes;
  affection: boolean;
  lovemaking: boolean;
  guessFamily: string | null;
  guessNow: number;
}

const minutesFrom = (value: number): Minutes =>
  (minutePicks as readonly number[]).includes(value) ? { pick: value, custom: '' } : { pick: 'other', custom: String(value) };

function draftFrom(mine: Checkin | null): Draft {
  if (!mine) {
    return {
      feelings: [],
      now: 4,
      wanted: 4,
      need: null,
      own: { pick: null, custom: '' },
      together: { pick: null, custom: '' },
      affection: false,
      lovemaking: false,
      guessFamily: null,
      guessNow: 4,
    };
  }
  return {
    feelings: mine.feelings.map((f) => ({ word: f.word, intensity: f.intensity })),
    now: mine.closeness_now,
    wanted: mine.closeness_wanted,
    need: mine.need,
    own: minutesFrom(mine.own_minutes),
    together: minutesFrom(mine.together_minutes),
    affection: mine.affection === true,
    lovemaking: mine.lovemaking === true,
    guessFamily: mine.guess.family,
    guessNow: mine.guess.closeness_now,
  };
}

/** The minutes as a number, or a reason they are not one yet. */
function minutesValue(m: Minutes): number | string {
  if (m.pick === null) return 'Choose how much time, even if it was none.';
  if (m.pick !== 'other') return m.pick;
  const text = m.custom.trim();
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n < 0 || n > MINUTES_MAX) {
    return `Type a whole number of minutes from 0 to ${MINUTES_MAX}.`;
  }
  return n;
}

/** Which step shows a field the server complained about. */
function stepOfField(field: string): StepId | null {
  if (field.startsWith('feelings')) return 'feelings';
  if (field === 'closeness_now') return 'now';
  if (field === 'closeness_wanted') return 'wanted';
  if (field === 'need') return 'need';
  if (field.endsWith('_minutes')) return 'time';
  if (field === 'affection' || field === 'lovemaking') return 'affection';
  if (field.startsWith('guess')) return 'guess';
  return null;
}

function MinutesField({
  id,
  legend,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  value: Minutes;
  onChange: (value: Minutes) => void;
  error?: string | undefined;
}) {
  const customId = `${id}-custom`;
  const errorId = `${id}-error`;
  return (
    <fieldset class="pills minutes" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {minutePicks.map((n) => (
        <span class="pill" key={n}>
          <input
            type="radio"
            class="pill__input"
            id={`${id}-${n}`}
            name={id}
            value={String(n)}
            checked={value.pick === n}
            onChange={() => onChange({ ...value, pick: n })}
          />
          <label class="pill__label" for={`${id}-${n}`}>
            <span aria-hidden="true">{minutesLabel(n)}</span>
            <span class="visually-hidden">{formatMinutes(n)}</span>
          </label>
        </span>
      ))}
      <span class="pill">
        <input
          type="radio"
          class="pill__input"
          id={`${id}-other`}
          name={id}
          value="other"
          checked={value.pick === 'other'}
          onChange={() => onChange({ ...value, pick: 'other' })}
        />
        <label class="pill__label" for={`${id}-other`}>
          Other
        </label>
      </span>
      {value.pick === 'other' && (
        <div class={error ? 'field field--invalid minutes__custom' : 'field minutes__custom'}>
          <label for={customId}>Minutes</label>
          <input
            id={customId}
            class="input input--minutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={MINUTES_MAX}
            step={1}
            value={value.custom}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? errorId : undefined}
            onInput={(e) => onChange({ ...value, custom: e.currentTarget.value })}
          />
        </div>
      )}
      {error && (
        <p class="field__error minutes__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface FlowProps {
  bond: Bond;
  catalog: Catalog;
  day: string;
  mine: Checkin | null;
  /** The other has checked in already (and you not yet). */
  theyAreIn: boolean;
  onSaved: () => Promise<void>;
  onCancel: (() => void) | null;
  onLocked: () => void;
}

function Flow({ bond, catalog, day, mine, theyAreIn, onSaved, onCancel, onLocked }: FlowProps) {
  const user = useUser();
  const announce = useAnnounce();
  const name = bond.other.display_name;
  const withAffection = bond.kind === 'partner' && user.track_affection === true;
  const steps: StepId[] = ['feelings', 'now', 'wanted', 'need', 'time', ...(withAffection ? (['affection'] as const) : []), 'guess'];
  const [draft, setDraft] = useState<Draft>(() => draftFrom(mine));
  const [index, setIndex] = useState(0);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  // Said to screen readers when Next finds something missing (the message is also shown by it).
  const [alert, setAlert] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const step = steps[Math.min(index, steps.length - 1)]!;
  const last = index >= steps.length - 1;
  const patch = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));

  // Each new step is announced by moving focus to its question (not on the first, where the page's
  // own heading has focus).
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [index]);

  /** What is missing or wrong on this step, by field; empty when it is ready. */
  const check = (id: StepId): Record<string, string> => {
    const out: Record<string, string> = {};
    if (id === 'feelings' && draft.feelings.length === 0) out.feelings = 'Choose at least one word for how you feel.';
    if (id === 'need' && !draft.need) out.need = 'Choose the one that fits best today.';
    if (id === 'time') {
      const own = minutesValue(draft.own);
      const together = minutesValue(draft.together);
      if (typeof own === 'string') out.own_minutes = own;
      if (typeof together === 'string') out.together_minutes = together;
    }
    if (id === 'guess' && !draft.guessFamily) out['guess.family'] = `Choose the feeling you think is strongest for ${name}.`;
    return out;
  };

  const submit = async () => {
    const body: CheckinDraft = {
      feelings: draft.feelings,
      closeness_now: draft.now,
      closeness_wanted: draft.wanted,
      need: draft.need!,
      own_minutes: minutesValue(draft.own) as number,
      together_minutes: minutesValue(draft.together) as number,
      guess: { family: draft.guessFamily!, closeness_now: draft.guessNow },
    };
    if (withAffection) {
      body.affection = draft.affection;
      body.lovemaking = draft.lovemaking;
    }
    setBusy(true);
    setFailure(null);
    try {
      const saved = await api.checkIn(bond.id, day, body);
      announce(
        saved.revealed
          ? `You and ${name} have both checked in. Your answers are open to you both.`
          : `Your check-in is saved. It stays closed until ${name} checks in too.`,
      );
      await onSaved();
    } catch (e) {
      const error = toApiError(e);
      if (error.problem === 'checkin-locked') {
        announce(`${name} checked in too, so today is settled.`);
        onLocked();
        return;
      }
      setFailure(error);
      // Send the person back to the question the server did not accept.
      const fields = Object.keys(error.fields);
      const target = fields.map(stepOfField).find((s): s is StepId => s !== null && steps.includes(s));
      if (target) {
        setProblems(error.fields);
        setIndex(steps.indexOf(target));
      }
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    const found = check(step);
    setProblems(found);
    const firstProblem = Object.values(found)[0];
    setAlert(firstProblem ?? '');
    if (firstProblem) {
      // Focus the first thing to fix, where it is a control of its own.
      window.setTimeout(() => document.querySelector<HTMLElement>('.flow [aria-invalid="true"], .flow .form-error')?.focus(), 0);
      return;
    }
    setFailure(null);
    if (last) void submit();
    else setIndex(index + 1);
  };

  const back = () => {
    setAlert('');
    setProblems({});
    setFailure(null);
    setIndex(Math.max(0, index - 1));
  };

  const titles: Record<StepId, string> = {
    feelings: 'How are you feeling today?',
    now: `How close do you feel to ${name} right now?`,
    wanted: `How close would you like to be?`,
    need: 'What would help you most today?',
    time: 'And your time today?',
    affection: 'Affection between you',
    guess: `And how is ${name}, do you think?`,
  };
  const headingId = `step-${step}`;
  const hintId = `step-${step}-hint`;
  const stepError = Object.values(problems)[0];
  const formMessage =
    failure && !Object.keys(failure.fields).some((f) => stepOfField(f) === step)
      ? [failure.detail, ...Object.values(failure.fields)].filter(Boolean).join(' ')
      : undefined;

  let body: ComponentChildren;
  switch (step) {
    case 'feelings':
      body = (
        <FeelingsPicker
          id="checkin-feelings"
          catalog={catalog}
          value={draft.feelings}
          onChange={(feelings) => {
            patch({ feelings });
            if (feelings.length > 0) setProblems({});
          }}
          legend="Words for it"
          hint="One to three words, and how strong each one is."
          error={problems.feelings ?? problems[Object.keys(problems).find((k) => k.startsWith('feelings')) ?? '']}
        />
      );
      break;
    case 'now':
      body = (
        <>
          <p class="field__hint" id={hintId}>
            One circle is you, the other is {name}. Drag or tap along the line, or use the arrow keys.
          </p>
          <ClosenessSlider labelledBy={headingId} describedBy={hintId} value={draft.now} onChange={(now) => patch({ now })} />
        </>
      );
      break;
    case 'wanted':
      body = (
        <>
          <p class="field__hint" id={hintId}>
            Not how it is, but how you would wish it. Right now you feel {draft.now} of 7; more, less or the
            same are all fine.
          </p>
          <ClosenessSlider
            labelledBy={headingId}
            describedBy={hintId}
            value={draft.wanted}
            onChange={(wanted) => patch({ wanted })}
          />
        </>
      );
      break;
    case 'need':
      body = (
        <fieldset class="choices" aria-labelledby={headingId} aria-describedby={stepError ? 'need-error' : undefined}>
          {needs.map((n) => (
            <div class="choice" key={n}>
              <input
                type="radio"
                id={`need-${n}`}
                name="need"
                value={n}
                checked={draft.need === n}
                aria-invalid={stepError ? 'true' : undefined}
                onChange={() => {
                  patch({ need: n });
                  setProblems({});
                }}
              />
              <label for={`need-${n}`}>
                <span class="choice__title">{needWords[n].name}</span>
                <span class="choice__hint">{needWords[n].hint}</span>
              </label>
            </div>
          ))}
          {stepError && (
            <p class="field__error" id="need-error">
              {stepError}
            </p>
          )}
        </fieldset>
      );
      break;
    case 'time':
      body = (
        <div class="stack">
          <MinutesField
            id="own-minutes"
            legend="Time to yourself"
            value={draft.own}
            onChange={(own) => patch({ own })}
            error={problems.own_minutes}
          />
          <MinutesField
            id="together-minutes"
            legend={`Time together with ${name}`}
            value={draft.together}
            onChange={(together) => patch({ together })}
            error={problems.together_minutes}
          />
        </div>
      );
      break;
    case 'affection':
      body = (
        <fieldset class="ticks" aria-labelledby={headingId} aria-describedby={hintId}>
          <p class="field__hint" id={hintId}>
            Both are optional. {name} sees these only after you have both checked in today.
          </p>
          <div class="tick">
            <input
              type="checkbox"
              id="tick-affection"
              checked={draft.affection}
              onChange={(e) => patch({ affection: e.currentTarget.checked })}
            />
            <label for="tick-affection">
              <span class="choice__title">We were affectionate</span>
              <span class="choice__hint">A hug, a kiss, a hand held, a moment close.</span>
            </label>
          </div>
          <div class="tick">
            <input
              type="checkbox"
              id="tick-lovemaking"
              checked={draft.lovemaking}
              onChange={(e) => patch({ lovemaking: e.currentTarget.checked })}
            />
            <label for="tick-lovemaking">
              <span class="choice__title">We made love</span>
              <span class="choice__hint">Just for the two of you to notice, over time.</span>
            </label>
          </div>
          {stepError && <p class="field__error">{stepError}</p>}
        </fieldset>
      );
      break;
    case 'guess':
      body = (
        <div class="stack">
          <p class="field__hint">A guess, nothing more. You will see how it compares once you have both checked in.</p>
          <fieldset class="pills families-guess" aria-describedby={problems['guess.family'] ? 'guess-family-error' : undefined}>
            <legend>What do you think {name} is mostly feeling?</legend>
            {catalog.feelings.families.map((f) => (
              <span class="pill" key={f.id}>
                <input
                  type="radio"
                  class="pill__input"
                  id={`guess-${f.id}`}
                  name="guess-family"
                  value={f.id}
                  checked={draft.guessFamily === f.id}
                  aria-invalid={problems['guess.family'] ? 'true' : undefined}
                  onChange={() => {
                    patch({ guessFamily: f.id });
                    setProblems({});
                  }}
                />
                <label class={`pill__label pill__label--${f.id}`} for={`guess-${f.id}`}>
                  {f.name}
                </label>
              </span>
            ))}
            {problems['guess.family'] && (
              <p class="field__error" id="guess-family-error">
                {problems['guess.family']}
              </p>
            )}
          </fieldset>
          <div>
            <p class="closeness__question" id="guess-closeness-label">
              How close do you think {name} feels right now?
            </p>
            <ClosenessSlider
              labelledBy="guess-closeness-label"
              value={draft.guessNow}
              onChange={(guessNow) => patch({ guessNow })}
            />
          </div>
        </div>
      );
      break;
  }

  return (
    <form
      class="flow card"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) next();
      }}
    >
      <div class="flow__progress">
        <p class="flow__count">
          Step {index + 1} of {steps.length}
        </p>
        <ol class="flow__bar" aria-hidden="true">
          {steps.map((s, i) => (
            <li key={s} class={i < index ? 'flow__seg flow__seg--done' : i === index ? 'flow__seg flow__seg--now' : 'flow__seg'} />
          ))}
        </ol>
      </div>
      {theyAreIn && !mine && index === 0 && (
        <p class="nudge__text flow__note">{name} has checked in — your answers will open both.</p>
      )}
      <h2 id={headingId} class="flow__question" tabIndex={-1} ref={heading}>
        {titles[step]}
      </h2>
      {formMessage && (
        <div class="form-error" role="alert" tabIndex={-1}>
          {formMessage}
        </div>
      )}
      {(step === 'now' || step === 'wanted') && stepError && <p class="field__error">{stepError}</p>}
      <p class="visually-hidden" role="alert">
        {alert}
      </p>
      <div class="flow__body">{body}</div>
      <div class="flow__actions">
        {index > 0 ? (
          <Button variant="secondary" onClick={back}>
            Back
          </Button>
        ) : onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Keep it as it was
          </Button>
        ) : (
          <Link href={`/bonds/${encodeURIComponent(bond.id)}`} class="button button--secondary">
            Not now
          </Link>
        )}
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {last ? (mine ? 'Save my check-in' : 'Check in') : 'Next'}
        </Button>
      </div>
    </form>
  );
}

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
  const when = <p class="flow__day muted">{formatDay(today)}</p>;

  if (screen === 'loading') {
    const error = bond.error ?? day.error ?? catalog.error;
    // The same first two places as every other screen here (a link back, the heading), so the
    // heading stays one element and keeps its focus when the screen fills in.
    return (
      <>
        {back}
        <h1 tabIndex={-1}>Check in</h1>
        {error && error.status === 404 ? (
          <div class="notice">
            <p>We could not find this bond. It may have been mistyped, or it is not one of yours.</p>
            <p>
              <Link href="/">Back to your bonds</Link>
            </p>
          </div>
        ) : error ? (
          <LoadError
            error={error}
            onRetry={() => {
              bond.reload();
              day.reload();
              catalog.reload();
            }}
          />
        ) : (
          <Loading label="Opening today’s check-in…" />
        )}
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
        <MyCheckin checkin={d!.mine!} catalog={catalog.data} otherName={name} />
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
