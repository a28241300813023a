import { useEffect, useState } from 'react';
import { ProviderSignIn } from '../auth/ProviderSignIn.tsx';
import { SignIn } from '../auth/SignIn.tsx';
import { useSignIn } from '../auth/useSignIn.ts';
import { createCollab, type Collab } from '../collab/collab.ts';
import { CollabContext } from '../collab/CollabContext.ts';
import type { Refusal } from '@concord/shared';
import { describeRefusal } from '../collab/refusals.ts';
import { Notices } from './Notices.tsx';
import { pushNotice } from './notices.ts';
import { Shell } from './Shell.tsx';

export function App() {
  const { session, checking, auth, message: signInMessage, signedIn, signOut } = useSignIn();
  const [collab, setCollab] = useState<Collab | null>(null);

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
        checking ? null : auth?.mode === 'oidc' ? (
          <ProviderSignIn providerName={auth.providerName ?? 'your organisation'} message={signInMessage} />
        ) : (
          <SignIn onSignedIn={signedIn} message={signInMessage} />
        )
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
