import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Bond } from '../api';
import { LoadError, Loading } from '../components/feedback';
import { Button } from '../components/forms';
import { formatDate, kindLabel } from '../format';
import { useAction, useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useAnnounce } from '../status';

function EndBond({ bond, onEnded }: { bond: Bond; onEnded: (bond: Bond) => void }) {
  const announce = useAnnounce();
  const [confirming, setConfirming] = useState(false);
  const end = useAction(api.endBond);
  const name = bond.other.display_name;
  const question = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLDivElement>(null);
  const opened = useRef(false);

  // Focus follows the step: to the question when it opens, back to its button when kept.
  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (opened.current) opener.current?.querySelector('button')?.focus();
    opened.current = opened.current || confirming;
  }, [confirming]);

  const confirm = async () => {
    const ended = await end.run(bond.id);
    if (!ended) return;
    setConfirming(false);
    onEnded(ended);
    announce(`Your bond with ${name} has ended.`);
  };

  return (
    <section class="section" aria-labelledby="end-heading">
      <h2 id="end-heading">End this bond</h2>
      <p>
        Sometimes a bond needs to close. You can end this one at any time, on your own; {name} will
        see that it has ended.
      </p>
      {!confirming ? (
        <div ref={opener}>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            End this bond…
          </Button>
        </div>
      ) : (
        <div class="card confirm" role="group" aria-labelledby="confirm-heading">
          <h3 id="confirm-heading" tabIndex={-1} ref={question}>End your bond with {name}?</h3>
          <ul>
            <li>You each keep everything you wrote yourself. Nothing of yours is deleted.</li>
            <li>Whatever either of you shared into this bond stops being shared.</li>
            <li>Nothing new can be shared here, and this cannot be undone.</li>
            <li>If you want to be joined again later, one of you can make a new code.</li>
          </ul>
          {end.error && (
            <p class="form-error" role="alert">
              {end.error.detail}
            </p>
          )}
          <div class="actions">
            <Button variant="danger" busy={end.busy} busyLabel="Ending…" onClick={confirm}>
              Yes, end this bond
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

export function BondPage({ id }: { id: string }) {
  const bond = useResource(() => api.bond(id), [id]);
  const b = bond.data;
  useTitle(b ? `You and ${b.other.display_name}` : 'Bond');

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>Bond</h1>
        {bond.loading && <Loading />}
        {bond.error && bond.error.status === 404 && (
          <div class="notice">
            <p>We could not find this bond. It may have been mistyped, or it is not one of yours.</p>
            <p>
              <Link href="/">Back to your bonds</Link>
            </p>
          </div>
        )}
        {bond.error && bond.error.status !== 404 && <LoadError error={bond.error} onRetry={bond.reload} />}
      </>
    );
  }

  return (
    <>
      <p class="breadcrumb">
        <Link href="/">← Your bonds</Link>
      </p>
      <h1 tabIndex={-1}>You and {b.other.display_name}</h1>
      <dl class="card details">
        <div>
          <dt>Who</dt>
          <dd>{b.other.display_name}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{kindLabel[b.kind]}</dd>
        </div>
        <div>
          <dt>Since</dt>
          <dd>
            <time dateTime={b.created_at}>{formatDate(b.created_at)}</time>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {b.status === 'active' ? (
              'Active'
            ) : (
              <>
                Ended
                {b.ended_at && (
                  <>
                    {' on '}
                    <time dateTime={b.ended_at}>{formatDate(b.ended_at)}</time>
                  </>
                )}
              </>
            )}
          </dd>
        </div>
      </dl>
      {b.status === 'active' ? (
        <EndBond bond={b} onEnded={bond.set} />
      ) : (
        <p class="notice">
          This bond has ended. You each keep what you wrote yourselves; nothing is shared here any more.
        </p>
      )}
    </>
  );
}
