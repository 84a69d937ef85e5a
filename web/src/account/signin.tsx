import { useState } from 'preact/hooks';
import { api } from '../api';
import { useAuth } from '../auth';
import { Button, Field, Form, fieldError } from '../ui/forms';
import { useAction, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { useAnnounce } from '../status';

/** Where to go after signing in: a path inside the app, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function withNext(path: string, next: string | null): string {
  return next && safeNext(next) !== '/' ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/** `passwordChanged`: arrived from a reset link's new password; every device was signed out. */
export function SignIn({ next, passwordChanged = false }: { next: string | null; passwordChanged?: boolean }) {
  useTitle('Sign in');
  const { setUser, sessionLost } = useAuth();
  const announce = useAnnounce();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction(api.login);

  const submit = async () => {
    const result = await login.run(email.trim(), password);
    if (!result) return;
    setUser(result.user);
    navigate(safeNext(next), { replace: true });
    announce(`Welcome back, ${result.user.display_name}.`);
  };

  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Welcome back</h1>
      <p class="lede">Sign in to your own corner of Pillars.</p>
      {passwordChanged && !sessionLost && (
        <p class="notice signed-out-note" role="status">
          Your password is changed, and every device was signed out. Sign in with the new one.
        </p>
      )}
      {sessionLost && (
        <p class="notice signed-out-note">
          You were signed out, perhaps because the password was changed on another device. Please sign in
          again.
        </p>
      )}
      <Form class="card stack" onSubmit={submit} error={login.error} fields={['email', 'password']} aria-label="Sign in">
        <Field
          id="signin-email"
          label="Email"
          type="email"
          name="email"
          autocomplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(login.error, 'email')}
        />
        <Field
          id="signin-password"
          label="Password"
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(login.error, 'password')}
        />
        <Button type="submit" busy={login.busy} busyLabel="Signing in…">
          Sign in
        </Button>
        <p class="form-foot">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      </Form>
      <p class="aside">
        New here? <Link href={withNext('/signup', next)}>Create an account</Link>
      </p>
    </section>
  );
}
