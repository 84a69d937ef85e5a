// The check-in flow: one question at a time, with the step count, Back and Next. The rules (which
// steps, what each needs, what is sent) are in draft.ts; each step draws itself (steps/).
import type { FunctionComponent } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiError, type Bond, type Catalog, type Checkin } from '../api';
import { useUser } from '../auth';
import { toApiError } from '../hooks';
import { Link } from '../router';
import { useAnnounce } from '../status';
import { FlowProgress } from '../ui/flow';
import { Button } from '../ui/forms';
import { checkStep, checkinBody, draftFrom, firstStepOf, stepOfField, stepsFor, withAffection, type Draft, type StepId } from './draft';
import { AffectionStep } from './steps/affection';
import { NowStep, WantedStep } from './steps/closeness';
import { FeelingsStep } from './steps/feelings';
import { GuessStep } from './steps/guess';
import { NeedStep } from './steps/need';
import type { StepProps } from './steps/step';
import { TimeStep } from './steps/time';

const stepViews: Record<StepId, FunctionComponent<StepProps>> = {
  feelings: FeelingsStep,
  now: NowStep,
  wanted: WantedStep,
  need: NeedStep,
  time: TimeStep,
  affection: AffectionStep,
  guess: GuessStep,
};

function titles(name: string): Record<StepId, string> {
  return {
    feelings: 'How are you feeling today?',
    now: `How close do you feel to ${name} right now?`,
    wanted: `How close would you like to be?`,
    need: 'What would help you most today?',
    time: 'Your time so far today',
    affection: 'Affection between you',
    guess: `And how is ${name}, do you think?`,
  };
}

export interface FlowProps {
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

export function Flow({ bond, catalog, day, mine, theyAreIn, onSaved, onCancel, onLocked }: FlowProps) {
  const user = useUser();
  const announce = useAnnounce();
  const name = bond.other.display_name;
  const affection = withAffection(bond.kind, user.track_affection);
  const steps = stepsFor(affection);
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

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const saved = await api.checkIn(bond.id, day, checkinBody(draft, affection));
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
      const target = firstStepOf(Object.keys(error.fields), steps);
      if (target) {
        setProblems(error.fields);
        setIndex(steps.indexOf(target));
      }
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    const found = checkStep(step, draft, name);
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

  const headingId = `step-${step}`;
  const hintId = `step-${step}-hint`;
  const stepError = Object.values(problems)[0];
  const formMessage =
    failure && !Object.keys(failure.fields).some((f) => stepOfField(f) === step)
      ? [failure.detail, ...Object.values(failure.fields)].filter(Boolean).join(' ')
      : undefined;
  const StepView = stepViews[step];

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
      <FlowProgress index={index} total={steps.length} said={`Step ${index + 1} of ${steps.length}`} />
      {theyAreIn && !mine && index === 0 && (
        <p class="nudge__text flow__note">{name} has checked in — your answers will open both.</p>
      )}
      <h2 id={headingId} class="flow__question" tabIndex={-1} ref={heading}>
        {titles(name)[step]}
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
      <div class="flow__body">
        <StepView
          draft={draft}
          patch={patch}
          problems={problems}
          settle={() => setProblems({})}
          headingId={headingId}
          hintId={hintId}
          name={name}
          bondId={bond.id}
          catalog={catalog}
        />
      </div>
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
