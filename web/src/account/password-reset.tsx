// A forgotten password: asking for a link (the answer is the same whether or not an account uses
// the address), and the link's own screen, which takes a new password. The link's key is read from
// the address's "#" once, cleared from the address bar, and sent only with the new password.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { useAuth } from '../auth';
import { useAction, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { Button, Field, Form, NewPasswordField, fieldError } from '../ui/forms';
import { tokenFromHash } from './reset-link';
import './account.css';

/** Said after every request for a link, whoever asked. */
export const linkOnItsWay = 'If an account uses this address, a link is on its way. It works once, within an hour.';

export function ForgotPassword() {
  useTitle('Forgot your password');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<'sent' | 'no-email' | null>(null);
  const answer = useRef<HTMLDivElement>(null);
  const ask = useAction(async (address: string) => {
    try {
      await api.forgotPassword(address);
      return 'sent' as const;
    } catch (e) {
      if (e instanceof ApiError && e.problem === 'email-not-configured') return 'no-email' as const;
      throw e;
    }
  });

  const submit = async () => {
    const done = await ask.run(email.trim());
    if (!done) return;
    setSent(done);
  };

  // Focus follows: to the answer when it comes, back to the address when asking again.
  const asked = useRef(false);
  useEffect(() => {
    if (sent) answer.current?.focus();
    else if (asked.current) document.getElementById('forgot-email')?.focus();
    asked.current = asked.current || Boolean(sent);
  }, [sent]);
  const askAgain = () => setSent(null);

  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Forgot your password?</h1>
      <p class="lede">It happens. Tell us the address you sign in with, and we will send a link to choose a new one.</p>
      {sent ? (
        <div class="notice reset-answer" tabIndex={-1} ref={answer} role="status">
          {sent === 'sent' ? (
            <>
              <p>{linkOnItsWay}</p>
              <p class="muted">Nothing there after a few minutes? Look in the spam folder, or ask again.</p>
            </>
          ) : (
            <>
              <p>This Pillars does not send email, so no link can come by mail.</p>
              <p>
                Ask the person who runs this Pillars for a reset link. They can make one for your address with{' '}
                <span class="mono">pillars user reset-password --email {email.trim() || 'you@example.com'}</span>, and it
                works once, within an hour.
              </p>
            </>
          )}
          <p>
            <button type="button" class="button button--secondary" onClick={askAgain}>
              Ask again
            </button>
          </p>
        </div>
      ) : (
        <Form class="card stack" onSubmit={submit} error={ask.error} fields={['email']} aria-label="Ask for a reset link">
          <Field
            id="forgot-email"
            label="Email"
            type="email"
            name="email"
            autocomplete="username"
            required
            maxLength={254}
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(ask.error, 'email')}
          />
          <Button type="submit" busy={ask.busy} busyLabel="Sending…">
            Send me a link
          </Button>
        </Form>
      )}
      <p class="aside">
        Remembered it? <Link href="/signin">Sign in</Link>
      </p>
    </section>
  );
}

/** The key from this visit's reset link: read from the address, then kept here only. */
let heldKey: string | null = null;

/** Takes a key from the address's "#" into `heldKey` and clears it from the address bar (and history). */
function takeKeyFromAddress(): void {
  const found = tokenFromHash(window.location.hash);
  if (found) heldKey = found;
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** The reset link's key; a new link opened on this screen (only the "#" changes) replaces it. */
function useResetKey(): string | null {
  const [key, setKey] = useState(() => {
    takeKeyFromAddress();
    return heldKey;
  });
  useEffect(() => {
    const changed = () => {
      takeKeyFromAddress();
      setKey(heldKey);
    };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return key;
}

const resetProblems = { 'weak-password': 'password' };

/** `expired`: the server refused the link just now (focus comes here); else the address holds none. */
function LinkNotUsable({ expired }: { expired: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (expired) box.current?.focus();
  }, [expired]);
  return (
    <div class="notice notice--error reset-invalid" role={expired ? 'alert' : undefined} tabIndex={-1} ref={box}>
      <p>
        {expired
          ? 'This link does not work any more. A link works once, within an hour of being made.'
          : 'This address holds no reset link. Perhaps part of it was lost when it was copied.'}
      </p>
      <p>
        <Link href="/forgot-password">Ask for a new link</Link>
      </p>
    </div>
  );
}

export function ResetPassword() {
  useTitle('Choose a new password');
  const key = useResetKey();
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Choose a new password</h1>
      {key ? <NewPassword key={key} resetKey={key} /> : <LinkNotUsable expired={false} />}
    </section>
  );
}

function NewPassword({ resetKey }: { resetKey: string }) {
  const { setUser } = useAuth();
  const [password, setPassword] = useState('');
  const reset = useAction(async (typed: string) => {
    try {
      await api.resetPassword(resetKey, typed);
    } catch (e) {
      if (e instanceof ApiError && e.problem === 'reset-link-invalid') heldKey = null; // it will not work later either
      throw e;
    }
    return true;
  });

  const submit = async () => {
    if (!(await reset.run(password))) return;
    heldKey = null;
    setUser(null);
    navigate('/signin?password=changed', { replace: true });
  };

  if (reset.error?.problem === 'reset-link-invalid') return <LinkNotUsable expired />;
  return (
    <>
      <p class="lede">Choose a password you have not used here before. Every device signed in to your account will be signed out.</p>
      <Form class="card stack" onSubmit={submit} error={reset.error} problemFields={resetProblems} fields={['password']} aria-label="Choose a new password">
        <NewPasswordField id="reset-password" label="New password" value={password} onValue={setPassword} error={fieldError(reset.error, 'password', resetProblems)} />
        <Button type="submit" busy={reset.busy} busyLabel="Saving…">
          Save the new password
        </Button>
      </Form>
    </>
  );
}
