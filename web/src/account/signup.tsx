import { useState } from 'preact/hooks';
import { api } from '../api';
import { useAuth } from '../auth';
import { Button, Field, Form, NewPasswordField, fieldError } from '../ui/forms';
import { deviceTimeZone } from '../format';
import { useAction, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { useAnnounce } from '../status';
import { safeNext, withNext } from './signin';

const problemFields = { 'email-taken': 'email', 'weak-password': 'password' };

export function SignUp({ next }: { next: string | null }) {
  useTitle('Create an account');
  const { setUser } = useAuth();
  const announce = useAnnounce();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const register = useAction(api.register);

  const submit = async () => {
    const result = await register.run(email.trim(), password, name.trim(), deviceTimeZone());
    if (!result) return;
    setUser(result.user);
    // Someone who followed a link (a join link, say) goes on there; anyone else takes the first steps.
    navigate(next ? safeNext(next) : '/start', { replace: true });
    announce(`Welcome to Pillars, ${result.user.display_name}.`);
  };

  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Make your account</h1>
      <p class="lede">
        Pillars is a quiet place for two people who want to be close and still be themselves.
        Whatever you write here stays yours until you choose to share it.
      </p>
      <Form class="card stack" onSubmit={submit} error={register.error} problemFields={problemFields} fields={['display_name', 'email', 'password']} aria-label="Create an account">
        <Field
          id="signup-name"
          label="Your name"
          hint="How the people you bond with will see you. You can change it later."
          name="display_name"
          autocomplete="nickname"
          required
          maxLength={60}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          error={fieldError(register.error, 'display_name', problemFields)}
        />
        <Field
          id="signup-email"
          label="Email"
          type="email"
          name="email"
          autocomplete="email"
          required
          maxLength={254}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(register.error, 'email', problemFields)}
        />
        <NewPasswordField
          id="signup-password"
          label="Password"
          value={password}
          onValue={setPassword}
          error={fieldError(register.error, 'password', problemFields)}
        />
        <Button type="submit" busy={register.busy} busyLabel="Creating your account…">
          Create account
        </Button>
      </Form>
      <p class="aside">
        Already have an account? <Link href={withNext('/signin', next)}>Sign in</Link>
      </p>
    </section>
  );
}
