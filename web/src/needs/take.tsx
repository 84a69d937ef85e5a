// The two needs' questionnaire at /me/needs/take: one statement at a time, each a radio group on the
// catalog's scale, the count and Back and Next beneath (as in the check-in). Answers stay when going
// back; a retake starts from the last answers. The rules are in questionnaire.ts.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, type NeedsResult, type NeedsWords } from '../api';
import { formatDate } from '../format';
import { useAction, useCatalog, useResource, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { useAnnounce } from '../status';
import { Choices } from '../ui/choices';
import { LoadError, Loading } from '../ui/feedback';
import { FlowProgress } from '../ui/flow';
import { Button } from '../ui/forms';
import { myNeedsHref } from '../ui/target';
import { answersBody, firstOpen, progressSaid, scalePoints, startingAnswers, type Answers } from './questionnaire';
import './needs.css';

function Questionnaire({ words, last }: { words: NeedsWords; last: NeedsResult | undefined }) {
  const items = words.items;
  const announce = useAnnounce();
  const [answers, setAnswers] = useState<Answers>(() => startingAnswers(words, last));
  const [index, setIndex] = useState(0);
  const [missing, setMissing] = useState(false);
  const take = useAction(api.takeNeeds);
  const form = useRef<HTMLFormElement>(null);
  const first = useRef(true);
  const item = items[index]!;
  const lastStep = index === items.length - 1;
  const options = scalePoints(words).map((p) => ({
    value: p.value,
    label: (
      <>
        <span class="scale-point__n">{p.value}</span>
        {p.label && <span class="scale-point__word">{p.label}</span>}
      </>
    ),
  }));

  // Each new statement is met on its answer (or the first point), so the arrow keys go on from there
  // and a screen reader reads the statement with the group; the card's top comes into view, so the
  // statement and its points fit a phone's screen. Not on arrival: the page's heading has focus.
  const focusAnswer = () =>
    (form.current?.querySelector<HTMLInputElement>('input:checked') ?? form.current?.querySelector<HTMLInputElement>('input'))?.focus({
      preventScroll: true,
    });
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusAnswer();
    form.current?.scrollIntoView({ block: 'start' });
  }, [index]);

  const go = (to: number) => {
    setMissing(false);
    take.clearError();
    setIndex(to);
  };

  const next = async () => {
    if (answers[item.id] === undefined) {
      setMissing(true);
      focusAnswer();
      return;
    }
    if (!lastStep) return go(index + 1);
    const body = answersBody(words, answers);
    if (!body) return go(firstOpen(items, answers));
    if (await take.run(body)) {
      announce('Your answers are kept. Here is your mix as it is today.');
      navigate(myNeedsHref);
    }
  };

  return (
    <form
      ref={form}
      class="flow card needs-flow"
      aria-label={words.title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!take.busy) void next();
      }}
    >
      <FlowProgress index={index} total={items.length} said={progressSaid(index, items.length)} />
      {take.error && (
        <p class="form-error" role="alert">
          {take.error.detail}
        </p>
      )}
      <Choices
        key={item.id}
        id={`need-${item.id}`}
        class="needs-scale"
        legend={item.text}
        options={options}
        value={answers[item.id] ?? null}
        invalid={missing}
        describedBy={missing ? 'needs-missing' : undefined}
        onChange={(value) => {
          setMissing(false);
          setAnswers((a) => ({ ...a, [item.id]: value }));
        }}
      >
        {missing && (
          <p class="field__error" id="needs-missing">
            Choose how much this is like you, from {words.scale.min} to {words.scale.max}.
          </p>
        )}
      </Choices>
      <div class="flow__actions">
        {index > 0 ? (
          <Button variant="secondary" onClick={() => go(index - 1)}>
            Back
          </Button>
        ) : (
          <Link href={myNeedsHref} class="button button--secondary">
            Not now
          </Link>
        )}
        <Button type="submit" busy={take.busy} busyLabel="Keeping your answers…">
          {lastStep ? 'See my two needs' : 'Next'}
        </Button>
      </div>
    </form>
  );
}

export function TakeNeedsPage() {
  const catalog = useCatalog();
  const mine = useResource(api.myNeeds, []);
  const words = catalog.data?.needs;
  const last = mine.data?.results[0];
  useTitle(words ? `${words.title}: the statements` : 'Your two needs');
  const error = catalog.error ?? mine.error;
  return (
    <>
      <p class="breadcrumb">
        <Link href={myNeedsHref}>← {words?.title ?? 'Your two needs'}</Link>
      </p>
      <h1 tabIndex={-1}>{words?.title ?? 'Your two needs'}</h1>
      {error ? (
        <LoadError error={error} onRetry={() => (catalog.reload(), mine.reload())} />
      ) : !words || !mine.data ? (
        <Loading />
      ) : (
        <>
          <p class="needs-reflection">
            {words.not_a_test} Only you see your answers.
            {last && ` Your answers of ${formatDate(last.taken_at)} are filled in; change whatever is different now.`}
          </p>
          <Questionnaire words={words} last={last} />
        </>
      )}
    </>
  );
}
