import { joinMeeting, leaveMeeting, type MeetingStatus, type Participant } from '@concord/shared';
import { userColor } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { formatTime } from '../workspace/formatTime.ts';

export function Participants({ meeting, participants, status }: { meeting: DocumentState; participants: Participant[]; status: MeetingStatus }) {
  const { session } = useCollab();
  const me = participants.find((p) => p.userId === session.user.id);
  const present = me !== undefined && me.leftAt === undefined;
  const canJoin = session.user.role !== 'viewer' && (status === 'active' || status === 'paused');
  return (
    <div className="card">
      <div className="card-heading">
        <h2>Participants</h2>
        {canJoin &&
          (present ? (
            <button type="button" className="button small" onClick={() => leaveMeeting(meeting.doc, session.user.id)}>
              Leave
            </button>
          ) : (
            <button type="button" className="button small primary" onClick={() => joinMeeting(meeting.doc, session.user.id, session.user.name)}>
              Join
            </button>
          ))}
      </div>
      <ul className="people-list" data-testid="participants">
        {participants.length === 0 && <li className="muted small">Nobody has joined yet.</li>}
        {participants.map((p) => (
          <li key={p.userId} data-left={p.leftAt !== undefined}>
            <Avatar user={{ id: p.userId, name: p.name, color: userColor(p.userId) }} size="small" />
            <span>{p.name}</span>
            <span className="muted small">{p.leftAt !== undefined ? `left ${formatTime(p.leftAt)}` : `joined ${formatTime(p.joinedAt)}`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
