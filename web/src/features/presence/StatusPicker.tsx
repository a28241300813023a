import { useSyncExternalStore } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { PresenceStatus } from '@concord/shared';

export function StatusPicker() {
  const { presence } = useCollab();
  const { status } = useSyncExternalStore(presence.subscribe, presence.get);
  return (
    <label className="status-picker">
      <span className={`status-dot status-${status}`} aria-hidden="true" />
      <span className="visually-hidden">My status</span>
      <select value={status} onChange={(e) => presence.set({ status: e.target.value as PresenceStatus })}>
        <option value="online">Online</option>
        <option value="away">Away</option>
        <option value="busy">Busy</option>
      </select>
    </label>
  );
}
