// Being offline, said calmly. A screen that needs the server shows `Offline` in place of "cannot
// reach" while the device has no connection, and tries again by itself once it is back; a short
// notice says when the connection goes and when it returns.
import { useEffect, useRef } from 'preact/hooks';
import { useTitle } from '../hooks';
import { useAnnounce } from '../status';
import { useOnline } from './online';

/** A whole screen that needs the server, while there is no connection. */
export function Offline({ onRetry }: { onRetry: () => void }) {
  useTitle('Offline');
  return (
    <>
      <h1 tabIndex={-1}>You are offline</h1>
      <p>
        Pillars itself opened from this device, but this screen comes from your server, and there is no connection to
        it just now.
      </p>
      <p>Nothing is lost: everything you saved is kept on the server. This screen will load again by itself as soon as you are back online.</p>
      <button type="button" class="button button--secondary" onClick={onRetry}>
        Try again now
      </button>
    </>
  );
}

/** The words for a part of a screen that could not load because the device is offline. */
export const OFFLINE_DETAIL = 'You are offline. Nothing is lost; this part will load again by itself once you are back online.';

/** Says, once each time, when the connection goes away and when it comes back. */
export function ConnectionNotices() {
  const online = useOnline();
  const announce = useAnnounce();
  const was = useRef(online);
  useEffect(() => {
    if (online === was.current) return;
    was.current = online;
    announce(online ? 'You are back online.' : 'You are offline. Pillars will reconnect by itself when the connection returns.');
  }, [online]);
  return null;
}
