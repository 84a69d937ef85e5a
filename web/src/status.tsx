// One polite live region for short status messages ("Code copied", "Saved"). It is visible too,
// as a quiet note at the bottom of the screen, and clears itself after a few seconds.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';

type Announce = (message: string) => void;

const StatusContext = createContext<Announce>(() => undefined);

export function StatusProvider({ children }: { children: ComponentChildren }) {
  const [message, setMessage] = useState('');
  const timers = useRef<number[]>([]);

  const clearTimers = () => {
    timers.current.forEach((t) => window.clearTimeout(t));
    timers.current = [];
  };

  const announce: Announce = (text) => {
    clearTimers();
    // Emptying first makes screen readers speak a message even when it repeats.
    setMessage('');
    timers.current.push(
      window.setTimeout(() => setMessage(text), 50),
      window.setTimeout(() => setMessage(''), 6000),
    );
  };

  useEffect(() => clearTimers, []);

  return (
    <StatusContext.Provider value={announce}>
      {children}
      <div class={message ? 'status status--shown' : 'status'} role="status" aria-live="polite">
        {message}
      </div>
    </StatusContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(StatusContext);
}
