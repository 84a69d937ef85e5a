import { api, type Session } from '../api';
import { LoadError, Loading } from '../ui/feedback';
import { Button } from '../ui/forms';
import { describeDevice, formatDateTime, formatRelative } from '../format';
import { useAction, useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useAnnounce } from '../status';
import './account.css';

function SessionItem({ session, onRevoke, busy }: { session: Session; onRevoke: () => void; busy: boolean }) {
  const device = describeDevice(session.user_agent);
  return (
    <li class="card session">
      <div class="session__text">
        <p class="session__device">
          {device}
          {session.current && (
            <>
              {' '}
              <span class="tag tag--current">This device</span>
            </>
          )}
        </p>
        <p class="muted">
          Signed in <time dateTime={session.created_at}>{formatDateTime(session.created_at)}</time>
          {' · last active '}
          <time dateTime={session.last_seen_at}>{formatRelative(session.last_seen_at)}</time>
        </p>
      </div>
      {!session.current && (
        <Button variant="secondary" busy={busy} busyLabel="Signing out…" onClick={onRevoke} aria-label={`Sign out ${device}, signed in ${formatDateTime(session.created_at)}`}>
          Sign out
        </Button>
      )}
    </li>
  );
}

export function Sessions() {
  useTitle('Your devices');
  const announce = useAnnounce();
  const sessions = useResource(api.sessions, []);
  const revoke = useAction(async (ids: string[]) => {
    for (const id of ids) await api.revokeSession(id);
    return ids;
  });

  const revokeAll = async (ids: string[], message: string) => {
    const done = await revoke.run(ids);
    if (!done) {
      sessions.reload();
      return;
    }
    if (sessions.data) sessions.set(sessions.data.filter((s) => !done.includes(s.id)));
    announce(message);
  };

  const list = sessions.data ?? [];
  const current = list.filter((s) => s.current);
  const others = list.filter((s) => !s.current);

  return (
    <>
      <h1 tabIndex={-1}>Where you are signed in</h1>
      <p class="lede">
        Each browser you sign in with stays signed in until you sign out. If you see one you do not
        recognise, sign it out and <Link href="/settings">change your password</Link>.
      </p>
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.error && <LoadError error={sessions.error} onRetry={sessions.reload} />}
      {revoke.error && (
        <p class="form-error" role="alert">
          {revoke.error.detail}
        </p>
      )}
      {sessions.data && (
        <ul class="plain-list session-list" aria-label="Signed-in devices">
          {[...current, ...others].map((s) => (
            <SessionItem
              key={s.id}
              session={s}
              busy={revoke.busy}
              onRevoke={() => revokeAll([s.id], `${describeDevice(s.user_agent)} is signed out.`)}
            />
          ))}
        </ul>
      )}
      {others.length > 1 && (
        <div class="actions">
          <Button
            variant="secondary"
            busy={revoke.busy}
            onClick={() => revokeAll(others.map((s) => s.id), 'Every other device is signed out.')}
          >
            Sign out all other devices
          </Button>
        </div>
      )}
      {sessions.data && others.length === 0 && <p class="muted">This is the only place you are signed in.</p>}
    </>
  );
}
