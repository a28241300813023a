/**
 * Who is signed in, and how this server signs people in (README "Sign-in"). A stored session is used
 * at once (the app works offline); without one the app asks the server how to sign in and, when it
 * signs people in with a provider, whether this browser already is (just back from the provider's
 * pages, or a session that outlived the stored token).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchAuthConfig, type AuthConfig } from './authConfig.ts';
import { endProviderSession, requestSessionToken, takeSignInError } from './providerSession.ts';
import { clearSession, loadSession, saveSession, sessionFromToken, type Session } from './session.ts';

export interface SignInState {
  session: Session | null;
  /** Still finding out whether somebody is signed in: show nothing yet. */
  checking: boolean;
  /** Null until known, or when the server cannot be reached. */
  auth: AuthConfig | null;
  message?: string;
  signedIn(session: Session): void;
  signOut(message?: string): void;
}

export function useSignIn(): SignInState {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [checking, setChecking] = useState(session === null);
  const [auth, setAuth] = useState<AuthConfig | null>(null);
  const [message, setMessage] = useState<string | undefined>(takeSignInError);
  const current = useRef(session);
  current.current = session;

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const config = await fetchAuthConfig();
      if (cancelled) return;
      setAuth(config);
      if (config?.mode === 'oidc' && !current.current) {
        const token = await requestSessionToken().catch(() => null);
        const resumed = token ? sessionFromToken(token) : null;
        if (!cancelled && resumed) {
          const withProvider: Session = { ...resumed, via: 'oidc' };
          saveSession(withProvider);
          setSession(withProvider);
        }
      }
      if (!cancelled) setChecking(false);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const signedIn = useCallback((next: Session) => {
    setMessage(undefined);
    setSession(next);
  }, []);

  const signOut = useCallback((text?: string) => {
    const via = current.current?.via;
    clearSession();
    setMessage(text);
    setSession(null);
    // Without this, the session cookie would sign the same person in again on the next load.
    if (via === 'oidc') void endProviderSession().catch(() => undefined);
  }, []);

  return { session, checking, auth, message, signedIn, signOut };
}
