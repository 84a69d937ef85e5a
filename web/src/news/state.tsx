// The person's notices (GET /api/v1/notices), held once for the whole app: Home lists them, the
// navigation shows how many are unread. Fetched again on every live event and when Home is shown;
// opening the thing a notice speaks of (its address, from any link) marks that notice seen.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiError, type Notice } from '../api';
import { useAuth } from '../auth';
import { toApiError } from '../hooks';
import { useLiveEvents } from '../live';
import { useLocation } from '../router';
import { markedSeen, openedBy, unreadCount } from './news';

export interface News {
  /** Undefined until first loaded (and while nobody is signed in). */
  notices: Notice[] | undefined;
  unread: number;
  loading: boolean;
  error: ApiError | null;
  /** Fetches the list again (at most once a second). */
  reload: () => void;
  /** Fetches again now, even right after a fetch: after one's own answer changed what is listed. */
  refresh: () => void;
  /** Marks these notices, or all, seen: at once on screen, then on the server. */
  markSeen: (which: string[] | 'all') => Promise<boolean>;
}

const NewsContext = createContext<News>({
  notices: undefined,
  unread: 0,
  loading: false,
  error: null,
  reload: () => undefined,
  refresh: () => undefined,
  markSeen: async () => false,
});

export function NewsProvider({ children }: { children: ComponentChildren }) {
  const { user } = useAuth();
  const userId = user?.id;
  const [notices, setNotices] = useState<Notice[] | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ticket = useRef(0);
  const lastLoad = useRef(0);

  const load = async (force: boolean) => {
    if (!userId) return;
    const now = Date.now();
    if (!force && now - lastLoad.current < 1000) return;
    lastLoad.current = now;
    const mine = ++ticket.current;
    setLoading(true);
    try {
      const answer = await api.notices();
      if (mine !== ticket.current) return;
      setNotices(answer.notices);
      setError(null);
    } catch (e) {
      if (mine === ticket.current) setError(toApiError(e));
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  };

  useEffect(() => {
    ticket.current++;
    setNotices(undefined);
    setError(null);
    lastLoad.current = 0;
    if (userId) void load(true);
  }, [userId]);

  // Anything the other person did may be new, and a gap in the connection may have hidden some.
  useLiveEvents(() => void load(true));

  const markSeen = async (which: string[] | 'all'): Promise<boolean> => {
    if (which !== 'all' && which.length === 0) return true;
    setNotices((old) => (old ? markedSeen(old, which) : old));
    try {
      await api.markNoticesSeen(which === 'all' ? { all: true } : { ids: which.slice(0, 100) });
      return true;
    } catch {
      void load(true);
      return false;
    }
  };

  // The address, with its fragment: a link to an item marks its notice seen once it is opened.
  const { pathname } = useLocation();
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  const currentHash = window.location.hash;
  if (currentHash !== hash) setHash(currentHash);

  useEffect(() => {
    if (!notices) return;
    const opened = openedBy(notices, pathname, hash);
    if (opened.length > 0) void markSeen(opened);
  }, [notices, pathname, hash]);

  const value: News = {
    notices,
    unread: notices ? unreadCount(notices) : 0,
    loading,
    error,
    reload: () => void load(false),
    refresh: () => void load(true),
    markSeen,
  };
  return <NewsContext.Provider value={value}>{children}</NewsContext.Provider>;
}

export function useNews(): News {
  return useContext(NewsContext);
}
