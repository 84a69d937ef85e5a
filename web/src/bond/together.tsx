// What two people in a bond give each other: a quick "I love you", a call for comfort and its
// answer, responses to what the other shared, and words of appreciation.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  api,
  type Appreciation,
  type AppreciationKind,
  type Bond,
  type Catalog,
  type ComfortRequest,
  type ResponseKind,
  type SharedEntry,
} from '../api';
import { appreciationName, kindName, offeredResponses } from '../catalog';
import { formatDateTime, formatRelative } from '../format';
import { useAction } from '../hooks';
import { Link } from '../router';
import { useNews } from '../news/state';
import { useAnnounce } from '../status';
import { targetId } from '../ui/target';
import { Asked } from '../inner/asked';
import { ResponseList } from '../inner/responses';
import { FeelingChips } from '../feelings/feelings';
import { PieceLine } from '../own-time/piece';
import { sharedPieceSaid } from '../own-time/pieces';
import { Choices } from '../ui/choices';
import { Button } from '../ui/forms';
import { AskForm, NoteField } from './note';
import { AskSpace } from './space-requests';
import './bond.css';

/**
 * "I love you" in one tap; "I could use some comfort" and "I'd like some time to myself", each with
 * a short form (one open at a time).
 */
export function QuickActions({ bond, onSent, compact = false }: { bond: Bond; onSent?: () => void; compact?: boolean }) {
  const announce = useAnnounce();
  const name = bond.other.display_name;
  const [sentLove, setSentLove] = useState<string | null>(null);
  const [asking, setAsking] = useState<'comfort' | 'space' | null>(null);
  const [note, setNote] = useState('');
  const love = useAction(() => api.appreciate(bond.id, 'love'));
  const ask = useAction((text: string) => api.askForComfort(bond.id, text));
  const noteId = `comfort-note-${bond.id}`;
  const askButton = useRef<HTMLSpanElement>(null);
  const spaceButton = useRef<HTMLSpanElement>(null);
  const wasAsking = useRef<'comfort' | 'space' | null>(null);

  // Focus goes into the form that opens, and back to its button when it closes.
  useEffect(() => {
    if (asking === 'comfort') document.getElementById(noteId)?.focus();
    else if (!asking && wasAsking.current) {
      (wasAsking.current === 'comfort' ? askButton : spaceButton).current?.querySelector('button')?.focus();
    }
    wasAsking.current = asking;
  }, [asking]);
  const toggle = (which: 'comfort' | 'space') => setAsking(asking === which ? null : which);

  useEffect(() => {
    if (!sentLove) return;
    const timer = window.setTimeout(() => setSentLove(null), 8000);
    return () => window.clearTimeout(timer);
  }, [sentLove]);

  const sendLove = async () => {
    const done = await love.run();
    if (!done) return;
    setSentLove(done.id);
    announce(`Sent. ${name} will know you love them.`);
    onSent?.();
  };

  const sendAsk = async () => {
    const done = await ask.run(note);
    if (!done) return;
    setNote('');
    setAsking(null);
    announce(`Sent. ${name} knows you could use some comfort.`);
    onSent?.();
  };

  return (
    <div class={compact ? 'quick quick--compact' : 'quick'} role="group" aria-label={`Quick words for ${name}`}>
      <div class="quick__buttons">
        <Button busy={love.busy} busyLabel="Sending…" onClick={sendLove} class="button button--primary button--love">
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 21s-7.5-4.6-9.6-9.3C.9 8.3 3 4.5 6.6 4.5c2.1 0 3.6 1.2 4.4 2.6h2c.8-1.4 2.3-2.6 4.4-2.6 3.6 0 5.7 3.8 4.2 7.2C19.5 16.4 12 21 12 21z" />
          </svg>
          I love you
        </Button>
        <span ref={askButton}>
          <Button variant="secondary" onClick={() => toggle('comfort')} aria-expanded={asking === 'comfort' ? 'true' : 'false'}>
            I could use some comfort
          </Button>
        </span>
        <span ref={spaceButton}>
          <Button variant="secondary" onClick={() => toggle('space')} aria-expanded={asking === 'space' ? 'true' : 'false'}>
            I’d like some time to myself
          </Button>
        </span>
      </div>
      {sentLove && (
        <p class="quick__sent">
          Sent with love. {name} will see it.
        </p>
      )}
      {love.error && (
        <p class="form-error" role="alert">
          {love.error.detail}
        </p>
      )}
      {asking === 'space' && (
        <AskSpace
          bond={bond}
          onSent={() => {
            setAsking(null);
            onSent?.();
          }}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === 'comfort' && (
        <AskForm
          name={name}
          noteId={noteId}
          note={note}
          onNote={setNote}
          error={ask.error}
          busy={ask.busy}
          submitLabel={`Ask ${name} for comfort`}
          onSubmit={() => void sendAsk()}
          onClose={() => setAsking(null)}
        />
      )}
    </div>
  );
}

function AnswerComfort({ request, bond, onAnswered }: { request: ComfortRequest; bond: Bond; onAnswered: () => void }) {
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const news = useNews();
  const answer = useAction((text: string) => api.answerComfort(bond.id, request.id, text));
  const send = async () => {
    if (!(await answer.run(note))) return;
    news.refresh(); // the call is answered now: What's new says so
    setNote('');
    announce(`Sent. ${bond.other.display_name} will know you are there.`);
    onAnswered();
  };
  return (
    <form
      class="comfort__answer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <NoteField id={`answer-${request.id}`} label="A few words back (optional)" value={note} onInput={setNote} />
      {answer.error && (
        <p class="form-error" role="alert">
          {answer.error.detail}
        </p>
      )}
      <Button type="submit" busy={answer.busy} busyLabel="Sending…">
        I am here for you
      </Button>
    </form>
  );
}

export function ComfortList({
  requests,
  bond,
  onChange,
}: {
  requests: ComfortRequest[];
  bond: Bond;
  onChange: () => void;
}) {
  const name = bond.other.display_name;
  return (
    <ul class="plain-list comfort-list" aria-label="Calls for comfort">
      {requests.map((r) => {
        const open = !r.answered_at;
        return (
          <li
            key={r.id}
            id={targetId.request(r.id)}
            class={`comfort card${open && !r.mine ? ' comfort--waiting' : ''}${open ? '' : ' comfort--answered'}`}
          >
            <p class="comfort__head">
              <strong>{r.mine ? 'You asked for comfort' : `${r.from.display_name} could use some comfort`}</strong>{' '}
              <time class="muted" dateTime={r.created_at}>
                {formatRelative(r.created_at)}
              </time>
            </p>
            {r.note && <p class="comfort__note">{r.note}</p>}
            {r.answered_at ? (
              <div class="comfort__reply">
                <p class="comfort__state">
                  <span class="tag tag--answered">Answered</span>{' '}
                  {r.mine ? `${name} answered` : 'You answered'}{' '}
                  <time dateTime={r.answered_at}>{formatRelative(r.answered_at)}</time>
                </p>
                {r.answer_note && <p class="comfort__note">{r.answer_note}</p>}
              </div>
            ) : r.mine ? (
              <p class="comfort__state muted">Waiting for {name}.</p>
            ) : bond.status === 'active' ? (
              <AnswerComfort request={r} bond={bond} onAnswered={onChange} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function Respond({ entry, bond, catalog, onSent }: { entry: SharedEntry; bond: Bond; catalog: Catalog; onSent: () => void }) {
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const [sending, setSending] = useState<ResponseKind | null>(null);
  const respond = useAction((kind: ResponseKind, body: string) => api.respond(entry.id, kind, body));
  const name = entry.author.display_name;

  const send = async (kind: ResponseKind, label: string) => {
    setSending(kind);
    const done = await respond.run(kind, note);
    setSending(null);
    if (!done) return;
    setNote('');
    announce(`Sent “${label}” to ${name}.`);
    onSent();
  };

  return (
    <div class="respond" role="group" aria-label={`Respond to ${name}`}>
      <NoteField
        id={`respond-${bond.id}-${entry.id}`}
        label="A few words with it (optional)"
        value={note}
        onInput={setNote}
        rows={2}
      />
      <div class="respond__buttons">
        {offeredResponses(catalog, entry.responses_offered).map((k) => (
          <Button
            key={k.id}
            variant="secondary"
            busy={sending === k.id}
            busyLabel="Sending…"
            onClick={() => send(k.id, k.name)}
          >
            {k.name}
          </Button>
        ))}
      </div>
      {respond.error && (
        <p class="form-error" role="alert">
          {respond.error.detail}
        </p>
      )}
    </div>
  );
}

export function SharedEntryCard({
  entry,
  bond,
  catalog,
  onChange,
}: {
  entry: SharedEntry;
  bond: Bond;
  catalog: Catalog | undefined;
  onChange: () => void;
}) {
  const who = entry.mine ? 'You' : entry.author.display_name;
  const headingId = `shared-${entry.id}`;
  return (
    <li class={entry.mine ? 'shared card shared--mine' : 'shared card'} id={targetId.entry(entry.id)}>
      <article aria-labelledby={headingId}>
        <h3 class="shared__title" id={headingId}>
          {entry.own_time ? (
            sharedPieceSaid(entry.mine ? null : who)
          ) : (
            <>
              {who}
              <span class="shared__kind"> · {kindName(catalog, entry.kind)}</span>
            </>
          )}
        </h3>
        <p class="shared__date muted">
          Shared <time dateTime={entry.shared_at}>{formatDateTime(entry.shared_at)}</time>
        </p>
        <Asked catalog={catalog} prompt={entry.prompt} />
        <FeelingChips feelings={entry.feelings} catalog={catalog} />
        {entry.own_time && <PieceLine spent={entry.own_time} words={catalog?.own_time} />}
        {entry.body && <p class="entry__body">{entry.body}</p>}
        <ResponseList responses={entry.responses} catalog={catalog} label={`Responses to ${entry.mine ? 'your entry' : `${who}’s entry`}`} />
        {entry.mine ? (
          <p class="shared__own">
            <Link href={`/journal/${encodeURIComponent(entry.id)}`}>Open it in your journal</Link>
          </p>
        ) : (
          bond.status === 'active' &&
          catalog && <Respond entry={entry} bond={bond} catalog={catalog} onSent={onChange} />
        )}
      </article>
    </li>
  );
}

export function AppreciationList({ items, catalog }: { items: Appreciation[]; catalog: Catalog | undefined }) {
  return (
    <ul class="plain-list appreciations" aria-label="Appreciations">
      {items.map((a) => (
        <li key={a.id} id={targetId.appreciation(a.id)} class={`appreciation appreciation--${a.kind}${a.mine ? ' appreciation--mine' : ''}`}>
          <p class="appreciation__head">
            <strong>{a.mine ? 'You' : a.from.display_name}</strong>{' '}
            <span class="appreciation__kind">{appreciationName(catalog, a.kind)}</span>{' '}
            <time class="muted" dateTime={a.created_at}>
              {formatRelative(a.created_at)}
            </time>
          </p>
          {a.note && <p class="appreciation__note">{a.note}</p>}
        </li>
      ))}
    </ul>
  );
}

/**
 * A word of thanks or admiration, with a note. "I love you" is not offered here: the quick button
 * above sends it in one tap, and one screen has one such button.
 */
export function Appreciate({ bond, catalog, onSent }: { bond: Bond; catalog: Catalog; onSent: () => void }) {
  const announce = useAnnounce();
  const [kind, setKind] = useState<AppreciationKind>('thanks');
  const [note, setNote] = useState('');
  const send = useAction(() => api.appreciate(bond.id, kind, note));
  const name = bond.other.display_name;
  const submit = async () => {
    if (!(await send.run())) return;
    setNote('');
    announce(`Sent to ${name}.`);
    onSent();
  };
  return (
    <form
      class="card appreciate stack"
      aria-labelledby="appreciate-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="appreciate-heading">Tell {name} something good</h3>
      <Choices
        id="appreciate"
        name="appreciate-kind"
        legend="What would you like to say?"
        options={catalog.appreciation_kinds.filter((k) => k.id !== 'love').map((k) => ({ value: k.id, label: k.name }))}
        value={kind}
        onChange={setKind}
      />
      <NoteField id="appreciate-note" label="In a few words (optional)" value={note} onInput={setNote} />
      {send.error && (
        <p class="form-error" role="alert">
          {send.error.detail}
        </p>
      )}
      <div>
        <Button type="submit" busy={send.busy} busyLabel="Sending…">
          Send to {name}
        </Button>
      </div>
    </form>
  );
}
