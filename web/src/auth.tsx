// Who is signed in. Loaded once from GET /api/v1/me (which also refreshes the CSRF token),
// updated by sign-in, sign-up and settings, and cleared when the server says the session ended.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { api, onSignedOut, type User } from './api';
import { setDisplayTimeZone } from './format';
import { navigate } from './router';
import { useAnnounce } from './status';

interface AuthState {
  /** undefined while we are still asking the server; null when nobody is signed in. */
  user: User | null | undefined;
  /** The server could not be reached on load. */
  failed: boolean;
  /**
   * The server ended this browser's session while the app was in use (a password changed, or this
   * device signed out, elsewhere): the sign-in screen says so.
   */
  sessionLost: boolean;
  setUser: (user: User | null) => void;
  retry: () => void;
}

const AuthContext = createContext<AuthState>({
  user: undefined,
  failed: false,
  sessionLost: false,
  setUser: () => undefined,
  retry: () => undefined,
});

export function AuthProvider({ children }: { children: ComponentChildren }) {
  const [user, setUserState] = useState<User | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [sessionLost, setSessionLost] = useState(false);
  const signedIn = useRef(false);

  const setUser = (next: User | null) => {
    setDisplayTimeZone(next?.timezone);
    setUserState(next);
    signedIn.current = Boolean(next);
    if (next) setSessionLost(false);
  };

  useEffect(() => {
    let live = true;
    setFailed(false);
    api.me().then(
      (me) => live && setUser(me),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(
    () =>
      onSignedOut(() => {
        // Only a session that was in use can be lost; "nobody is signed in" on load is not news.
        if (signedIn.current) setSessionLost(true);
        setUser(null);
      }),
    [],
  );

  return (
    <AuthContext.Provider value={{ user, failed, sessionLost, setUser, retry: () => setAttempt((n) => n + 1) }}>
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

/** The signed-in person. Only for screens that are shown to signed-in people. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser outside a signed-in screen');
  return user;
}

/** Signs out here, whatever the server says, and goes to the sign-in screen. */
export function useSignOut(): () => Promise<void> {
  const { setUser } = useAuth();
  const announce = useAnnounce();
  return async () => {
    try {
      await api.logout();
    } catch {
      // Signed out here either way; the server forgets the session when it can.
    }
    setUser(null);
    navigate('/signin', { replace: true });
    announce('You are signed out. See you soon.');
  };
}
