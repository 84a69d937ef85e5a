// Live events: one WebSocket to /api/v1/events while someone is signed in. The server sends
// {type, bond_id, id} when the other person in a bond does something; screens listen with
// `useLiveEvents` and refetch what the event touches. After a dropped connection the socket comes
// back with growing pauses, and every listener hears a "resync" so nothing missed stays stale.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { api, NOTICE_KINDS, type Bond, type NoticeKind } from './api';
import { useAuth } from './auth';
import { useAnnounce } from './status';
import { bondHref, journeyHref, menusHref, noticeHref, targetId } from './ui/target';

/**
 * Every kind of notice is also a live event (its id is the notice's subject: for check-ins the
 * day, for invite_accepted the new bond), and a few more are only live: changes to what is
 * already on screen.
 */
export type LiveEventType =
  | NoticeKind
  | 'entry_withdrawn'
  | 'entry_updated'
  | 'entry_deleted'
  /** What the other shows of their two needs changed: the bond's needs are fetched again. */
  | 'needs_changed'
  /** The journey: the moment's id. */
  | 'moment_updated'
  | 'moment_deleted'
  /** Menus: the shared wishes changed (to both; id the bond), never saying which. */
  | 'menu_matches_changed'
  /** Menus: the other suggested an item, or took one back (id the suggestion). */
  | 'menu_suggested'
  | 'menu_unsuggested'
  /** Not from the server: the connection came back, so anything may have changed. */
  | 'resync';

export interface LiveEvent {
  type: LiveEventType;
  bond_id: string;
  id: string;
  /** The notice written for this event, when there is one (see Home's "what is new"). */
  notice_id?: string;
  /** For response_added and entry_shared: the entry. */
  entry_id?: string;
}

type Listener = (event: LiveEvent) => void;

const LiveContext = createContext<Set<Listener>>(new Set());

/** What to say in the live region, given the other person's name. Quiet for the rest. */
const sayings: Partial<Record<LiveEventType, (name: string) => string>> = {
  entry_shared: (name) => `${name} shared something with you.`,
  entry_updated: (name) => `${name} changed something they shared with you.`,
  entry_withdrawn: (name) => `${name} took something back to keep for themselves.`,
  response_added: (name) => `${name} responded to something you shared.`,
  appreciation_added: (name) => `${name} sent you some warmth.`,
  comfort_requested: (name) => `${name} could use some comfort.`,
  comfort_answered: (name) => `${name} answered when you asked for comfort.`,
  space_requested: (name) => `${name} would like some time to themselves.`,
  space_answered: (name) => `${name} answered your wish for time to yourself.`,
  invite_accepted: (name) => `${name} accepted your invitation. You are connected now.`,
  bond_ended: (name) => `Your bond with ${name} has ended.`,
  checkin_added: (name) => `${name} has checked in today.`,
  checkin_revealed: (name) => `You and ${name} have both checked in. Your answers are open to you both.`,
  moment_added: (name) => `${name} added a moment to your journey.`,
  moment_updated: (name) => `${name} changed a moment in your journey.`,
  deck_answered: (name) => `${name} answered a question; yours is waiting.`,
  deck_revealed: () => 'You have both answered: read each other’s answers.',
  menu_suggested: (name) => `${name} suggested something for your menu.`,
};

const types = new Set<string>([
  ...NOTICE_KINDS,
  'entry_withdrawn',
  'entry_updated',
  'entry_deleted',
  'needs_changed',
  'moment_updated',
  'moment_deleted',
  'menu_matches_changed',
  'menu_suggested',
  'menu_unsuggested',
]);

/**
 * Where the thing an event speaks of can be found, for the notice's "Open" link; none for what is
 * gone. A response's event names its entry too, as the notice does.
 */
function hrefOf(event: LiveEvent): string | undefined {
  switch (event.type) {
    case 'entry_withdrawn':
    case 'entry_deleted':
    case 'needs_changed':
    case 'moment_deleted':
    case 'menu_matches_changed':
    case 'menu_unsuggested':
    case 'resync':
      return undefined;
    case 'menu_suggested':
      return menusHref(event.bond_id);
    case 'entry_updated':
      return bondHref(event.bond_id, targetId.entry(event.id));
    case 'moment_added':
    case 'moment_updated':
      return journeyHref(event.bond_id, targetId.moment(event.id));
    default:
      return noticeHref({ kind: event.type, bond_id: event.bond_id, subject_id: event.id, entry_id: event.entry_id });
  }
}

