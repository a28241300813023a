import { useCallback, useEffect, useState } from 'react';
import { SignIn } from '../auth/SignIn.tsx';
import { clearSession, loadSession, type Session } from '../auth/session.ts';
import { createCollab, type Collab } from '../collab/collab.ts';
import { CollabContext } from '../collab/CollabContext.ts';
import type { Refusal } from '@concord/shared';
import { describeRefusal } from '../collab/refusals.ts';
import { Notices } from './Notices.tsx';
import { pushNotice } from './notices.ts';
import { Shell } from './Shell.tsx';

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [signInMessage, setSignInMessage] = useState<string | undefined>();
  const [collab, setCollab] = useState<Collab | null>(null);

  const signOut = useCallback((message?: string) => {
    clearSession();
    setSignInMessage(message);
    setSession(null);
  }, []);

  useEffect(() => {
    if (!session) return;
    const onRefusal = (name: string, refusal: Refusal) => {
      const text = describeRefusal(refusal, titleOf(name));
      if (refusal.action === 'sign-in') signOut(text);
      else pushNotice(text, refusal.action === 'retry' ? 'info' : 'warning');
    };
    const created = createCollab(session, onRefusal);
    setCollab(created);
    return () => {
      created.destroy();
      setCollab(null);
    };
  }, [session, signOut]);

  return (
    <>
      {!session ? (
        <SignIn onSignedIn={setSession} message={signInMessage} />
      ) : collab ? (
        <CollabContext.Provider value={collab}>
          <Shell onSignOut={() => signOut()} />
        </CollabContext.Provider>
      ) : null}
      <Notices />
    </>
  );
}

function titleOf(docName: string): string {
  const [, kind, id] = docName.split(':');
  return kind && id ? `${kind} “${id}”` : docName;
}
