import { listChannels } from '@concord/shared';
import { useEffect } from 'react';
import type { DocumentState } from '../collab/documentRegistry.ts';
import { useObserved } from '../collab/useObserved.ts';
import { ActivityScreen } from '../features/activity/ActivityScreen.tsx';
import { ChannelScreen } from '../features/channel/ChannelScreen.tsx';
import { FormScreen } from '../features/form/FormScreen.tsx';
import { InboxScreen } from '../features/inbox/InboxScreen.tsx';
import { MeetingScreen } from '../features/meeting/MeetingScreen.tsx';
import { NotesScreen } from '../features/notes/NotesScreen.tsx';
import { navigate, type Route } from './route.ts';

export function Screen({ route, workspace }: { route: Route; workspace: DocumentState }) {
  switch (route.screen) {
    case 'home':
      return <Home workspace={workspace} />;
    case 'channel':
      return <ChannelScreen key={route.id} channelId={route.id} workspace={workspace} />;
    case 'meeting':
      return <MeetingScreen key={route.id} meetingId={route.id} workspace={workspace} />;
    case 'form':
      return <FormScreen key={route.id} formId={route.id} workspace={workspace} />;
    case 'notes':
      return <NotesScreen key={route.id} notesId={route.id} workspace={workspace} />;
    case 'inbox':
      return <InboxScreen />;
    case 'activity':
      return <ActivityScreen workspace={workspace} />;
  }
}

/** The start page is the first channel, once the directory knows one. */
function Home({ workspace }: { workspace: DocumentState }) {
  const first = useObserved(workspace.doc, (doc) => listChannels(doc).find((c) => c.id === 'general') ?? listChannels(doc)[0]);
  useEffect(() => {
    if (first) navigate({ screen: 'channel', id: first.id }, { replace: true });
  }, [first]);
  const text = workspace.synced ? 'No channels yet. Ask an editor to create one.' : workspace.loaded ? 'Loading your workspace…' : 'Connecting…';
  return <p className="empty">{text}</p>;
}
