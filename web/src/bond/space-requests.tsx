// Asking for time to oneself, as easy as asking for comfort: when (now, tonight, tomorrow) and a
// note if one likes. The other sees it with three gentle replies; the one who asked sees the reply.
// The words are in space.ts.
import { useEffect, useState } from 'preact/hooks';
import { api, type Bond, type SpaceReply, type SpaceRequest, type SpaceWhen } from '../api';
import { formatRelative } from '../format';
import { useAction } from '../hooks';
import { useNews } from '../news/state';
import { useAnnounce } from '../status';
import { Choices } from '../ui/choices';
import { Button } from '../ui/forms';
import { AskForm, NoteField } from './note';
import {
  spaceAnsweredNotice,
  spaceAnswerHint,
  spaceAskedNotice,
  spaceAskHint,
  spaceHeadline,
  spaceReplies,
  spaceReplyLine,
  spaceReplyWords,
  spaceWhens,
  spaceWhenWords,
} from './space';
import { targetId } from '../ui/target';
import './bond.css';

/** The form under "I'd like some time to myself": when, and a note. */
export function AskSpace({ bond, onSent, onClose }: { bond: Bond; onSent: () => void; onClose: () => void }) {
  const announce = useAnnounce();
  const name = bond.other.display_name;
  const [when, setWhen] = useState<SpaceWhen>('tonight');
  const [note, setNote] = useState('');
  const ask = useAction((w: SpaceWhen, text: string) => api.askForSpace(bond.id, w, text));
  const prefix = `space-${bond.id}`;
  const hintId = `${prefix}-hint`;

  // Opening the form takes focus to the first question.
  useEffect(() => {
    document.getElementById(`${prefix}-when-${when}`)?.focus();
  }, []);

  const send = async () => {
    if (!(await ask.run(when, note))) return;
    setNote('');
    announce(spaceAskedNotice(name));
    onSent();
  };

  return (
    <AskForm
      name={name}
      label={`Ask ${name} for some time to yourself`}
      noteId={`${prefix}-note`}
      note={note}
      onNote={setNote}
      error={ask.error}
      busy={ask.busy}
      submitLabel={`Let ${name} know`}
      onSubmit={() => void send()}
      onClose={onClose}
    >
      <p class="field__hint" id={hintId}>
        {spaceAskHint(name)}
      </p>
      <Choices
        id={`${prefix}-when`}
        legend="When?"
        describedBy={hintId}
        options={spaceWhens.map((w) => ({ value: w, label: spaceWhenWords[w].label }))}
        value={when}
        onChange={setWhen}
      />
    </AskForm>
  );
}

/** The gentle replies to a request for time alone, with an optional note. */
function AnswerSpace({ request, bond, onAnswered }: { request: SpaceRequest; bond: Bond; onAnswered: () => void }) {
  const announce = useAnnounce();
  const name = bond.other.display_name;
  const [note, setNote] = useState('');
  const [sending, setSending] = useState<SpaceReply | null>(null);
  const news = useNews();
  const answer = useAction((reply: SpaceReply, text: string) => api.answerSpace(bond.id, request.id, reply, text));
  const send = async (reply: SpaceReply) => {
    setSending(reply);
    const done = await answer.run(reply, note);
    setSending(null);
    if (!done) return;
    news.refresh(); // the wish is answered now: What's new says so
    setNote('');
    announce(spaceAnsweredNotice(name));
    onAnswered();
  };
  return (
    <div class="space__answer" role="group" aria-label={`Answer ${name}`}>
      <p class="muted space__hint">{spaceAnswerHint(name)}</p>
      <NoteField id={`space-answer-${request.id}`} label="A few words with it (optional)" value={note} onInput={setNote} />
      <div class="respond__buttons">
        {spaceReplies.map((reply) => (
          <Button key={reply} variant="secondary" busy={sending === reply} busyLabel="Sending…" onClick={() => send(reply)}>
            {spaceReplyWords[reply]}
          </Button>
        ))}
      </div>
      {answer.error && (
        <p class="form-error" role="alert">
          {answer.error.detail}
        </p>
      )}
    </div>
  );
}

/** Requests for time alone, newest first: each with its note, and its reply or a way to give one. */
export function SpaceList({ requests, bond, onChange }: { requests: SpaceRequest[]; bond: Bond; onChange: () => void }) {
  const name = bond.other.display_name;
  return (
    <ul class="plain-list space-list" aria-label="Wishes for time alone">
      {requests.map((r) => {
        const open = !r.answered_at;
        return (
          <li key={r.id} id={targetId.request(r.id)} tabIndex={-1} class={`space card${open && !r.mine ? ' space--waiting' : ''}`}>
            <p class="space__head">
              <strong>{spaceHeadline(r, name)}</strong>{' '}
              <time class="muted" dateTime={r.created_at}>
                {formatRelative(r.created_at)}
              </time>
            </p>
            {r.note && <p class="space__note">{r.note}</p>}
            {r.answered_at ? (
              <div class="space__reply">
                <p class="space__said">
                  {spaceReplyLine(r, name)}{' '}
                  <time class="muted" dateTime={r.answered_at}>
                    {formatRelative(r.answered_at)}
                  </time>
                </p>
                {r.answer_note && <p class="space__note">{r.answer_note}</p>}
              </div>
            ) : r.mine ? (
              <p class="muted space__state">Sent to {name}. The reply will show here.</p>
            ) : bond.status === 'active' ? (
              <AnswerSpace request={r} bond={bond} onAnswered={onChange} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
