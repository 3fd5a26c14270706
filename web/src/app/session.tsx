import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client.js';
import type { Session } from '../api/types.js';

export type Credentials = { readonly username: string; readonly password: string } | { readonly apiKey: string };

interface SessionContextValue {
  /** undefined while the first check runs; null when signed out. */
  readonly session: Session | null | undefined;
  /** Why the last session ended, shown on the sign-in page. */
  readonly endedReason: string | null;
  signIn(credentials: Credentials): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

const SESSION_KEY = ['session'] as const;
/** While the reviewer is active, refresh the server's idle timer at most this often. */
const KEEP_ALIVE_MS = 4 * 60_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('GET', '/v1/session', { expectUnauthorized: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const queryClient = useQueryClient();
  const [endedReason, setEndedReason] = useState<string | null>(null);
  const { data: session } = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false });

  // Whatever ends a session also drops every cached case, so no personal data outlives it on screen.
  const endLocally = useCallback(
    (reason: string | null) => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, null);
      setEndedReason(reason);
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => endLocally('Your session has ended. Sign in again to continue.'));
    return () => setUnauthorizedHandler(null);
  }, [endLocally]);

  const signIn = useCallback(
    async (credentials: Credentials) => {
      const next = await api<Session>('POST', '/v1/session', { body: credentials, expectUnauthorized: true });
      setCsrfToken(next.csrfToken);
      setEndedReason(null);
      queryClient.setQueryData(SESSION_KEY, next);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api('DELETE', '/v1/session', { expectUnauthorized: true });
    } finally {
      endLocally('You signed out.');
    }
  }, [endLocally]);

  useIdleSignOut(session ?? null, endLocally);

  const value = useMemo(() => ({ session, endedReason, signIn, signOut }), [session, endedReason, signIn, signOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** Signs out after the server's idle time-out without input, and keeps the server session alive while there is input. */
function useIdleSignOut(session: Session | null, endLocally: (reason: string) => void): void {
  const lastPing = useRef(0);
  useEffect(() => {
    if (session === null) return;
    const idleMs = session.idleTimeoutSeconds * 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expire = () => {
      void api('DELETE', '/v1/session', { expectUnauthorized: true }).catch(() => undefined);
      endLocally(`Signed out after ${Math.round(session.idleTimeoutSeconds / 60)} minutes without activity.`);
    };
    const onActivity = () => {
      clearTimeout(timer);
      timer = setTimeout(expire, idleMs);
      const now = Date.now();
      if (now - lastPing.current > KEEP_ALIVE_MS) {
        lastPing.current = now;
        void api('GET', '/v1/session').catch(() => undefined);
      }
    };
    lastPing.current = Date.now();
    timer = setTimeout(expire, idleMs);
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity);
    };
  }, [session, endLocally]);
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (value === null) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for pages behind RequireSession. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (session === null || session === undefined) throw new Error('not signed in');
  return session;
}
