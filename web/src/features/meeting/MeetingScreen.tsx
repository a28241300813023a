import {
  allowedStatusMoves,
  canWrite,
  formatDocName,
  listParticipants,
  meetingNotes,
  readMeetingMeta,
  setMeetingStatus,
  upsertMeetingEntry,
  type MeetingStatus,
} from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { usePresence } from '../../collab/usePresence.ts';
import { knownPeople } from '../people/knownPeople.ts';
import { usePeople } from '../people/usePeople.ts';
import { RichTextEditor } from '../notes/RichTextEditor.tsx';
import { parsePeers, peopleFrom } from '../presence/peers.ts';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { DocumentStatus } from '../workspace/DocumentStatus.tsx';
import { formatDateTime } from '../workspace/formatTime.ts';
import { Agenda } from './Agenda.tsx';
import { Participants } from './Participants.tsx';
import { moveLabel, STATUS_LABELS } from './statusMoves.ts';

export function MeetingScreen({ meetingId, workspace }: { meetingId: string; workspace: DocumentState }) {
  const { session } = useCollab();
  const meeting = useDocument(formatDocName({ org: session.user.org, kind: 'meeting', id: meetingId }));
  const meta = useObserved(meeting.doc, readMeetingMeta);
  const participants = useObserved(meeting.doc, listParticipants);
  const writable = canWrite(session.user.role);
  const online = peopleFrom(parsePeers(usePresence(workspace)), session.user.id).map((person) => person.user);
  const people = knownPeople(usePeople(workspace), online);

  function move(to: MeetingStatus) {
    setMeetingStatus(meeting.doc, to);
    upsertMeetingEntry(workspace.doc, { id: meetingId, title: meta.title, scheduledAt: meta.scheduledAt, status: to });
  }

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title">{meta.title || 'Meeting'}</h1>
          <p className="muted">
            {meta.scheduledAt ? formatDateTime(meta.scheduledAt) : 'Not scheduled'} · {meta.durationMin || '?'} min
          </p>
        </div>
        <PresenceAvatars document={meeting} label="People looking at this meeting" />
      </header>
      <DocumentStatus document={meeting} />
      <div className="card meeting-status">
        <span className={`pill pill-${meta.status}`} data-testid="meeting-status">
          {STATUS_LABELS[meta.status]}
        </span>
        {writable && (
          <div className="row" role="group" aria-label="Meeting status">
            {allowedStatusMoves(meta.status).map((to) => (
              <button key={to} type="button" className={`button${to === 'ended' ? ' danger' : ' primary'}`} onClick={() => move(to)}>
                {moveLabel(meta.status, to)}
              </button>
            ))}
          </div>
        )}
      </div>
      <div className="meeting-grid">
        <Participants meeting={meeting} participants={participants} organiser={meta.createdBy} status={meta.status} people={people} />
        <Agenda meeting={meeting} />
      </div>
      <h2 className="section-title">Shared notes</h2>
      <div className="card editor-card">
        <RichTextEditor fragment={meetingNotes(meeting.doc)} provider={meeting.provider} label="Meeting notes" />
      </div>
    </section>
  );
}
