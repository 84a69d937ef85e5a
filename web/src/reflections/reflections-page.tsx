// Reflections at /me/reflections, a part of "Just for you": a question for oneself every few days,
// shown large and calm; an answer kept privately (or not at all); and the answers so far, each an
// entry of its own that can be shared from its page. Only its owner ever fetches any of it.
import { useEffect, useState } from 'preact/hooks';
import { api, type Bond, type Catalog, type Entry, type Reflections } from '../api';
import { reflectionQuestion } from '../catalog';
import { localDay } from '../checkin/words';
import { formatDate, formatDateTime } from '../format';
import { useAction, useCatalog, useResource, useTitle } from '../hooks';
import { BodyField } from '../inner/body-field';
import { excerpt, whoCanSee } from '../inner/entries';
import { Link } from '../router';
import { useAnnounce } from '../status';
import { LoadError, Loading } from '../ui/feedback';
import { Button, Form, FormActions, fieldError } from '../ui/forms';
import { PrivateNote } from '../ui/private-note';
import { entryHref, justForYouHref } from '../ui/target';
import { answerProblem, answerTo, nextSaid, shareLinkText } from './reflections';
import './reflections.css';

const FIELD = 'reflection-answer';

/** Write an answer, or change it. */
function AnswerForm({ id, initial, onSaved, onCancel }: { id: string; initial?: Entry; onSaved: (entry: Entry) => void; onCancel?: () => void }) {
  const [body, setBody] = useState(initial?.body ?? '');
  const [local, setLocal] = useState<string | null>(null);
  const save = useAction(api.answerReflection);

  const submit = async () => {
    const problem = answerProblem(body);
    setLocal(problem);
    if (problem) {
      document.getElementById(FIELD)?.focus();
      return;
    }
    const entry = await save.run(id, body);
    if (entry) onSaved(entry);
  };

  return (
    <Form class="today-question__form" onSubmit={submit} error={save.error} fields={['body']} aria-label="Answer the question">
      <BodyField
        id={FIELD}
        label={initial ? 'Your answer' : 'Your answer, for you alone'}
        hint="A line or a page, whatever comes. There is no right answer, and you can come back to it."
        rows={6}
        value={body}
        onInput={setBody}
        error={local ?? fieldError(save.error, 'body')}
      />
      <FormActions label={initial ? 'Keep the changes' : 'Keep my answer'} busy={save.busy} busyLabel="Keeping…" onCancel={onCancel} />
    </Form>
  );
}

/** The answer kept, with a way to change it and a way to its page, where it can be shared. */
function Answer({ answer, bonds, onEdit }: { answer: Entry; bonds: Bond[] | undefined; onEdit: () => void }) {
  const share = shareLinkText(answer, bonds);
  return (
    <div class="today-question__answer" id="reflection-kept" tabIndex={-1}>
      <h3 class="today-question__label">Your answer</h3>
      <p class="today-question__body">{answer.body}</p>
      <p class="today-question__meta muted">
        Kept <time dateTime={answer.updated_at}>{formatDateTime(answer.updated_at)}</time>
        {' · '}
        <span class={answer.shared_with.length ? 'visibility visibility--shared' : 'visibility'}>{whoCanSee(answer.shared_with, bonds)}</span>
      </p>
      <div class="actions today-question__actions">
        <Button variant="secondary" onClick={onEdit} id="reflection-edit">
          Edit<span class="visually-hidden"> your answer</span>
        </Button>
        {share && (
          <Link class="today-question__share" href={entryHref(answer.id)}>
            {share}
          </Link>
        )}
      </div>
    </div>
  );
}

