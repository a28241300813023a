import { canWrite, joinMeeting, leaveMeeting, type MeetingStatus, type Participant } from '@concord/shared';
import { userColor } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import type { Choosable } from '../people/matchPeople.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { formatTime } from '../workspace/formatTime.ts';
import { InviteForm } from './InviteForm.tsx';

/**
 * `people` are the workspace's, whom the invite form offers by name. The organiser comes first,
 * marked so; a meeting from before organisers were written as participants lists them by what is known.
 */
export function Participants({ meeting, participants: written, organiser, status, people }: { meeting: DocumentState; participants: Participant[]; organiser: string; status: MeetingStatus; people: readonly Choosable[] }) {
  const { session } = useCollab();
  const names = new Map<string, string>([...people.map((p): [string, string] => [p.id, p.name]), ...written.map((p): [string, string] => [p.userId, p.name])]);
  names.set(session.user.id, session.user.name);
  const participants = withOrganiserFirst(written, organiser, names);
  names.set(session.user.id, 'you');
  const me = participants.find((p) => p.userId === session.user.id);
  const present = me !== undefined && isJoined(me) && me.leftAt === undefined;
  const writable = canWrite(session.user.role);
  const canJoin = writable && (status === 'active' || status === 'paused');
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
        {participants.map((p) => {
          const state = p.leftAt !== undefined ? 'left' : isJoined(p) ? 'joined' : 'invited';
          return (
            <li key={p.userId} data-state={state} data-left={state === 'left'}>
              <Avatar user={{ id: p.userId, name: p.name, color: userColor(p.userId) }} size="small" />
              <span>{p.name}</span>
              {p.userId === organiser && <span className="tag tag-organiser">organiser</span>}
              {state === 'invited' ? (
                p.userId !== organiser && <span className="tag tag-invited">invited{p.invitedBy ? ` by ${names.get(p.invitedBy) ?? p.invitedBy}` : ''}</span>
              ) : (
                <span className="muted small">{state === 'left' ? `left ${formatTime(p.leftAt!)}` : `joined ${formatTime(p.joinedAt)}`}</span>
              )}
            </li>
          );
        })}
      </ul>
      {writable && status !== 'ended' && <InviteForm meeting={meeting} participants={participants} people={people} />}
    </div>
  );
}

function withOrganiserFirst(participants: Participant[], organiser: string, names: ReadonlyMap<string, string>): Participant[] {
  if (!organiser) return participants;
  const listed = participants.find((p) => p.userId === organiser) ?? { userId: organiser, name: names.get(organiser) ?? organiser, joinedAt: 0 };
  return [listed, ...participants.filter((p) => p.userId !== organiser)];
}

/** An invited participant has no join time until they join. */
function isJoined(participant: Participant): boolean {
  return participant.joinedAt > 0;
}
