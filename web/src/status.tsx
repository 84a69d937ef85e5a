// Short notices ("Code copied", "Ada shared something with you"): spoken once through one polite
// live region, shown as small dismissible cards that keep clear of the page (above the tab bar on a
// phone, in the bottom-right corner on a larger screen), and kept in a list of recent ones that
// can be opened again (ui/notices.tsx draws it). A notice about something that can be found (a
// share, a warm word) carries where it is: its card and its line in the list link there. How long a card stays, and how many are kept, is
// in notices.ts: at least eight seconds, and never running out while the pointer rests on the cards
// or focus is inside them.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { RECENT_MAX, SHOWN_MAX, newestFirst, newestLast, readingTime } from './notices';
import { Link } from './router';

export interface Notice {
  id: number;
  text: string;
  /** When it was said, in milliseconds since the epoch. */
  at: number;
  /** Where the thing it speaks of is: the card offers to open it. */
  href?: string;
}

/** Says `message`; with `href`, its card has an "Open" link to the thing it speaks of. */
type Announce = (message: string, href?: string) => void;

interface Notices {
  /** Newest first, at most RECENT_MAX, for this page load only. */
  recent: Notice[];
}

const StatusContext = createContext<Announce>(() => undefined);
const NoticesContext = createContext<Notices>({ recent: [] });

export function StatusProvider({ children }: { children: ComponentChildren }) {
  const [spoken, setSpoken] = useState('');
  const [recent, setRecent] = useState<Notice[]>([]);
  const [shown, setShown] = useState<Notice[]>([]);
  const [paused, setPaused] = useState(false);
  // Milliseconds each shown card has left, counted only while not paused.
  const left = useRef(new Map<number, number>());
  const nextId = useRef(1);
  const speakTimer = useRef(0);

  const announce: Announce = (text, href) => {
    const notice: Notice = { id: nextId.current++, text, at: Date.now() };
    if (href) notice.href = href;
    setRecent((old) => newestFirst(old, notice, RECENT_MAX));
    left.current.set(notice.id, readingTime(text));
    setShown((old) => newestLast(old, notice, SHOWN_MAX));
    // Emptying first makes screen readers speak a message even when it repeats.
    window.clearTimeout(speakTimer.current);
    setSpoken('');
    speakTimer.current = window.setTimeout(() => setSpoken(text), 50);
  };

  const region = useRef<HTMLElement>(null);
  const dismiss = (id: number) => {
    // Focus inside a card that goes would be lost; the screen's heading takes it instead.
    if (region.current?.contains(document.activeElement)) document.querySelector<HTMLElement>('main h1')?.focus();
    setShown((old) => old.filter((n) => n.id !== id));
  };

  // With no card left there is nothing under the pointer or the focus to pause for.
  useEffect(() => {
    if (shown.length === 0) setPaused(false);
  }, [shown.length]);

  // One timer for the card that goes first; while paused, time stands still.
  useEffect(() => {
    if (paused || shown.length === 0) return;
    const started = Date.now();
    const remaining = (n: Notice) => (left.current.get(n.id) ?? 0) - (Date.now() - started);
    const timed = new Set(shown.map((n) => n.id));
    const timer = window.setTimeout(
      () => setShown((old) => old.filter((n) => !timed.has(n.id) || remaining(n) > 0)),
      Math.max(0, Math.min(...shown.map(remaining))),
    );
    return () => {
      window.clearTimeout(timer);
      shown.forEach((n) => left.current.set(n.id, remaining(n)));
    };
  }, [shown, paused]);

  useEffect(() => () => window.clearTimeout(speakTimer.current), []);

  return (
    <StatusContext.Provider value={announce}>
      <NoticesContext.Provider value={{ recent }}>
        {children}
        <div class="visually-hidden" role="status" aria-live="polite">
          {spoken}
        </div>
        {shown.length > 0 && (
          <section
            class="toasts"
            aria-label="Notices"
            ref={region}
            onMouseEnter={() => setPaused(true)}
            onMouseLeave={() => setPaused(false)}
            onFocusIn={() => setPaused(true)}
            onFocusOut={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setPaused(false);
            }}
          >
            <ul class="toasts__list">
              {shown.map((n) => (
                <li
                  class="toast"
                  key={n.id}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') dismiss(n.id);
                  }}
                >
                  <p class="toast__text" id={`toast-${n.id}`}>
                    {n.text}
                  </p>
                  {n.href && (
                    <Link
                      href={n.href}
                      class="toast__open"
                      aria-describedby={`toast-${n.id}`}
                      onClick={() => setShown((old) => old.filter((o) => o.id !== n.id))}
                    >
                      Open
                    </Link>
                  )}
                  <button type="button" class="toast__close" aria-label={`Dismiss: ${n.text}`} onClick={() => dismiss(n.id)}>
                    <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                      <path d="M5 5l10 10M15 5 5 15" />
                    </svg>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </NoticesContext.Provider>
    </StatusContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(StatusContext);
}

/** The notices of this visit, newest first. */
export function useRecentNotices(): Notice[] {
  return useContext(NoticesContext).recent;
}
