import { useSyncExternalStore } from 'react';
import { PRESENCE_STATUSES, type PresenceStatus } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import { STATUS_LABELS } from './statusLabels.ts';

/** What others see of you (available, away, busy): a person's choice, unrelated to the connection. */
export function StatusPicker() {
  const { presence } = useCollab();
  const { status } = useSyncExternalStore(presence.subscribe, presence.get);
  return (
    <label className="status-picker" title="Your status, as others see it">
      <span className={`status-dot status-${status}`} aria-hidden="true" />
      <span className="visually-hidden">Your status</span>
      <select value={status} onChange={(e) => presence.set({ status: e.target.value as PresenceStatus })}>
        {PRESENCE_STATUSES.map((value) => (
          <option key={value} value={value}>
            {STATUS_LABELS[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
