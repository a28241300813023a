import { listChannels } from '@concord/shared';
import { lazy, Suspense, useEffect } from 'react';
import type { DocumentState } from '../collab/documentRegistry.ts';
import { useObserved } from '../collab/useObserved.ts';
import { ChannelScreen } from '../features/channel/ChannelScreen.tsx';
import { navigate, type Route } from './route.ts';
import { ScreenBoundary } from './ScreenBoundary.tsx';

// The app opens on a channel; every other screen, and the rich-text editor with them, loads when
// first shown. The service worker keeps all of them for offline use (web/build/sw.js).
const MeetingScreen = lazy(() => import('../features/meeting/MeetingScreen.tsx').then((m) => ({ default: m.MeetingScreen })));
const NotesScreen = lazy(() => import('../features/notes/NotesScreen.tsx').then((m) => ({ default: m.NotesScreen })));
const FormScreen = lazy(() => import('../features/form/FormScreen.tsx').then((m) => ({ default: m.FormScreen })));
const InboxScreen = lazy(() => import('../features/inbox/InboxScreen.tsx').then((m) => ({ default: m.InboxScreen })));
const RecordTypesScreen = lazy(() => import('../features/recordTypes/RecordTypesScreen.tsx').then((m) => ({ default: m.RecordTypesScreen })));
const RecordsScreen = lazy(() => import('../features/records/RecordsScreen.tsx').then((m) => ({ default: m.RecordsScreen })));
const ActivityScreen = lazy(() => import('../features/activity/ActivityScreen.tsx').then((m) => ({ default: m.ActivityScreen })));
const PeopleScreen = lazy(() => import('../features/people/PeopleScreen.tsx').then((m) => ({ default: m.PeopleScreen })));

export function Screen({ route, workspace }: { route: Route; workspace: DocumentState }) {
  return (
    <ScreenBoundary key={route.screen}>
      <Suspense fallback={<p className="empty">Loading…</p>}>
        <CurrentScreen route={route} workspace={workspace} />
      </Suspense>
    </ScreenBoundary>
  );
}

function CurrentScreen({ route, workspace }: { route: Route; workspace: DocumentState }) {
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
    case 'people':
      return <PeopleScreen workspace={workspace} />;
    case 'recordTypes':
      return <RecordTypesScreen workspace={workspace} />;
    case 'records':
      return <RecordsScreen key={route.type} type={route.type} view={route.view} workspace={workspace} />;
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