function Offered({
  catalog,
  data,
  today,
  bonds,
  onSaved,
}: {
  catalog: Catalog;
  data: Reflections;
  today: string;
  bonds: Bond[] | undefined;
  onSaved: (entry: Entry) => void;
}) {
  const announce = useAnnounce();
  const offered = data.offered;
  const question = reflectionQuestion(catalog, offered?.id ?? null);
  const answer = answerTo(data.answers, offered?.id);
  const [editing, setEditing] = useState(false);
  // Where focus goes after a change: the answer once kept, the edit button after a cancel.
  const [focus, setFocus] = useState<'kept' | 'edit' | 'field' | null>(null);
  useEffect(() => {
    if (!focus) return;
    document.getElementById(focus === 'kept' ? 'reflection-kept' : focus === 'edit' ? 'reflection-edit' : FIELD)?.focus();
    setFocus(null);
  }, [focus]);

  if (!offered || !question) {
    return (
      <section class="card today-question" aria-label="A question for you">
        <p>There is no question waiting just now. Time to yourself can simply be time to yourself.</p>
      </section>
    );
  }

  const saved = (entry: Entry) => {
    onSaved(entry);
    setEditing(false);
    setFocus('kept');
    announce(
      !answer
        ? 'Kept. Only you can see it.'
        : entry.shared_with.length
          ? 'Saved. Whoever can see it now sees the new version.'
          : 'Saved. Only you can see it.',
    );
  };

  return (
    <section class="card today-question" aria-labelledby="reflection-question">
      <p class="today-question__theme">{question.themeName}</p>
      <h2 class="today-question__text" id="reflection-question">
        {question.text}
      </h2>
      {answer && !editing ? (
        <Answer
          answer={answer}
          bonds={bonds}
          onEdit={() => {
            setEditing(true);
            setFocus('field');
          }}
        />
      ) : (
        <AnswerForm
          key={answer?.id ?? 'new'}
          id={offered.id}
          initial={answer}
          onSaved={saved}
          onCancel={
            answer
              ? () => {
                  setEditing(false);
                  setFocus('edit');
                }
              : undefined
          }
        />
      )}
      <div class="today-question__about">
        <p>
          Your next question arrives {nextSaid(offered.next, today)}. Answering is up to you: a question you leave simply makes way
          for the next, and there is nothing to catch up on.
        </p>
        <p>Nothing you write here reaches anyone unless you choose to share it.</p>
      </div>
    </section>
  );
}

function Earlier({ catalog, answers, bonds }: { catalog: Catalog; answers: Entry[]; bonds: Bond[] | undefined }) {
  return (
    <section class="section" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">Your earlier reflections</h2>
      {answers.length === 0 ? (
        <p class="muted">Each answer you keep gathers here, to read again whenever you like.</p>
      ) : (
        <ul class="plain-list reflections-list" aria-labelledby="earlier-heading">
          {answers.map((a) => (
            <li key={a.id} class="card reflections-past">
              <h3 class="reflections-past__question">
                <Link href={entryHref(a.id)}>{reflectionQuestion(catalog, a.prompt)?.text ?? 'A question no longer asked'}</Link>
              </h3>
              {a.body && <p class="reflections-past__body">{excerpt(a.body)}</p>}
              <p class="reflections-past__meta">
                <time dateTime={a.created_at}>{formatDate(a.created_at)}</time>
                {' · '}
                <span class={a.shared_with.length ? 'visibility visibility--shared' : 'visibility'}>{whoCanSee(a.shared_with, bonds)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ReflectionsPage() {
  // The person's own date, so the question changes at their midnight, not the server's.
  const [today] = useState(localDay);
  const catalog = useCatalog();
  const reflections = useResource(() => api.reflections(today), [today]);
  const bonds = useResource(api.bonds, []);
  const words = catalog.data?.reflections;
  const title = words?.title ?? 'Reflections';
  useTitle(title);
  const error = reflections.error ?? catalog.error;
  const data = reflections.data;

  const saved = (entry: Entry) => {
    if (!data) return;
    const known = data.answers.some((a) => a.id === entry.id);
    const answers = known ? data.answers.map((a) => (a.id === entry.id ? entry : a)) : [entry, ...data.answers];
    reflections.set({ ...data, answers });
  };

  return (
    <>
      <p class="breadcrumb">
        <Link href={justForYouHref}>← Just for you</Link>
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      <PrivateNote>{words?.private ?? 'Only you can see your answers, unless you choose to share one.'}</PrivateNote>
      {words && <p class="lede">{words.intro}</p>}
      {error && !data ? (
        <LoadError
          error={error}
          onRetry={() => {
            reflections.reload();
            catalog.reload();
          }}
        />
      ) : !data || !catalog.data ? (
        <Loading />
      ) : (
        <>
          <Offered catalog={catalog.data} data={data} today={today} bonds={bonds.data} onSaved={saved} />
          <Earlier catalog={catalog.data} answers={data.answers} bonds={bonds.data} />
        </>
      )}
    </>
  );
}
