// Whether the device has a connection, as the browser knows it, and a hook that follows it.
import { useEffect, useState } from 'preact/hooks';

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update();
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Calls `then` once when the connection comes back, while `waiting` holds. */
export function useWhenOnline(waiting: boolean, then: () => void): void {
  useEffect(() => {
    if (!waiting) return;
    const back = () => then();
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, [waiting]);
}
