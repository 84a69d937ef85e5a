import { useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import { useAuth, useUser } from '../auth';
import { Button, Field, Form, SettingCheckbox, fieldError } from '../ui/forms';
import { deviceTimeZone } from '../format';
import { useAction, useTitle } from '../hooks';
import { Link } from '../router';
import { OwnTimeWish } from '../insights/wish-setting';
import { useLandOnTarget } from '../ui/land';
import { useAnnounce } from '../status';
import './account.css';

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // Older browsers: offer at least the ones we know about.
  }
  return [...new Set([current, deviceTimeZone(), 'UTC', ...zones])].sort((a, b) => a.localeCompare(b));
}

function Profile() {
  const user = useUser();
  const { setUser } = useAuth();
  const announce = useAnnounce();
  const [name, setName] = useState(user.display_name);
  const [zone, setZone] = useState(user.timezone);
  const zones = useMemo(() => timeZones(user.timezone), [user.timezone]);
  const save = useAction(api.updateMe);
  const device = deviceTimeZone();

  const submit = async () => {
    const updated = await save.run({ display_name: name.trim(), timezone: zone });
    if (!updated) return;
    setUser(updated);
    announce('Your details are saved.');
  };

  const zoneError = fieldError(save.error, 'timezone');
  return (
    <section class="section" aria-labelledby="profile-heading">
      <h2 id="profile-heading">About you</h2>
      <Form class="card stack" onSubmit={submit} error={save.error} fields={['display_name', 'timezone']} aria-labelledby="profile-heading">
        <Field
          id="settings-name"
          label="Your name"
          hint="What the people you are bonded with see."
          name="display_name"
          autocomplete="nickname"
          required
          maxLength={60}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          error={fieldError(save.error, 'display_name')}
        />
        <div class={zoneError ? 'field field--invalid' : 'field'}>
          <label for="settings-timezone">Time zone</label>
          <p class="field__hint" id="settings-timezone-hint">
            Your days begin and end by this clock. This device says {device}.
          </p>
          <select
            id="settings-timezone"
            class="input"
            name="timezone"
            value={zone}
            onChange={(e) => setZone(e.currentTarget.value)}
            aria-invalid={zoneError ? 'true' : undefined}
            aria-describedby={zoneError ? 'settings-timezone-hint settings-timezone-error' : 'settings-timezone-hint'}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          {zoneError && (
            <p class="field__error" id="settings-timezone-error">
              {zoneError}
            </p>
          )}
        </div>
        <Button type="submit" busy={save.busy} busyLabel="Saving…">
          Save
        </Button>
      </Form>
    </section>
  );
}

/** Opt in (or out) of the affection ticks in partner check-ins; saved as soon as it changes. */
function Affection() {
  const user = useUser();
  const { setUser } = useAuth();
  const announce = useAnnounce();
  const save = async (next: boolean) => {
    setUser(await api.updateMe({ track_affection: next }));
    announce(next ? 'Affection is now part of your check-ins as partners.' : 'Affection is no longer part of your check-ins.');
  };

  return (
    <section class="section" aria-labelledby="affection-heading">
      <h2 id="affection-heading">Affection in check-ins</h2>
      <div class="card">
        <SettingCheckbox
          id="track-affection"
          label="Include affection in my daily check-ins"
          checked={user.track_affection === true}
          save={save}
          hint={
            <>
              <p>
                Adds two optional ticks to check-ins with a partner: whether you were affectionate with each other, and
                whether you made love. Only in bonds between partners, never with friends or family. Off unless you turn
                it on.
              </p>
              <p>
                The ticks are shown to you both only when you have both turned this on, and like the rest of a check-in
                only once you have both checked in that day. If only one of you has it on, neither sees the other’s
                ticks, and nobody is told who has not turned it on.
              </p>
            </>
          }
        />
      </div>
    </section>
  );
}

const passwordProblems = { 'wrong-password': 'current_password', 'weak-password': 'new_password' };

function Password() {
  const announce = useAnnounce();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useAction(async (from: string, to: string) => {
    await api.changePassword(from, to);
    return true;
  });

  const submit = async () => {
    if (!(await change.run(current, next))) return;
    setCurrent('');
    setNext('');
    announce('Your password is changed. Every other device is signed out.');
  };

  return (
    <section class="section" aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <p>Changing it signs you out everywhere else, so only this device stays signed in.</p>
      <Form
        class="card stack"
        onSubmit={submit}
        error={change.error}
        problemFields={passwordProblems}
        fields={['current_password', 'new_password']}
        aria-labelledby="password-heading"
      >
        <Field
          id="current-password"
          label="Current password"
          type="password"
          name="current_password"
          autocomplete="current-password"
          required
          value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)}
          error={fieldError(change.error, 'current_password', passwordProblems)}
        />
        <Field
          id="new-password"
          label="New password"
          hint="At least 10 characters."
          type="password"
          name="new_password"
          autocomplete="new-password"
          required
          minLength={10}
          maxLength={256}
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
          error={fieldError(change.error, 'new_password', passwordProblems)}
        />
        <Button type="submit" busy={change.busy} busyLabel="Changing…">
          Change password
        </Button>
      </Form>
    </section>
  );
}

export function Settings() {
  useTitle('Settings');
  // A link to one setting ("/settings#own-time") lands on it.
  useLandOnTarget(true);
  return (
    <>
      <h1 tabIndex={-1}>Settings</h1>
      <Profile />
      <Affection />
      <OwnTimeWish />
      <Password />
      <section class="section" aria-labelledby="devices-heading">
        <h2 id="devices-heading">Devices</h2>
        <p>
          See every browser where you are signed in, and sign out the ones you no longer use:{' '}
          <Link href="/sessions">your devices</Link>.
        </p>
      </section>
      <section class="section" aria-labelledby="notify-heading">
        <h2 id="notify-heading">Notifications</h2>
        <p>
          A gentle reminder for the daily check-in, a note when something new is waiting, and quiet hours:{' '}
          <Link href="/settings/notifications">notifications</Link>.
        </p>
      </section>
      <section class="section" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p>
          Download everything you wrote, bring your writing from another Pillars, or delete your account:{' '}
          <Link href="/settings/data">your data</Link>.
        </p>
      </section>
    </>
  );
}
