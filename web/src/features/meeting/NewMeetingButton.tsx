import { formatDocName, newId, scheduleMeeting, upsertMeetingEntry } from '@concord/shared';
import { useState } from 'react';
import { NewEntryDialog } from '../../app/NewEntryDialog.tsx';
import { navigate } from '../../app/route.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';

/** `datetime-local` wants local time without a zone. */
function localInputValue(at: number): string {
  const date = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

export function NewMeetingButton({ workspace }: { workspace: DocumentState }) {
  const { session, registry } = useCollab();
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState(() => localInputValue(Math.ceil(Date.now() / 1_800_000) * 1_800_000));
  const [duration, setDuration] = useState(30);

  function schedule() {
    const id = newId();
    const scheduledAt = new Date(when).getTime();
    const name = formatDocName({ org: session.user.org, kind: 'meeting', id });
    const meeting = registry.acquire(name);
    scheduleMeeting(meeting.doc, { title: title.trim(), scheduledAt, durationMin: duration, createdBy: session.user.id, createdByName: session.user.name });
    registry.release(name);
    upsertMeetingEntry(workspace.doc, { id, title: title.trim(), scheduledAt, status: 'scheduled' });
    setTitle('');
    navigate({ screen: 'meeting', id });
  }

  return (
    <NewEntryDialog label="Schedule meeting" title="Schedule a meeting" submitLabel="Schedule" onCreate={schedule}>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={120} autoFocus />
      </label>
      <div className="row">
        <label className="grow">
          When
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
        </label>
        <label>
          Minutes
          <input type="number" min={5} max={480} step={5} value={duration} onChange={(e) => setDuration(Number(e.target.value))} required />
        </label>
      </div>
    </NewEntryDialog>
  );
}
