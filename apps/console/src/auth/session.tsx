import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, ApiError, apiKeyStore, type Schemas, SIGNED_OUT_EVENT, unwrap } from '../api/client';

export type Role = Schemas['WhoAmIDto_Output']['apiKey']['role'];
export type Me = Schemas['WhoAmIDto_Output'];

interface Session {
  me: Me | undefined;
  /** True until a stored key has been checked against the API. */
  checking: boolean;
  signIn: (key: string) => Promise<void>;
  signOut: () => void;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** Signs in by asking the API who the key is (`GET /v1/me`); the key stays in sessionStorage. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me>();
  const [checking, setChecking] = useState(() => apiKeyStore.get() !== null);

  useEffect(() => {
    if (apiKeyStore.get() === null) return;
    unwrap(api.GET('/v1/me')).then(
      (who) => {
        setMe(who);
        setChecking(false);
      },
      () => {
        apiKeyStore.clear();
        setChecking(false);
      },
    );
  }, []);

  const signIn = useCallback(async (key: string) => {
    apiKeyStore.set(key.trim());
    try {
      setMe(await unwrap(api.GET('/v1/me')));
    } catch (error) {
      apiKeyStore.clear();
      throw error instanceof ApiError && error.status === 401
        ? new ApiError(401, 'Sign-in failed', error.detail || 'The API key was not accepted.', [])
        : error;
    }
  }, []);

  useEffect(() => {
    const signedOut = () => setMe(undefined);
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, []);

  const signOut = useCallback(() => {
    apiKeyStore.clear();
    setMe(undefined);
  }, []);

  const value = useMemo(() => ({ me, checking, signIn, signOut }), [me, checking, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** What the signed-in key's role allows: admins change things, operators also replay and re-route. */
export function usePermissions() {
  const role = useSession().me?.apiKey.role;
  return {
    role,
    canEdit: role === 'admin',
    canOperate: role === 'admin' || role === 'operator',
  };
}
