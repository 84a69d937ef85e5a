// Whether the device has a connection, as the browser knows it, and a hook that follows it.
import { useEffect, useRef, useState } from 'preact/hooks';

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

/**
 * Calls `then` when the connection comes back, while `waiting` holds; and twice more a little
 * later, since a connection can take a moment to carry requests again. The later calls are
 * dropped when the component goes (say, because the first one worked).
 */
export function useWhenOnline(waiting: boolean, then: () => void): void {
  const latest = useRef(then);
  latest.current = then;
  const timers = useRef<number[]>([]);
  useEffect(() => () => timers.current.forEach((t) => window.clearTimeout(t)), []);
  useEffect(() => {
    if (!waiting) return;
    const back = () => {
      latest.current();
      for (const ms of [2_000, 6_000]) timers.current.push(window.setTimeout(() => latest.current(), ms));
    };
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, [waiting]);
}