/**
 * Something this tab does itself and says itself (ending a bond): the server tells all of the
 * person's apps, this one included, and the echo is not said twice. Marked before the request is
 * sent, since the event can arrive before the answer; `done` is false when the request failed.
 */
const saidHere = new Map<string, number>();
const echoKey = (type: LiveEventType, bondId: string) => `${type} ${bondId}`;

export function sayingHere(type: LiveEventType, bondId: string, done = true): void {
  if (done) saidHere.set(echoKey(type, bondId), Date.now());
  else saidHere.delete(echoKey(type, bondId));
}

function isEcho(event: LiveEvent): boolean {
  const at = saidHere.get(echoKey(event.type, event.bond_id));
  return at !== undefined && Date.now() - at < 30_000;
}

function parse(data: unknown): LiveEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data) as Partial<LiveEvent>;
    if (typeof value.type !== 'string' || !types.has(value.type)) return null;
    const event: LiveEvent = { type: value.type, bond_id: String(value.bond_id ?? ''), id: String(value.id ?? '') };
    if (typeof value.notice_id === 'string') event.notice_id = value.notice_id;
    if (typeof value.entry_id === 'string') event.entry_id = value.entry_id;
    return event;
  } catch {
    return null;
  }
}

export function LiveProvider({ children }: { children: ComponentChildren }) {
  const { user } = useAuth();
  const announce = useAnnounce();
  const listeners = useRef(new Set<Listener>()).current;
  const names = useRef(new Map<string, string>());
  const announceRef = useRef(announce);
  announceRef.current = announce;
  const userId = user?.id;

  useEffect(() => {
    if (!userId) return;
    let socket: WebSocket | null = null;
    let timer = 0;
    let failures = 0;
    let stopped = false;

    const emit = (event: LiveEvent) => listeners.forEach((listener) => listener(event));

    const nameOf = async (bondId: string): Promise<string> => {
      if (!names.current.has(bondId)) {
        try {
          const bonds: Bond[] = await api.bonds();
          bonds.forEach((b) => names.current.set(b.id, b.other.display_name));
        } catch {
          // Say it without a name rather than not at all.
        }
      }
      return names.current.get(bondId) ?? 'Someone close to you';
    };

    const connect = () => {
      if (stopped) return;
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(`${scheme}//${window.location.host}/api/v1/events`);
      socket = ws;
      ws.onopen = () => {
        failures = 0;
        // Whatever happened before the socket was listening (while the screen loaded, or during a
        // gap in the connection) is fetched again.
        emit({ type: 'resync', bond_id: '', id: '' });
      };
      ws.onmessage = (message) => {
        const event = parse(message.data);
        if (!event) return;
        emit(event);
        const say = sayings[event.type];
        if (!say || isEcho(event)) return;
        void nameOf(event.bond_id).then((name) => announceRef.current(say(name), hrefOf(event)));
      };
      ws.onclose = () => {
        if (socket !== ws || stopped) return;
        socket = null;
        failures += 1;
        // 1 s, 2 s, 4 s ... up to 30 s, with a little jitter so many tabs do not knock at once.
        const pause = Math.min(30_000, 1000 * 2 ** Math.min(failures - 1, 5)) * (0.8 + Math.random() * 0.4);
        timer = window.setTimeout(reconnect, pause);
      };
    };

    // A socket also closes when the session ends elsewhere (a new password, this device signed out
    // from another). Asking who we are first tells the app so (a 401 signs it out, with a word on
    // the sign-in screen) instead of knocking with a session that is gone.
    const reconnect = async () => {
      try {
        if (!(await api.me())) return;
      } catch {
        // The server cannot be reached: the socket will find out, and try again later.
      }
      connect();
    };

    // Reconnect at once when the device comes back online or the tab is shown again.
    const wake = () => {
      if (socket || stopped || document.visibilityState === 'hidden') return;
      window.clearTimeout(timer);
      failures = 0;
      connect();
    };

    connect();
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', wake);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener('online', wake);
      document.removeEventListener('visibilitychange', wake);
      socket?.close(1000);
      socket = null;
      names.current.clear();
    };
  }, [userId]);

  return <LiveContext.Provider value={listeners}>{children}</LiveContext.Provider>;
}

/** Calls `handler` for every live event while the calling screen is shown. */
export function useLiveEvents(handler: Listener): void {
  const listeners = useContext(LiveContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const listener: Listener = (event) => ref.current(event);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [listeners]);
}
