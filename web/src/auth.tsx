// Who is signed in. Loaded once from GET /api/v1/me (which also refreshes the CSRF token),
// updated by sign-in, sign-up and settings, and cleared when the server says the session ended.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { api, onSignedOut, type User } from './api';
import { setDisplayTimeZone } from './format';

interface AuthState {
  /** undefined while we are still asking the server; null when nobody is signed in. */
  user: User | null | undefined;
  /** The server could not be reached on load. */
  failed: boolean;
  setUser: (user: User | null) => void;
  retry: () => void;
}

const AuthContext = createContext<AuthState>({
  user: undefined,
  failed: false,
  setUser: () => undefined,
  retry: () => undefined,
});

export function AuthProvider({ children }: { children: ComponentChildren }) {
  const [user, setUserState] = useState<User | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const setUser = (next: User | null) => {
    setDisplayTimeZone(next?.timezone);
    setUserState(next);
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

  useEffect(() => onSignedOut(() => setUser(null)), []);

  return (
    <AuthContext.Provider value={{ user, failed, setUser, retry: () => setAttempt((n) => n + 1) }}>
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
