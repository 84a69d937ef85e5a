// Notifications: turn pushes on or off for this device, choose a daily check-in reminder and a note
// when something new is waiting, and quiet hours; see and remove the devices that get them. What a
// notification says is always only the kind of thing, never a name or anything anyone wrote.
import { useEffect, useState } from 'preact/hooks';
import { api, type NotifySettings, type PushDevice } from '../api';
import { formatDateTime, formatRelative } from '../format';
import { useAction, useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { useAnnounce } from '../status';
import { LoadError, Loading } from '../ui/feedback';
import { Button, Field, Form, fieldError } from '../ui/forms';
import { keyBytes, pushSupport, rememberDevice, rememberedDevice, sameKey, settingsSummary, type PushSupport } from './notify';
import './notify.css';

function support(): PushSupport {
  return pushSupport({
    serviceWorker: 'serviceWorker' in navigator,
    pushManager: 'PushManager' in window,
    notification: 'Notification' in window,
    userAgent: navigator.userAgent,
    standalone: window.matchMedia?.('(display-mode: standalone)').matches ?? false,
  });
}

/** This browser's subscription, if it has one. */
async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

function ThisDevice({ publicKey, onChange }: { publicKey: string; onChange: () => void }) {
  const announce = useAnnounce();
  const [state, setState] = useState<'checking' | 'on' | 'off' | 'blocked'>('checking');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      if (Notification.permission === 'denied') return setState('blocked');
      const sub = await currentSubscription();
      if (!live) return;
      setState(sub && rememberedDevice(localStorage) && sameKey(sub.options.applicationServerKey, keyBytes(publicKey)) ? 'on' : 'off');
    })().catch(() => live && setState('off'));
    return () => {
      live = false;
    };
  }, [publicKey]);

  const turnOn = useAction(async () => {
    setProblem(null);
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      setState(permission === 'denied' ? 'blocked' : 'off');
      return null;
    }
    const registration = await navigator.serviceWorker.ready;
    let sub = await registration.pushManager.getSubscription();
    if (sub && !sameKey(sub.options.applicationServerKey, keyBytes(publicKey))) {
      await sub.unsubscribe();
      sub = null;
    }
    sub ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
    const device = await api.addPushDevice(sub.toJSON());
    rememberDevice(localStorage, device.id);
    setState('on');
    announce('Notifications are on for this device.');
    onChange();
    return device;
  });

  const turnOff = useAction(async () => {
    const id = rememberedDevice(localStorage);
    const sub = await currentSubscription();
    if (id) await api.removePushDevice(id).catch(() => undefined);
    await sub?.unsubscribe();
    rememberDevice(localStorage, null);
    setState('off');
    announce('Notifications are off for this device.');
    onChange();
    return true;
  });

  useEffect(() => {
    if (turnOn.error) setProblem('Notifications could not be turned on just now. Please try again in a moment.');
  }, [turnOn.error]);

  return (
    <section class="section" aria-labelledby="device-heading">
      <h2 id="device-heading">This device</h2>
      <div class="card stack">
        {state === 'checking' && <p class="muted">Checking this device…</p>}
        {state === 'blocked' && (
          <p>
            Notifications are blocked for Pillars in this browser. To get them here, allow notifications for this site in
            the browser’s settings, then come back.
          </p>
        )}
        {state === 'off' && (
          <>
            <p>Notifications are off on this device. Turn them on to get what you choose below, and nothing else.</p>
            <Button onClick={() => void turnOn.run()} busy={turnOn.busy} busyLabel="Turning on…">
              Turn on notifications here
            </Button>
          </>
        )}
        {state === 'on' && (
          <>
            <p>Notifications are on for this device.</p>
            <Button variant="secondary" onClick={() => void turnOff.run()} busy={turnOff.busy} busyLabel="Turning off…">
              Turn off here
            </Button>
          </>
        )}
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </section>
  );
}

