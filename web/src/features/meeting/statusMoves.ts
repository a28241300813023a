import type { MeetingStatus } from '@concord/shared';

/** The button for moving a meeting from `from` to `to`. */
export function moveLabel(from: MeetingStatus, to: MeetingStatus): string {
  if (to === 'active') return from === 'paused' ? 'Resume' : 'Start';
  if (to === 'paused') return 'Pause';
  if (to === 'ended') return from === 'scheduled' ? 'Cancel meeting' : 'End meeting';
  return to;
}

export const STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  active: 'In progress',
  paused: 'Paused',
  ended: 'Ended',
};
