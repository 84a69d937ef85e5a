import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, Field, Form, fieldError } from '../ui/forms';
import { kindOfTwo } from '../format';
import { useAction, useTitle } from '../hooks';
import { Link, navigate } from '../router';
import { useAnnounce } from '../status';
import { bondHref, checkinHref } from '../ui/target';
import './bond.css';

// Every problem with a code is about the code field.
const problemFields = {
  'not-found': 'code',
  'own-invite': 'code',
  'already-bonded': 'code',
  validation: 'code',
};

/** What to do next, after the server's own words, for the problems people meet most. The server
 * answers a mistyped, used or expired code alike, so the hint covers all three. */
const nextStep: Record<string, string> = {
  'not-found': 'Check each character; a code works once and lasts a day.',
  'already-bonded': 'You two already share a bond. You can find it on your home screen.',
};

/** Entering a code. On the first steps, a new bond leads straight to its first check-in. */
export function Join({ code: initial, firstRun = false }: { code?: string; firstRun?: boolean }) {
  useTitle('Join with a code');
  const announce = useAnnounce();
  const [code, setCode] = useState((initial ?? '').toUpperCase());
  const accept = useAction(api.acceptInvite);

  const submit = async () => {
    const cleaned = code.replace(/\s+/g, '').toUpperCase();
    if (!cleaned) return;
    const bond = await accept.run(cleaned);
    if (!bond) return;
    navigate(firstRun ? checkinHref(bond.id) : bondHref(bond.id), { replace: true });
    announce(
      `You and ${bond.other.display_name} are now joined as ${kindOfTwo[bond.kind]}.${firstRun ? ' Here is your first check-in together.' : ''}`,
    );
  };

  const error = fieldError(accept.error, 'code', problemFields);
  const hint = accept.error ? nextStep[accept.error.problem] : undefined;

  return (
    <section class="narrow">
      {firstRun && (
        <p class="breadcrumb">
          <Link href="/start">← Getting started</Link>
        </p>
      )}
      <h1 tabIndex={-1}>Join with a code</h1>
      <p class="lede">
        Someone who matters to you made a code for the two of you. Enter it here to join them.
      </p>
      <Form class="card stack" onSubmit={submit} error={accept.error} problemFields={problemFields} fields={['code']} aria-label="Join with a code">
        <Field
          id="join-code"
          class="input--code"
          label="Code"
          hint="Eight letters and numbers, like K7QM-3HXD. Small letters and spaces are fine."
          name="code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          required
          maxLength={32}
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
          error={error && hint ? `${error} ${hint}` : error}
        />
        <Button type="submit" busy={accept.busy} busyLabel="Joining…">
          Join
        </Button>
      </Form>
      <p class="aside">
        Want to make a code instead? <Link href={firstRun ? '/start/invite' : '/invite'}>Invite someone</Link>.
      </p>
      {firstRun && (
        <p class="aside">
          Not now? You can join any time. <Link href="/">Later</Link>
        </p>
      )}
    </section>
  );
}
