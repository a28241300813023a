import type { PresenceStatus } from '@concord/shared';
import { STATUS_LABELS } from './statusLabels.ts';

export interface AvatarUser {
  id: string;
  name: string;
  color: string;
  avatar?: string;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

export function Avatar({ user, status, size = 'medium' }: { user: AvatarUser; status?: PresenceStatus; size?: 'small' | 'medium' }) {
  return (
    <span className={`avatar avatar-${size}`} style={{ background: user.color }} title={status ? `${user.name} — ${STATUS_LABELS[status]}` : user.name}>
      {user.avatar ? <img src={user.avatar} alt="" /> : initials(user.name)}
      {status && <span className={`status-dot status-${status}`} aria-hidden="true" />}
    </span>
  );
}