function Choices({ settings, onSaved }: { settings: NotifySettings; onSaved: (s: NotifySettings) => void }) {
  const announce = useAnnounce();
  const [remind, setRemind] = useState(settings.reminder !== null);
  const [reminder, setReminder] = useState(settings.reminder ?? '20:00');
  const [events, setEvents] = useState(settings.events);
  const [quiet, setQuiet] = useState(settings.quiet_from !== null);
  const [from, setFrom] = useState(settings.quiet_from ?? '22:00');
  const [to, setTo] = useState(settings.quiet_to ?? '07:00');
  const save = useAction(api.saveNotifications);

  const submit = async () => {
    const saved = await save.run({
      reminder: remind ? reminder : null,
      events,
      quiet_from: quiet ? from : null,
      quiet_to: quiet ? to : null,
    });
    if (!saved) return;
    onSaved(saved);
    announce('Your notification choices are saved.');
  };

  return (
    <section class="section" aria-labelledby="choices-heading">
      <h2 id="choices-heading">What may arrive</h2>
      <Form class="card stack" onSubmit={submit} error={save.error} fields={['reminder', 'events', 'quiet_from', 'quiet_to']} aria-labelledby="choices-heading">
        <div class="choice choice--plain">
          <input type="checkbox" class="choice__input" id="notify-remind" checked={remind} onChange={(e) => setRemind(e.currentTarget.checked)} />
          <label class="choice__label" for="notify-remind">
            <span class="choice__title">A gentle reminder for the daily check-in</span>
          </label>
        </div>
        {remind && (
          <Field
            id="notify-reminder"
            label="Remind me at"
            hint="On your own clock. It comes once a day, and not at all once you have checked in."
            type="time"
            name="reminder"
            required
            value={reminder}
            onInput={(e) => setReminder(e.currentTarget.value)}
            error={fieldError(save.error, 'reminder')}
          />
        )}
        <div class="choice choice--plain">
          <input type="checkbox" class="choice__input" id="notify-events" checked={events} aria-describedby="notify-events-hint" onChange={(e) => setEvents(e.currentTarget.checked)} />
          <label class="choice__label" for="notify-events">
            <span class="choice__title">A note when something new is waiting for me</span>
          </label>
        </div>
        <p class="field__hint setting__hint" id="notify-events-hint">
          When the other shares something, answers, sends warm words or a check-in opens. Gathered into one note, at most one
          an hour.
        </p>
        <div class="choice choice--plain">
          <input type="checkbox" class="choice__input" id="notify-quiet" checked={quiet} onChange={(e) => setQuiet(e.currentTarget.checked)} />
          <label class="choice__label" for="notify-quiet">
            <span class="choice__title">Quiet hours</span>
          </label>
        </div>
        {quiet && (
          <div class="notify-quiet">
            <Field id="notify-quiet-from" label="From" type="time" name="quiet_from" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} error={fieldError(save.error, 'quiet_from')} />
            <Field id="notify-quiet-to" label="To" type="time" name="quiet_to" required value={to} onInput={(e) => setTo(e.currentTarget.value)} error={fieldError(save.error, 'quiet_to')} />
          </div>
        )}
        <Button type="submit" busy={save.busy} busyLabel="Saving…">
          Save
        </Button>
      </Form>
    </section>
  );
}

function Devices({ devices, onRemoved }: { devices: PushDevice[]; onRemoved: (id: string) => void }) {
  const announce = useAnnounce();
  const remove = useAction(async (id: string) => {
    await api.removePushDevice(id);
    if (rememberedDevice(localStorage) === id) rememberDevice(localStorage, null);
    return id;
  });
  if (devices.length === 0) return null;
  return (
    <section class="section" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Devices that get them</h2>
      <ul class="plain-list stack">
        {devices.map((d) => (
          <li class="card notify-device" key={d.id}>
            <div>
              <p class="notify-device__name">
                Through {d.service}
                {rememberedDevice(localStorage) === d.id && (
                  <>
                    {' '}
                    <span class="tag tag--current">This device</span>
                  </>
                )}
              </p>
              <p class="muted">
                Added <time dateTime={d.created_at}>{formatDateTime(d.created_at)}</time>
                {d.last_sent_at && (
                  <>
                    {' · last reached '}
                    <time dateTime={d.last_sent_at}>{formatRelative(d.last_sent_at)}</time>
                  </>
                )}
              </p>
            </div>
            <Button
              variant="secondary"
              busy={remove.busy}
              busyLabel="Removing…"
              aria-label={`Remove the device added ${formatDateTime(d.created_at)}`}
              onClick={async () => {
                const gone = await remove.run(d.id);
                if (!gone) return;
                onRemoved(gone);
                announce('That device gets no more notifications.');
              }}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NotificationsPage() {
  useTitle('Notifications');
  const data = useResource(api.notifications, []);
  const can = support();
  const here = data.data?.devices.some((d) => d.id === rememberedDevice(localStorage)) ?? false;

  return (
    <>
      <h1 tabIndex={-1}>Notifications</h1>
      <p class="lead">
        Pillars can send a quiet reminder for the daily check-in and a note when something new is waiting. A notification never
        says who or what: only “Something new in Pillars” or the kind of thing, so nothing private shows on a locked screen.
      </p>
      {data.loading && <Loading />}
      {data.error && <LoadError error={data.error} onRetry={data.reload} />}
      {data.data && (
        <>
          {here && <p class="notify-summary">{settingsSummary(data.data.settings, here)}</p>}
          {!data.data.push.available || !data.data.push.public_key ? (
            <p class="card">This Pillars does not send notifications.</p>
          ) : can === 'supported' ? (
            <ThisDevice publicKey={data.data.push.public_key} onChange={data.reload} />
          ) : can === 'install-first' ? (
            <p class="card">
              On an iPhone or iPad, notifications come only to Pillars added to the Home Screen: tap Share, then “Add to Home
              Screen”, and open Pillars from there.
            </p>
          ) : (
            <p class="card">This browser cannot receive notifications. Another browser, or Pillars added to your home screen, may.</p>
          )}
          <Choices settings={data.data.settings} onSaved={(settings) => data.data && data.set({ ...data.data, settings })} />
          <Devices devices={data.data.devices} onRemoved={(id) => data.data && data.set({ ...data.data, devices: data.data.devices.filter((d) => d.id !== id) })} />
        </>
      )}
      <p class="notify-back">
        <Link href="/settings">Back to settings</Link>
      </p>
    </>
  );
}
