import type { PresenceStatus } from '@concord/shared';

/**
 * How a presence status reads. Not "Online": that word belongs to the connection indicator next
 * to the status picker, and two "Online" controls side by side read as one thing said twice.
 */
export const STATUS_LABELS: Record<PresenceStatus, string> = {
  online: 'Available',
  away: 'Away',
  busy: 'Busy',
};
